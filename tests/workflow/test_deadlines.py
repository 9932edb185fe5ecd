"""Every timed step opens its deadline in the reminder engine when it starts and closes it
when it is done: the check, the assessment, the applicant's answer, each member's vote and
the acceptance."""

import pytest
from django.contrib.contenttypes.models import ContentType

from notifications.models import Deadline
from workflow import services as sb
from workflow import services as sv
from workflow.models import Sak

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db
APPLICANT = "kari@bedrift.example"


def open_deadlines(sak) -> list[tuple[str, str]]:
    """(kind, whose) of the case's open deadlines: a username, or an e-mail address."""
    rows = Deadline.objects.filter(
        case_type=ContentType.objects.get_for_model(Sak),
        case_id=sak.pk,
        status=Deadline.Status.OPEN,
    ).select_related("user")
    return sorted((d.kind, d.user.username if d.user else d.email) for d in rows)


def closed_count(sak, kind) -> int:
    return Deadline.objects.filter(
        case_type=ContentType.objects.get_for_model(Sak),
        case_id=sak.pk,
        kind=kind,
        status=Deadline.Status.CLOSED,
    ).count()


def test_deadlines_open_and_close_with_each_step_of_a_board_case(world, perform):
    sak, process = world.submit()
    assert open_deadlines(sak) == [("kompletthetskontroll", "pl")]

    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    assert open_deadlines(sak) == [("svar_fra_soker", APPLICANT)]
    assert closed_count(sak, "kompletthetskontroll") == 1

    sb.opplysninger_answer(sak=sak, svar="Vedlagt.")
    assert open_deadlines(sak) == [("kompletthetskontroll", "pl")]
    assert closed_count(sak, "svar_fra_soker") == 1

    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    assert open_deadlines(sak) == [("vurdering", "pl")]
    assert closed_count(sak, "kompletthetskontroll") == 2

    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    assert open_deadlines(sak) == [
        ("stemme", "leder"),
        ("stemme", "medlem1"),
        ("stemme", "medlem2"),
    ]
    assert closed_count(sak, "vurdering") == 1

    # A disqualified member's deadline closes with the declaration; a voter's with the vote.
    perform(process, "stemme", world.medlem1, {"grunner": ["slekt"]})
    assert open_deadlines(sak) == [("stemme", "leder"), ("stemme", "medlem2")]
    perform(process, "stemme", world.medlem2, {"grunner": []}, expect_done=False)
    assert open_deadlines(sak) == [("stemme", "leder"), ("stemme", "medlem2")]
    perform(process, "stemme", world.medlem2, {"valg": "for"})
    assert open_deadlines(sak) == [("stemme", "leder")]
    perform(process, "stemme", world.leder, {"grunner": []}, expect_done=False)
    perform(process, "stemme", world.leder, {"valg": "for"})
    assert open_deadlines(sak) == []
    assert closed_count(sak, "stemme") == 3

    perform(process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."})
    sak.refresh_from_db()
    assert open_deadlines(sak) == [("aksept", APPLICANT)]
    aksept = Deadline.objects.get(kind="aksept", case_id=sak.pk)
    assert aksept.due_at == sak.vedtak.tilsagn.akseptfrist

    sv.tilsagn_accept(sak=sak)
    assert open_deadlines(sak) == []
    assert closed_count(sak, "aksept") == 1


def test_a_delegated_decision_closes_the_assessment_and_opens_the_acceptance(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    assert open_deadlines(sak) == []
    perform(process, "delegert_vedtak", world.programleder, {})
    assert open_deadlines(sak) == [("aksept", APPLICANT)]


def test_withdrawal_closes_every_open_deadline(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    assert len(open_deadlines(sak)) == 3
    sv.sak_withdraw(soknad=sak.soknad, grunn="Utsatt.")
    assert open_deadlines(sak) == []
