import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handlingsplan import selectors
from handlingsplan.models import Postering
from handlingsplan.services import forpliktelse_pay, pot_commit, pot_reallocate
from tests.factories import HandlingsplanFactory, PotFactory, StrategiFactory, UserFactory
from tests.handlingsplan.plan_fixtures import small_plan

pytestmark = pytest.mark.django_db


def test_overview_sums_the_plan():
    p = small_plan()
    pot_commit(pot=p["pot_a"], amount=120_000, reference="2021-001")
    o = selectors.plan_overview()

    assert o.plan == p["plan"]
    assert o.finansiering_sum == 3_800_000
    naering, kultur = o.omrader
    assert [s.strategi.bokstav for s in naering.strategier] == ["A", "B"]
    assert (naering.ramme, naering.timer, naering.timekost) == (500_000, 600, 300_000)
    assert naering.sum_med_prosjektarbeid == 800_000
    assert (kultur.ramme, kultur.timekost, kultur.sum_med_prosjektarbeid) == (
        100_000,
        100_000,
        200_000,
    )
    assert (o.ramme_sum, o.timer_sum, o.timekost_sum) == (600_000, 800, 400_000)
    assert o.totalbudsjett == 600_000 + 400_000 + 400_000
    assert o.ar == [2021, 2022, 2023, 2024, 2025, 2026]
    assert naering.mal_per_ar == [10, 20, None, None, None, 5]
    assert o.mal_per_ar_sum == [10, 20, 0, 0, 0, 5]
    assert o.mal_sum == 35
    assert [r.omrade for r in o.omrader_med_mal] == [p["naering"]]
    a = naering.strategier[0]
    assert (a.budsjett, a.tildelt, a.forpliktet, a.utbetalt, a.tilgjengelig) == (
        300_000,
        300_000,
        120_000,
        0,
        180_000,
    )
    assert (o.tildelt, o.forpliktet, o.tilgjengelig) == (600_000, 120_000, 480_000)


def test_overview_chooses_the_year_and_defaults_to_the_latest():
    p = small_plan()
    later = HandlingsplanFactory(program=p["program"], ar=2022, tittel="Handlingsplan 2022")
    assert selectors.plan_overview().plan == later
    assert selectors.plan_overview(ar=2021).plan == p["plan"]
    assert selectors.plan_overview(ar=1999).plan == later
    assert [pl.ar for pl in selectors.plan_overview().planer] == [2022, 2021]


def test_overview_without_any_plan_is_none():
    assert selectors.plan_overview() is None


def _overview_queries(extra):
    small_plan(extra_strategies=extra)
    with CaptureQueriesContext(connection) as ctx:
        o = selectors.plan_overview()
        # Touch everything the template reads.
        for rad in o.omrader:
            for s in rad.strategier:
                list(s.strategi.delmal.all())
                _ = (s.tilgjengelig, s.pot.pk)
        _ = (o.totalbudsjett, o.mal_sum, o.tilgjengelig, o.program.navn)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("extra", [0, 17])
def test_overview_query_count_is_fixed(extra):
    # 3 strategies or 20 strategies with their sub-goals: the same seven queries.
    assert _overview_queries(extra) == 7


def test_pot_history_has_running_balance_and_names_the_other_pot():
    p = small_plan()
    user = UserFactory(first_name="Pia", last_name="Leder")
    pot_reallocate(
        from_pot=p["pot_a"],
        to_pot=p["pot_c"],
        amount=50_000,
        reason="Mer til bosted",
        reference="PS 3/21",
        by=user,
    )
    c = pot_commit(pot=p["pot_a"], amount=100_000, reference="2021-002")
    forpliktelse_pay(forpliktelse=c, amount=40_000)

    with CaptureQueriesContext(connection) as ctx:
        h = selectors.pot_history(pot_id=p["pot_a"].pk)
        rows = [
            (
                line.postering.type,
                line.postering.belop,
                line.tilgjengelig_etter,
                line.annen_pot.strategi.bokstav if line.annen_pot else None,
                line.postering.utfort_av.get_full_name() if line.postering.utfort_av else None,
            )
            for line in h.linjer
        ]
    assert len(ctx.captured_queries) == 3
    T = Postering.Type
    assert rows == [
        (T.ALLOKERING, 300_000, 300_000, None, None),
        (T.OMFORDELING_UT, 50_000, 250_000, "C", "Pia Leder"),
        (T.FORPLIKTELSE, 100_000, 150_000, None, None),
        (T.UTBETALING, 40_000, 150_000, None, None),
    ]
    assert h.linjer[-1].tilgjengelig_etter == h.pot.tilgjengelig

    other = selectors.pot_history(pot_id=p["pot_c"].pk)
    assert [(line.postering.type, line.annen_pot) for line in other.linjer][-1] == (
        T.OMFORDELING_INN,
        p["pot_a"],
    )
    assert other.linjer[-1].tilgjengelig_etter == 150_000


def test_reallocation_pots_are_the_plans_pots_only():
    p = small_plan()
    other_plan = HandlingsplanFactory(program=p["program"], ar=2022)

    PotFactory(strategi=StrategiFactory(handlingsplan=other_plan, innsatsomrade=p["naering"]))
    pots = list(selectors.reallocation_pots(handlingsplan_id=p["plan"].pk))
    assert pots == [p["pot_a"], p["pot_b"], p["pot_c"]]
