"""Commitments per second through pot_commit, side by side with the same transaction in raw SQL.

The raw side is the floor the ORM is measured against: a bare psycopg connection per
thread doing BEGIN; SELECT ... FOR UPDATE; UPDATE the pot; INSERT the commitment;
INSERT the entry; COMMIT. Both sides run the same number of threads on a pot of the
same kind, and the ratio says how much of the raw speed pot_commit keeps.
"""

from bench.common import report, run_threads, throwaway_database

THREADS = 20
COMMITS_PER_THREAD = 50
AMOUNT = 1_000
TARGET_RATIO = 25.0  # per cent of the raw speed on one contended pot

RAW_COMMIT = (
    "SELECT tildelt, forpliktet FROM handlingsplan_pot WHERE id = %(pot)s FOR UPDATE",
    "UPDATE handlingsplan_pot SET forpliktet = forpliktet + %(amount)s WHERE id = %(pot)s",
    "INSERT INTO handlingsplan_forpliktelse"
    " (pot_id, referanse, belop, utbetalt, frigjort, tilbakefort, opprettet)"
    " VALUES (%(pot)s, %(ref)s, %(amount)s, 0, 0, 0, now()) RETURNING id",
    "INSERT INTO handlingsplan_postering"
    " (pot_id, forpliktelse_id, type, belop, begrunnelse, vedtaksreferanse, tidspunkt)"
    " VALUES (%(pot)s, %(commitment)s, 'forpliktelse', %(amount)s, '', %(ref)s, now())",
)


def _pots(count: int, amount: int):
    from handlingsplan.services import pot_allocate
    from tests.factories import HandlingsplanFactory, PotFactory, StrategiFactory

    plan = HandlingsplanFactory()
    pots = [PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=0) for _ in range(count)]
    for pot in pots:
        pot_allocate(pot=pot, amount=amount)
    return pots


def _raw_connect():
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
    )


def _raw_commits(pot_id: int, prefix: str) -> None:
    """One thread's commitments through its own bare connection, one transaction each."""
    select, update, insert_commitment, insert_entry = RAW_COMMIT
    with _raw_connect() as conn:
        for k in range(COMMITS_PER_THREAD):
            params = {"pot": pot_id, "amount": AMOUNT, "ref": f"{prefix}-{k}"}
            with conn.transaction(), conn.cursor() as cur:
                cur.execute(select, params)
                tildelt, forpliktet = cur.fetchone()
                if tildelt - forpliktet < AMOUNT:
                    raise RuntimeError("the raw side ran out of money")
                cur.execute(update, params)
                cur.execute(insert_commitment, params)
                params["commitment"] = cur.fetchone()[0]
                cur.execute(insert_entry, params)


def _ledger_commits(pot, prefix: str) -> None:
    from handlingsplan.services import pot_commit

    for k in range(COMMITS_PER_THREAD):
        pot_commit(pot=pot, amount=AMOUNT, reference=f"{prefix}-{k}")


def _rate(work) -> float:
    total = THREADS * COMMITS_PER_THREAD
    seconds, errors = run_threads(THREADS, work)
    assert not errors, errors[:3]
    return total / seconds


def _side_by_side(name: str, pots_for) -> float:
    """Raw first, then pot_commit, each on fresh pots; prints both and returns the ratio."""
    raw_pots, ledger_pots = pots_for(), pots_for()
    raw = _rate(lambda i: _raw_commits(raw_pots(i).pk, f"raw{i}"))
    ledger = _rate(lambda i: _ledger_commits(ledger_pots(i), f"orm{i}"))
    ratio = 100 * ledger / raw
    report(f"commitments/s, pot_commit, {name}", ledger, "commits/s")
    report(f"commitments/s, raw psycopg, {name}", raw, "commits/s")
    print(
        f"ledger commit: {ledger:.1f}/s  raw psycopg: {raw:.1f}/s  ratio {ratio:.1f} %", flush=True
    )
    return ratio


def main() -> None:
    from handlingsplan.services import ledger_verify

    total = THREADS * COMMITS_PER_THREAD

    def one_pot():
        [pot] = _pots(1, total * AMOUNT)
        return lambda i: pot

    def own_pots():
        pots = _pots(THREADS, COMMITS_PER_THREAD * AMOUNT)
        return lambda i: pots[i]

    with throwaway_database():
        _side_by_side("warm-up, one pot", one_pot)
        ratio = _side_by_side(f"one contended pot ({THREADS} threads)", one_pot)
        _side_by_side(f"{THREADS} independent pots ({THREADS} threads)", own_pots)
        assert ledger_verify() == [], "ledger does not balance after the benchmark"
        print("ledger balances after every run (ledger_verify: no differences)")
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"one contended pot: pot_commit {verdict} the target of {TARGET_RATIO:.0f} % of raw")
