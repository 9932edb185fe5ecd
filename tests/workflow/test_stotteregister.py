"""Grants above the register threshold are marked for reporting to the state aid register
(støtteregisteret), listed for staff, exported as CSV and Excel, and marked reported."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from handlingsplan.bagatell_regimer import FORORDNING_2831
from handlingsplan.models import Bagatellregime, Eurokurs
from workflow.models import Hendelse, Sak, Vedtak

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db

SPRING_2026 = datetime(2026, 3, 10, 12, tzinfo=ZoneInfo("Europe/Oslo"))
URL = reverse("saker:stotteregister")


def _granted(world, perform, belop, **fields):
    sak, process = world.submit(**fields)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=belop))
    perform(process, "delegert_vedtak", world.programleder, {})
    return Vedtak.objects.get(sak=sak)


@pytest.fixture
def decided(world, perform):
    """Threshold EUR 7 000 at 10 NOK per EUR: 80 000 kr (8 000 EUR) is reported, 60 000 kr
    (6 000 EUR) to another organisation is not."""
    Bagatellregime.objects.filter(forordning=FORORDNING_2831).update(rapporteringsgrense_eur=7_000)
    Eurokurs.objects.create(program=world.program, dato=date(2025, 1, 1), nok_per_eur=10)
    with time_machine.travel(SPRING_2026, tick=False):
        above = _granted(world, perform, 80_000)
        below = _granted(world, perform, 60_000, orgnr="923609016")
    return above, below


def test_a_grant_above_the_threshold_is_listed_and_exported(world, perform, client, decided):
    above, below = decided
    assert above.rapporteres and not below.rapporteres
    client.force_login(world.programleder)

    page = client.get(URL)
    assert page.status_code == 200
    content = page.content.decode()
    assert above.referanse in content and below.referanse not in content
    assert "988 077 917" in content and "8 000" in content

    csv = client.get(reverse("saker:stotteregister_eksport", args=["csv"]))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Vedtak;Vedtaksdato;Organisasjonsnummer")
    assert lines[1:] == [
        f"{above.referanse};10.03.2026;988077917;Bedrift AS;Nytt produkt;80000;8000;10.0000;"
        f"{FORORDNING_2831};"
    ]

    xlsx = client.get(reverse("saker:stotteregister_eksport", args=["xlsx"]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Vedtak", "Vedtaksdato", "Organisasjonsnummer")
    assert len(rows) == 2
    ref, dag, orgnr, _navn, _tittel, nok, eur, kurs, forordning, rapportert = rows[1]
    assert (ref, dag.date(), orgnr, nok, eur, kurs, forordning, rapportert) == (
        above.referanse,
        date(2026, 3, 10),
        "988077917",
        80_000,
        8_000,
        10.0,
        FORORDNING_2831,
        None,
    )


def test_marking_a_grant_reported(world, perform, client, decided):
    above, below = decided
    client.force_login(world.observator)
    assert client.get(URL).status_code == 200  # observers read the list
    assert client.post(URL, {"vedtak": [above.pk]}).status_code == 403
    client.force_login(world.medlem1)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("saker:stotteregister_eksport", args=["csv"])).status_code == 403

    client.force_login(world.programleder)
    response = client.post(URL, {"vedtak": [above.pk, below.pk]}, follow=True)
    assert "1 vedtak er merket som rapportert." in response.content.decode()
    above.refresh_from_db()
    below.refresh_from_db()
    assert above.rapportert is not None and above.rapportert_av == world.programleder
    assert below.rapportert is None  # not to be reported: left as it is
    assert Hendelse.objects.filter(
        sak=above.sak, type=Hendelse.Type.STOTTEREGISTER, tekst=above.referanse
    ).exists()
    assert above.referanse not in client.get(URL).content.decode()
    assert above.referanse in client.get(URL + "?vis=rapportert").content.decode()
    assert Sak.objects.get(pk=above.sak_id).status == Sak.Status.VENTER_AKSEPT
