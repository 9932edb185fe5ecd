"""Programleder hours: recorded per focus area and month (once per month, overwritten when
recorded again, bounded to 0–744 and to the program's years), entered by the programleder,
seen by the board and observers, and reported against the hours the plan set aside."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from felles.errors import DomainError
from felles.roles import Rolle
from handlingsplan.models import ProgramlederTimer, Timeregistrering
from handlingsplan.services import timer_registrer
from rapportering.selectors import penger
from tests.factories import (
    HandlingsplanFactory,
    InnsatsomradeFactory,
    PotFactory,
    ProgramFactory,
    UserFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db
JAN = datetime.date(2022, 1, 1)


@pytest.fixture
def omrade():
    return InnsatsomradeFactory(program=ProgramFactory(start_ar=2021, slutt_ar=2026))


def test_a_month_is_recorded_once_and_overwritten(omrade):
    pl = staff_user(Rolle.PROGRAMLEDER)
    program = omrade.program
    timer_registrer(program=program, innsatsomrade=omrade, maned=JAN, timer="10", by=pl)
    r = timer_registrer(
        program=program,
        innsatsomrade=omrade,
        maned=datetime.date(2022, 1, 17),
        timer="12,5",
        merknad="Møter med bedrifter",
        by=pl,
    )
    assert Timeregistrering.objects.count() == 1
    r.refresh_from_db()
    assert (r.maned, r.timer, r.merknad, r.registrert_av) == (
        JAN,
        Decimal("12.5"),
        "Møter med bedrifter",
        pl,
    )


@pytest.mark.parametrize(
    "timer, melding",
    [
        ("-1", "mellom 0 og 744"),
        ("745", "mellom 0 og 744"),
        ("1,25", "én desimal"),
        ("mange", "som et tall"),
    ],
)
def test_hours_out_of_bounds_are_refused(omrade, timer, melding):
    with pytest.raises(DomainError, match=melding):
        timer_registrer(program=omrade.program, innsatsomrade=omrade, maned=JAN, timer=timer)
    assert not Timeregistrering.objects.exists()


def test_a_month_outside_the_program_or_an_area_of_another_program_is_refused(omrade):
    with pytest.raises(DomainError, match="programmets periode"):
        timer_registrer(
            program=omrade.program,
            innsatsomrade=omrade,
            maned=datetime.date(2027, 1, 1),
            timer=5,
        )
    annet = InnsatsomradeFactory()
    with pytest.raises(DomainError, match="hører ikke til"):
        timer_registrer(program=omrade.program, innsatsomrade=annet, maned=JAN, timer=5)
    assert not Timeregistrering.objects.exists()


def test_the_programleder_records_hours_on_the_page(client, omrade):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    url = reverse("handlingsplan:timer")
    page = client.get(url, {"ar": 2022})
    assert page.status_code == 200 and 'data-testid="timer-form"' in page.content.decode()
    data = {"innsatsomrade": omrade.pk, "maned": "2022-03", "timer": "7,5", "merknad": ""}
    response = client.post(url + "?ar=2022", data)
    assert response.status_code == 302 and response["Location"].endswith("?ar=2022")
    r = Timeregistrering.objects.get()
    assert (r.maned, r.timer) == (datetime.date(2022, 3, 1), Decimal("7.5"))
    html = client.get(url, {"ar": 2022}).content.decode()
    assert "7,5 t" in html and "Mars" in html

    too_many = client.post(url, {**data, "timer": "800"})
    assert too_many.status_code == 200
    assert "En måned har høyst 744 timer." in too_many.content.decode()
    outside = client.post(url, {**data, "maned": "2030-01"})
    assert outside.status_code == 200
    assert Timeregistrering.objects.get().timer == Decimal("7.5")


@pytest.mark.parametrize("rolle", [Rolle.OBSERVATOR, Rolle.STYREMEDLEM, Rolle.STYRELEDER])
def test_the_board_and_observers_see_but_do_not_enter(client, omrade, rolle):
    client.force_login(staff_user(rolle))
    url = reverse("handlingsplan:timer")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="timer-tabell"' in html and 'data-testid="timer-form"' not in html
    post = client.post(url, {"innsatsomrade": omrade.pk, "maned": "2022-01", "timer": "5"})
    assert post.status_code == 403 and not Timeregistrering.objects.exists()


def test_people_without_a_role_see_no_hours(client, omrade):
    url = reverse("handlingsplan:timer")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_the_report_sets_hours_used_against_hours_planned(omrade):
    program = omrade.program
    plan = HandlingsplanFactory(program=program, ar=2022, timekostnad=500)
    ProgramlederTimer.objects.create(handlingsplan=plan, innsatsomrade=omrade, timer=100)
    annet = InnsatsomradeFactory(program=program)
    timer_registrer(program=program, innsatsomrade=omrade, maned=JAN, timer=30)
    timer_registrer(
        program=program, innsatsomrade=omrade, maned=datetime.date(2022, 2, 1), timer="12.5"
    )
    timer_registrer(program=program, innsatsomrade=annet, maned=JAN, timer=4)
    # A year without its own plan: hours count, at no plan's cost.
    timer_registrer(program=program, innsatsomrade=omrade, maned=datetime.date(2023, 5, 1), timer=2)

    tabell = penger.bygg(program, 2022).tabell("timer")
    rader = {r[0]: r[1:] for r in tabell.rader}
    assert rader[f"{omrade.nummer}. {omrade.navn}"] == [
        Decimal(100),
        Decimal("42.5"),
        Decimal("57.5"),
        50_000,
        21_250,
        Decimal("42.5"),
    ]
    assert rader[f"{annet.nummer}. {annet.navn}"] == [0, 4, -4, 0, 2_000, None]
    hele = {r[0]: r[1:] for r in penger.bygg(program, None).tabell("timer").rader}
    assert hele[f"{omrade.nummer}. {omrade.navn}"][:2] == [Decimal(100), Decimal("44.5")]


def test_the_hours_page_reads_in_the_same_number_of_queries_for_few_and_many_rows(client, omrade):
    program = omrade.program
    client.force_login(staff_user(Rolle.OBSERVATOR))
    url = reverse("handlingsplan:timer")
    timer_registrer(program=program, innsatsomrade=omrade, maned=JAN, timer=1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"ar": 2022}).status_code == 200
    omrader = [omrade, *(InnsatsomradeFactory(program=program) for _ in range(4))]
    for m in range(1, 13):
        for o in omrader:
            timer_registrer(
                program=program, innsatsomrade=o, maned=datetime.date(2022, m, 1), timer=m
            )
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, {"ar": 2022}).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    # Five areas × (1 + 2 + … + 12) hours.
    assert 'data-testid="timer-sum">390 t<' in html


def test_the_ledger_page_ignores_kinds_it_does_not_know(client, omrade):
    pot = PotFactory(fylt=100_000)
    client.force_login(staff_user(Rolle.OBSERVATOR))
    page = client.get(reverse("handlingsplan:pot", args=[pot.pk]), {"type": "tull"})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="ledger-filter"' not in html
    assert html.count('data-testid="ledger-row"') == 1
