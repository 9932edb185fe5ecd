"""Money only from an approved plan: a draft's pots commit nothing, and the board approves a
plan whose own figures disagree, or whose pots exceed its financing for projects, only with
a recorded resolution of which figures stand."""

from datetime import date

import pytest

from felles.errors import DomainError
from handlingsplan import models as hp
from handlingsplan.demo import DEMO_RESOLUSJON, demo_plans_approve
from handlingsplan.services import handlingsplan_advance, ledger_verify, pot_commit
from handlingsplan.services.plan import plan_problems
from handlingsplan.services.plan_import import DEFAULT_PLAN_FILE, handlingsplan_import
from tests.factories import PotFactory

pytestmark = pytest.mark.django_db


def test_a_commitment_from_a_draft_plan_is_refused():
    pot = PotFactory(fylt=100_000, strategi__handlingsplan__utkast=True)
    with pytest.raises(DomainError) as refused:
        pot_commit(pot=pot, amount=10_000, reference="V-1")
    assert refused.value.code == "plan_not_approved"
    assert "før handlingsplanen for 2021 er godkjent av styringsgruppen" in refused.value.message
    pot.refresh_from_db()
    assert pot.forpliktet == 0 and not hp.Forpliktelse.objects.exists()
    assert ledger_verify() == []


def test_the_imported_2021_plan_needs_the_boards_resolution_before_its_money_is_used():
    handlingsplan_import(path=DEFAULT_PLAN_FILE)
    plan = hp.Handlingsplan.objects.get()
    problems = plan_problems(plan)
    assert len(problems) == 16  # the import's 15 stated figures, and the pots above financing
    assert (
        "Pottene har 3 100 000 kr, mer enn finansieringen til prosjekter på 3 000 000 kr"
        in (problems[-1])
    )
    pot = hp.Pot.objects.filter(strategi__handlingsplan=plan).order_by("pk").first()
    with pytest.raises(DomainError):
        pot_commit(pot=pot, amount=10_000, reference="V-1")
    with pytest.raises(DomainError) as unresolved:
        handlingsplan_advance(plan=plan, to="godkjent", date=date(2021, 2, 15), reference="1/21")
    assert unresolved.value.field == "resolusjon"
    plan.refresh_from_db()
    assert plan.status == "utkast" and plan.avvik_resolusjon == ""

    [approved] = demo_plans_approve()
    assert approved.status == "publisert" and approved.avvik_resolusjon == DEMO_RESOLUSJON
    steps = approved.statusendringer.order_by("dato").values_list("til_status", flat=True)
    assert list(steps) == ["godkjent", "vedtatt", "publisert"]
    pot_commit(pot=pot, amount=10_000, reference="V-1")
    pot.refresh_from_db()
    assert pot.forpliktet == 10_000
    assert ledger_verify() == []


def test_a_plan_whose_figures_agree_is_approved_without_a_resolution():
    pot = PotFactory(fylt=100_000, strategi__handlingsplan__utkast=True)
    plan = pot.strategi.handlingsplan
    kilde = hp.Finansieringskilde.objects.create(program=plan.program, navn="Fylket")
    hp.Finansiering.objects.create(handlingsplan=plan, kilde=kilde, belop=600_000)
    assert plan_problems(plan) == []  # 600 000 less 400 000 administration leaves 200 000
    handlingsplan_advance(plan=plan, to="godkjent", date=date(2021, 2, 15), reference="1/21")
    assert hp.Handlingsplan.objects.get(pk=plan.pk).status == "godkjent"
