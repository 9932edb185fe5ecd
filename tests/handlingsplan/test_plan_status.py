"""The plan's status steps: draft → approved by the board → adopted by the council → published."""

from datetime import date

import pytest

from felles.errors import DomainError
from felles.roles import Rolle
from handlingsplan.models import Handlingsplan, HandlingsplanStatusendring
from handlingsplan.services import handlingsplan_advance
from tests.factories import HandlingsplanFactory, staff_user

pytestmark = pytest.mark.django_db

S = Handlingsplan.Status


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2021-06-15 10:00 +02:00")


def advance_all(plan, by=None):
    handlingsplan_advance(
        plan=plan, to=S.GODKJENT, date=date(2021, 2, 10), reference="PS 3/21", by=by
    )
    handlingsplan_advance(
        plan=plan, to=S.VEDTATT, date=date(2021, 3, 4), reference="KS 12/21", by=by
    )
    handlingsplan_advance(
        plan=plan,
        to=S.PUBLISERT,
        date=date(2021, 3, 5),
        reference="https://www.sel.kommune.no/omstilling",
        by=by,
    )


def test_the_plan_goes_through_every_step_with_date_reference_and_who():
    plan = HandlingsplanFactory(utkast=True)
    programleder = staff_user(Rolle.PROGRAMLEDER)
    advance_all(plan, by=programleder)

    stored = Handlingsplan.objects.get(pk=plan.pk)
    assert stored.status == S.PUBLISERT
    assert (stored.godkjent_dato, stored.godkjent_referanse) == (date(2021, 2, 10), "PS 3/21")
    assert (stored.vedtatt_dato, stored.vedtatt_referanse) == (date(2021, 3, 4), "KS 12/21")
    assert stored.publisert_dato == date(2021, 3, 5)
    assert stored.publisert_referanse == "https://www.sel.kommune.no/omstilling"
    assert plan.status == S.PUBLISERT  # the caller's object follows
    history = list(
        HandlingsplanStatusendring.objects.filter(handlingsplan=plan).values_list(
            "fra_status", "til_status", "dato", "referanse", "utfort_av"
        )
    )
    assert history == [
        (S.UTKAST, S.GODKJENT, date(2021, 2, 10), "PS 3/21", programleder.pk),
        (S.GODKJENT, S.VEDTATT, date(2021, 3, 4), "KS 12/21", programleder.pk),
        (
            S.VEDTATT,
            S.PUBLISERT,
            date(2021, 3, 5),
            "https://www.sel.kommune.no/omstilling",
            programleder.pk,
        ),
    ]


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.UTKAST, S.VEDTATT),  # the board first
        (S.UTKAST, S.PUBLISERT),
        (S.UTKAST, S.UTKAST),
        (S.GODKJENT, S.UTKAST),  # never back
        (S.GODKJENT, S.PUBLISERT),  # the council first
        (S.VEDTATT, S.GODKJENT),
        (S.PUBLISERT, S.PUBLISERT),
        (S.PUBLISERT, S.UTKAST),
    ],
)
def test_only_the_next_step_is_allowed(start, to):
    plan = HandlingsplanFactory(status=start)
    with pytest.raises(DomainError) as error:
        handlingsplan_advance(plan=plan, to=to, date=date(2021, 5, 1), reference="Sak 1/21")
    assert error.value.code == "invalid_transition"
    assert "kan ikke gå fra" in str(error.value)
    assert Handlingsplan.objects.get(pk=plan.pk).status == start
    assert not HandlingsplanStatusendring.objects.exists()


def test_unknown_status_is_refused():
    plan = HandlingsplanFactory(utkast=True)
    with pytest.raises(DomainError, match="Ukjent status"):
        handlingsplan_advance(plan=plan, to="arkivert", date=date(2021, 5, 1), reference="x")


@pytest.mark.parametrize("reference", ["", "   ", None])
def test_a_decision_needs_its_reference(reference):
    plan = HandlingsplanFactory(utkast=True)
    with pytest.raises(DomainError, match="saksreferansen") as error:
        handlingsplan_advance(plan=plan, to=S.GODKJENT, date=date(2021, 5, 1), reference=reference)
    assert error.value.field == "referanse"
    assert Handlingsplan.objects.get(pk=plan.pk).status == S.UTKAST


def test_publishing_needs_to_say_where():
    plan = HandlingsplanFactory(utkast=True)
    handlingsplan_advance(plan=plan, to=S.GODKJENT, date=date(2021, 2, 1), reference="PS 1/21")
    handlingsplan_advance(plan=plan, to=S.VEDTATT, date=date(2021, 3, 1), reference="KS 2/21")
    with pytest.raises(DomainError, match="hvor planen er publisert"):
        handlingsplan_advance(plan=plan, to=S.PUBLISERT, date=date(2021, 3, 2), reference="")


def test_the_date_is_required_and_not_in_the_future():
    plan = HandlingsplanFactory(utkast=True)
    with pytest.raises(DomainError, match="Oppgi datoen"):
        handlingsplan_advance(plan=plan, to=S.GODKJENT, date=None, reference="PS 1/21")
    with pytest.raises(DomainError, match="fram i tid"):
        handlingsplan_advance(plan=plan, to=S.GODKJENT, date=date(2021, 6, 16), reference="PS 1/21")
    handlingsplan_advance(plan=plan, to=S.GODKJENT, date=date(2021, 6, 15), reference="PS 1/21")
    assert Handlingsplan.objects.get(pk=plan.pk).status == S.GODKJENT


def test_a_step_cannot_be_dated_before_the_previous_one():
    plan = HandlingsplanFactory(utkast=True)
    handlingsplan_advance(plan=plan, to=S.GODKJENT, date=date(2021, 3, 10), reference="PS 3/21")
    with pytest.raises(DomainError, match=r"før forrige steg \(10\.03\.2021\)"):
        handlingsplan_advance(plan=plan, to=S.VEDTATT, date=date(2021, 3, 9), reference="KS 1/21")
    assert Handlingsplan.objects.get(pk=plan.pk).status == S.GODKJENT


def test_a_stale_plan_object_cannot_skip_a_step():
    """The service reads the status under a row lock, not from the caller's copy."""
    plan = HandlingsplanFactory(utkast=True)
    stale = Handlingsplan.objects.get(pk=plan.pk)
    handlingsplan_advance(plan=plan, to=S.GODKJENT, date=date(2021, 2, 1), reference="PS 1/21")
    with pytest.raises(DomainError, match="kan ikke gå fra «Godkjent av styringsgruppen»"):
        handlingsplan_advance(plan=stale, to=S.GODKJENT, date=date(2021, 2, 2), reference="PS 2/21")
    assert HandlingsplanStatusendring.objects.count() == 1


def test_the_state_machine_allows_exactly_the_three_steps_forward():
    from viewflow import fsm

    from handlingsplan.services.plan import HandlingsplanStatus

    steps = {
        (transition.source, transition.target)
        for method in HandlingsplanStatus.status.get_transitions()
        for transition in method.get_transitions()
    }
    assert steps == {(S.UTKAST, S.GODKJENT), (S.GODKJENT, S.VEDTATT), (S.VEDTATT, S.PUBLISERT)}
    plan = HandlingsplanFactory(utkast=True)
    with pytest.raises(fsm.TransitionNotAllowed):
        HandlingsplanStatus(plan).publish(date=date(2021, 5, 1), reference="x")
    assert plan.status == S.UTKAST
    assert Handlingsplan.objects.get(pk=plan.pk).status == S.UTKAST
