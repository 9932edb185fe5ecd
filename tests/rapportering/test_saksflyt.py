"""The case flow section: applications by status, focus area and phase; days from submission
to decision and from decision to first payout; open steps by whom they wait on; and a fixed
number of queries whatever the number of cases."""

import secrets
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from felles.roles import Rolle
from plp import services as ps
from plp.models import Fase, Utbetaling
from plp.services.utbetaling import utbetaling_decide, utbetaling_submit
from rapportering.selectors import saksflyt
from soknader.models import Soknad
from tests.factories import staff_user
from tests.plp.conftest import (  # noqa: F401
    _fast_and_quiet,
    _worker_opens_phases_at_once,
    delegated_grant,
)
from tests.plp.utbetaling_fixtures import request_kwargs
from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow.models import Sak, Vedtak

pytestmark = pytest.mark.django_db


@pytest.fixture
def verden(db):
    return World()


@pytest.fixture
def utfor(client):
    return make_performer(client)


def _cases(world, perform):
    """A granted forstudie with an approved payout, a rejected forprosjekt, and a
    hovedprosjekt waiting for the completeness check."""
    granted, process = world.submit(fase="forstudie")
    granted = delegated_grant(world, perform, granted, process, belop=80_000)
    fase = Fase.objects.get(sak=granted)
    ps.fase_start(fase=fase, startet=timezone.localdate())
    u = utbetaling_submit(fase=fase, **request_kwargs(belop=24_000))
    utbetaling_decide(utbetaling=u, by=world.programleder, utfall="godkjenn")

    rejected, process = world.submit(fase="forprosjekt")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, anbefaling="avsla"))
    perform(process, "delegert_vedtak", world.programleder, {})

    waiting, process = world.submit(fase="hovedprosjekt")

    # Move the dates back: granted 10 days after submission and paid 7 days later; rejected
    # after 30 days; the check has waited 5 days.
    now = timezone.localtime().replace(hour=12, minute=0)  # noon: a DST shift keeps the date
    for sak, dager in ((granted, 10), (rejected, 30)):
        Vedtak.objects.filter(sak=sak).update(vedtatt=now - timedelta(days=7))
        Soknad.objects.filter(sak=sak).update(innsendt=now - timedelta(days=7 + dager))
    Utbetaling.objects.filter(pk=u.pk).update(behandlet=now)
    Task.objects.filter(process=process, status="NEW").update(created=now - timedelta(days=5))
    Task.objects.filter(process=process, status="ASSIGNED").update(created=now - timedelta(days=5))
    return granted, rejected, waiting


def _verdier(tabell):
    return [tabell.verdier(r) for r in tabell.rader]


def test_applications_by_status_area_and_phase(verden, utfor):
    _cases(verden, utfor)
    del_ = saksflyt.bygg(verden.program, None)

    status = dict(_verdier(del_.tabell("saksflyt-status")))
    assert status == {
        "Kompletthetskontroll": 1,
        "Innvilget og akseptert": 1,
        "Avslått": 1,
    }
    omrade = verden.pot.strategi.innsatsomrade
    per_omrade = {r[0]: r[1:] for r in _verdier(del_.tabell("saksflyt-omrade"))}
    # Søknader, innvilget, avslått, under behandling, uten vedtak, innvilget beløp.
    assert per_omrade[f"{omrade.nummer}. {omrade.navn}"] == [1, 1, 0, 0, 0, 80_000]
    assert per_omrade["Uten innsatsområde"] == [2, 0, 1, 1, 0, 0]
    per_fase = {r[0]: r[1:] for r in _verdier(del_.tabell("saksflyt-fase"))}
    assert per_fase == {
        "Forstudie": [1, 1, 0, 0, 0, 80_000],
        "Forprosjekt": [1, 0, 1, 0, 0, 0],
        "Hovedprosjekt": [1, 0, 0, 1, 0, 0],
    }
    # A year with no application has empty rows.
    tom = saksflyt.bygg(verden.program, 2021)
    assert tom.tabell("saksflyt-status").rader == []


def test_days_to_decision_and_to_first_payout(verden, utfor):
    _cases(verden, utfor)
    ar = timezone.localdate(timezone.now() - timedelta(days=7)).year
    del_ = saksflyt.bygg(verden.program, ar)
    vedtakstid = _verdier(del_.tabell("saksflyt-vedtakstid"))
    assert vedtakstid == [[str(ar), 2, 20, 30]]
    utbetalingstid = _verdier(del_.tabell("saksflyt-utbetalingstid"))
    assert utbetalingstid == [[str(ar), 1, 7, 7]]
    hele = _verdier(saksflyt.bygg(verden.program, None).tabell("saksflyt-vedtakstid"))
    assert [r for r in hele if r[1]] == [[str(ar), 2, 20, 30]]
    assert len(hele) == verden.program.slutt_ar - verden.program.start_ar + 1


def test_what_waits_on_whom_and_for_how_long(verden, utfor):
    _cases(verden, utfor)
    venter = _verdier(saksflyt.bygg(verden.program, None).tabell("saksflyt-venter"))
    navn = verden.programleder.get_full_name() or verden.programleder.username
    assert venter == [["Kompletthetskontroll", navn, 1, 5]]


def test_the_page_shows_the_section_to_the_board(client, verden, utfor):
    _cases(verden, utfor)
    client.force_login(staff_user(Rolle.OBSERVATOR))
    page = client.get(reverse("rapportering:seksjon", args=["saksflyt"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tid fra innsending til vedtak" in html and "Hva som venter hos hvem" in html


def _many(program, user, n: int, start: int):
    """`n` decided applications straight in the database, for counting queries."""
    now = timezone.now()
    soknader = Soknad.objects.bulk_create(
        Soknad(
            program=program,
            utkast_token_hash=secrets.token_hex(32),
            status=Soknad.Status.SENDT,
            saksnummer=f"M-{start + i:06d}",
            tittel=f"Prosjekt {start + i}",
            fase="forstudie",
            innsendt=now - timedelta(days=20 + i),
        )
        for i in range(n)
    )
    saker = Sak.objects.bulk_create(
        Sak(soknad=s, saksnummer=s.saksnummer, status=Sak.Status.AVSLATT) for s in soknader
    )
    Vedtak.objects.bulk_create(
        Vedtak(
            sak=s,
            utfall=Vedtak.Utfall.AVSLATT,
            organ=Sak.Organ.PROGRAMLEDER,
            vedtatt_av=user,
            begrunnelse="Utenfor strategien.",
            referanse=f"V-{s.saksnummer}",
        )
        for s in saker
    )


def _queries(program, ar) -> int:
    with CaptureQueriesContext(connection) as ctx:
        saksflyt.bygg(program, ar)
    return len(ctx.captured_queries)


def test_the_section_reads_in_the_same_number_of_queries_for_few_and_many_cases(verden, utfor):
    _cases(verden, utfor)
    ar = date.today().year
    few = (_queries(verden.program, None), _queries(verden.program, ar))
    _many(verden.program, verden.programleder, 30, 0)
    verden.submit(fase="forstudie")
    verden.submit(fase="forprosjekt")
    assert (_queries(verden.program, None), _queries(verden.program, ar)) == few
    assert few[0] <= 8
    status = dict(_verdier(saksflyt.bygg(verden.program, None).tabell("saksflyt-status")))
    assert status["Avslått"] == 31 and status["Kompletthetskontroll"] == 3
