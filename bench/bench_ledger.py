"""Commitments per second through pot_commit: one contended pot, and 20 independent pots."""

from bench.common import report, run_threads, throwaway_database

THREADS = 20
COMMITS_PER_THREAD = 25


def _pots(count: int, amount: int):
    from handlingsplan.services import pot_allocate
    from tests.factories import HandlingsplanFactory, PotFactory, StrategiFactory

    plan = HandlingsplanFactory()
    pots = [PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=0) for _ in range(count)]
    for pot in pots:
        pot_allocate(pot=pot, amount=amount)
    return pots


def main() -> None:
    from handlingsplan.services import ledger_verify, pot_commit

    total = THREADS * COMMITS_PER_THREAD
    with throwaway_database():
        [pot] = _pots(1, total * 1_000)
        seconds, errors = run_threads(
            THREADS,
            lambda i: [
                pot_commit(pot=pot, amount=1_000, reference=f"c{i}-{k}")
                for k in range(COMMITS_PER_THREAD)
            ],
        )
        assert not errors, errors[:3]
        report(
            f"commitments/s, one contended pot ({THREADS} threads)",
            total / seconds,
            "commits/s",
            f"({total} in {seconds:.2f} s)",
        )

        pots = _pots(THREADS, COMMITS_PER_THREAD * 1_000)
        seconds, errors = run_threads(
            THREADS,
            lambda i: [
                pot_commit(pot=pots[i], amount=1_000, reference=f"i{i}-{k}")
                for k in range(COMMITS_PER_THREAD)
            ],
        )
        assert not errors, errors[:3]
        report(
            f"commitments/s, {THREADS} independent pots ({THREADS} threads)",
            total / seconds,
            "commits/s",
            f"({total} in {seconds:.2f} s)",
        )
        assert ledger_verify() == [], "ledger does not balance after the benchmark"
        print("ledger balances after both runs (ledger_verify: no differences)")
