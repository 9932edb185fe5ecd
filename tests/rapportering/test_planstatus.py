"""Plan status: each year's plan from draft to published with its dates and references, the
history of its steps, and the import's consistency report until the board resolves it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from felles.roles import Rolle
from handlingsplan.services import handlingsplan_advance
from rapportering.selectors import planstatus
from rapportering.tabell import Celle
from tests.factories import HandlingsplanFactory, ProgramFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

AVVIK = [
    {
        "hvor": "Innsatsområde 4 Reiseliv",
        "oppgitt": "500000",
        "beregnet": "600000",
        "tekst": "Innsatsområde 4 Reiseliv: oppgitt 500 000 kr, beregnet 600 000 kr",
    },
    {
        "hvor": "Budsjett mot finansiering",
        "oppgitt": "3800000",
        "beregnet": "3900000",
        "tekst": "Budsjett mot finansiering: oppgitt 3 800 000 kr, beregnet 3 900 000 kr",
    },
]


def _publisert(program, ar, by=None):
    plan = HandlingsplanFactory(program=program, ar=ar, utkast=True)
    steg = [
        ("godkjent", date(ar, 2, 15), f"Styringsgruppen sak 1/{ar}"),
        ("vedtatt", date(ar, 3, 20), f"Kommunestyret PS 12/{ar}"),
        ("publisert", date(ar, 4, 1), f"https://sel.kommune.no/handlingsplan-{ar}"),
    ]
    for til, dag, referanse in steg:
        plan = handlingsplan_advance(plan=plan, to=til, date=dag, reference=referanse, by=by)
    return plan


@pytest.fixture
def planer():
    program = ProgramFactory(start_ar=2021, slutt_ar=2026)
    leder = UserFactory(first_name="Kari", last_name="Programleder")
    publisert = _publisert(program, 2021, by=leder)
    utkast = HandlingsplanFactory(program=program, ar=2022, utkast=True, avvik=AVVIK)
    return program, publisert, utkast


def test_each_plan_with_its_status_dates_and_references(planer):
    program, _publisert_plan, _utkast = planer
    del_ = planstatus.bygg(program, None)
    tabell = del_.tabell("planstatus")
    rader = [tabell.verdier(r) for r in tabell.rader]
    assert rader == [
        [
            2021,
            "Publisert",
            date(2021, 2, 15),
            "Styringsgruppen sak 1/2021",
            date(2021, 3, 20),
            "Kommunestyret PS 12/2021",
            date(2021, 4, 1),
            "https://sel.kommune.no/handlingsplan-2021",
            0,
            "",
        ],
        [2022, "Utkast", None, "", None, "", None, "", 2, "Nei"],
    ]
    assert tabell.rader[0][0] == Celle(2021, reverse("handlingsplan:index") + "?ar=2021")
    historikk = del_.tabell("statusendringer")
    assert [historikk.verdier(r) for r in historikk.rader] == [
        [2021, "Utkast", "Godkjent av styringsgruppen", date(2021, 2, 15),
         "Styringsgruppen sak 1/2021", "Kari Programleder"],
        [2021, "Godkjent av styringsgruppen", "Vedtatt av kommunestyret", date(2021, 3, 20),
         "Kommunestyret PS 12/2021", "Kari Programleder"],
        [2021, "Vedtatt av kommunestyret", "Publisert", date(2021, 4, 1),
         "https://sel.kommune.no/handlingsplan-2021", "Kari Programleder"],
    ]  # fmt: skip


def test_the_consistency_report_is_shown_until_the_board_resolves_it(planer):
    program, _publisert_plan, utkast = planer
    del_ = planstatus.bygg(program, None)
    assert del_.merknader == [
        "Handlingsplanen for 2022 har 2 avvik i egne tall som styringsgruppen ikke har avklart."
    ]
    avvik = del_.tabell("avvik")
    assert [avvik.verdier(r) for r in avvik.rader] == [
        [2022, "Innsatsområde 4 Reiseliv", "oppgitt 500 000 kr, beregnet 600 000 kr"],
        [2022, "Budsjett mot finansiering", "oppgitt 3 800 000 kr, beregnet 3 900 000 kr"],
    ]
    # One year only: the 2021 plan has no open deviations.
    ett_ar = planstatus.bygg(program, 2021)
    assert ett_ar.merknader == [] and [t.slug for t in ett_ar.tabeller] == [
        "planstatus",
        "statusendringer",
    ]

    handlingsplan_advance(
        plan=utkast,
        to="godkjent",
        date=date(2022, 2, 1),
        reference="Styringsgruppen sak 2/2022",
        resolusjon="Strategienes budsjetter gjelder.",
    )
    etter = planstatus.bygg(program, None)
    assert etter.merknader == []
    with pytest.raises(KeyError):
        etter.tabell("avvik")
    rad = etter.tabell("planstatus").verdier(etter.tabell("planstatus").rader[1])
    assert rad[1] == "Godkjent av styringsgruppen" and rad[-1] == "Ja"
    vedtak = etter.tabell("avklaringer")
    assert [vedtak.verdier(r) for r in vedtak.rader] == [
        [2022, 2, "Strategienes budsjetter gjelder."]
    ]


def test_a_year_without_a_plan_says_so():
    program = ProgramFactory()
    del_ = planstatus.bygg(program, 2023)
    assert del_.merknader == ["Ingen handlingsplan for 2023 er lagt inn."]
    assert del_.tabell("planstatus").rader == []


def _queries(program) -> int:
    with CaptureQueriesContext(connection) as ctx:
        planstatus.bygg(program, None)
    return len(ctx.captured_queries)


def test_two_queries_whatever_the_number_of_plans_and_steps():
    en = ProgramFactory(slug="en-plan")
    _publisert(en, 2021)
    seks = ProgramFactory(slug="seks-planer")
    for ar in range(2021, 2027):
        _publisert(seks, ar, by=UserFactory())
        if ar > 2021:
            seks.handlingsplaner.filter(ar=ar).update(avvik=AVVIK)
    assert _queries(en) == _queries(seks) == 2


def test_the_board_sees_the_section_with_its_open_deviations(client, planer):
    client.force_login(staff_user(Rolle.STYREMEDLEM))
    html = client.get(reverse("rapportering:seksjon", args=["planstatus"])).content.decode()
    assert "Handlingsplanenes status" in html
    assert "Handlingsplanen for 2022 har 2 avvik i egne tall" in html
    assert "oppgitt 500 000 kr, beregnet 600 000 kr" in html
    assert 'href="/staff/handlingsplan/?ar=2021"' in html
    assert "Kommunestyret PS 12/2021" in html
