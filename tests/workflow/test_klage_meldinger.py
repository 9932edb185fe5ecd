"""After each task of an appeal the person is told, once, what was done and what comes next."""

import pytest
from django.utils import timezone

from tests.workflow.klage_helpers import appeal_on_min_side, decided, perform_klage
from workflow.models import Klage

pytestmark = pytest.mark.django_db


def told(client, response) -> str:
    html = client.get(response.url).content.decode()
    [main] = html.split("<main", 1)[1:]
    return main.split("</main>", 1)[0]


def test_each_appeal_task_says_what_was_done_and_what_comes_next(world, perform, client):
    sak = decided(world, perform)
    appeal_on_min_side(client, sak)
    klage = Klage.objects.get(paklaget=sak)
    nr = Klage.objects.select_related("sak").get(pk=klage.pk).sak.saksnummer
    response = perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "Klagen gir ikke nye opplysninger."},
    )
    main = told(client, response)
    said = (
        f"{nr}: «Ny vurdering av vedtaket etter klage» er fullført. "
        "Neste steg: Send klagen til klageorganet."
    )
    assert main.count(said) == 1 and 'role="status"' in main
    perform_klage(
        client, klage, "oversend", world.programleder, {"uttalelse": "Programmet står ved det."}
    )
    response = perform_klage(
        client,
        klage,
        "klageorgan",
        world.programleder,
        {
            "resultat": "stadfestet",
            "resultat_dato": timezone.localdate().isoformat(),
            "begrunnelse": "Kommunestyret slutter seg til vurderingen.",
        },
    )
    assert (
        f"{nr}: «Registrer klageorganets vedtak» er fullført. Saken er ferdig behandlet."
        in told(client, response)
    )
