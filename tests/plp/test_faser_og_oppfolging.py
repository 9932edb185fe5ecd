"""A project may enter at a later phase; "change course" at a decision point opens a new
application for the same phase, pre-filled with the reference group; the follow-up job
count a year on is requested as a deadline and recorded."""

from datetime import date

import pytest

from notifications.models import Deadline, Message
from plp import services as ps
from plp.models import Fase, Prosjekt

from .conftest import COSTS, JOBS, delegated_grant, minutes

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def test_a_project_may_skip_the_forstudie(world, perform):
    sak, process = world.submit(fase="forprosjekt")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.get(sak=sak)
    assert (fase.fase, fase.rekkefolge, fase.status) == ("forprosjekt", 1, "ikke_startet")
    assert fase.prosjekt.faser.count() == 1


@pytest.fixture
def approved(world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.get(sak=sak)
    ps.fase_start(fase=fase, startet=date(2026, 3, 1), today=TODAY)
    report = {"resultater": "R", "malt_dato": TODAY, "kostnader": COSTS, "today": TODAY, **JOBS}
    rapport = ps.sluttrapport_submit(fase, **report)
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=TODAY)
    fase.refresh_from_db()
    return fase


def test_change_course_opens_an_application_for_the_same_phase(approved):
    ps.referansegruppe_add(prosjekt=approved.prosjekt, navn="Per Hansen", rolle="Kunde")
    bp = ps.beslutningspunkt_decide(
        fase=approved, valg="endre", begrunnelse="Ny målgruppe.", referat=minutes()
    )
    utkast = bp.neste_soknad
    assert (utkast.fase, utkast.tidligere_fase, utkast.status) == (
        "forstudie",
        approved.sak.soknad,
        "utkast",
    )
    # The draft names the people, the reference group as it is now among them.
    assert utkast.organisering.endswith("Referansegruppe: Per Hansen (Kunde)")
    assert utkast.organisering.count("Referansegruppe:") == 1
    approved.prosjekt.refresh_from_db()
    assert approved.prosjekt.status == Prosjekt.Status.AKTIV
    assert Message.objects.filter(template="plp_neste_fase").count() == 2


def test_the_follow_up_count_a_year_on_is_a_deadline_and_is_recorded(approved):
    oppfolging = approved.oppfolging
    assert oppfolging.frist == date(2027, 12, 31) and oppfolging.registrert is None
    deadline = Deadline.objects.get(case_id=approved.pk, kind="plp_oppfolging")
    assert deadline.status == "open" and deadline.due_at.date() == date(2027, 12, 31)

    ps.oppfolging_record(
        fase=approved,
        malt_dato=date(2027, 12, 1),
        nye_kvinner=3,
        nye_menn=2,
        sikrede_kvinner=1,
        sikrede_menn=0,
    )
    oppfolging.refresh_from_db()
    assert (oppfolging.nye_kvinner, oppfolging.nye_menn, oppfolging.malt_dato) == (
        3,
        2,
        date(2027, 12, 1),
    )
    assert oppfolging.registrert is not None
    deadline.refresh_from_db()
    assert deadline.status == "closed"
