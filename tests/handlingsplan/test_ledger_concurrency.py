"""What only PostgreSQL can show: row locks hold under real concurrency."""

import threading

import pytest
from django.db import connection

from felles.errors import DomainError
from handlingsplan.models import Forpliktelse, Postering, Pot
from handlingsplan.services import ledger_verify, pot_commit, pot_reallocate
from tests.factories import HandlingsplanFactory, PotFactory, StrategiFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_concurrently(n, work):
    """Run work(i) in n threads released at the same moment; return (results, errors)."""
    barrier = threading.Barrier(n)
    results, errors = [None] * n, [None] * n

    def worker(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as exc:  # collected and asserted on by the caller
            errors[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return results, errors


def test_twenty_concurrent_commitments_against_room_for_five():
    pot = PotFactory(fylt=5 * 100_000)

    results, errors = run_concurrently(
        20, lambda i: pot_commit(pot=pot, amount=100_000, reference=f"2026-{i:04d}")
    )

    granted = [r for r in results if r is not None]
    refused = [e for e in errors if e is not None]
    assert len(granted) == 5
    assert len(refused) == 15
    assert all(isinstance(e, DomainError) for e in refused), refused
    assert all(e.code == "not_enough_money" for e in refused)
    assert all("ikke nok penger i potten" in str(e) for e in refused)
    pot.refresh_from_db()
    assert (pot.tildelt, pot.forpliktet, pot.tilgjengelig) == (500_000, 500_000, 0)
    assert Forpliktelse.objects.filter(pot=pot).count() == 5
    assert Postering.objects.filter(pot=pot, type=Postering.Type.FORPLIKTELSE).count() == 5
    assert ledger_verify() == []


def test_crossing_reallocations_do_not_deadlock_or_lose_money():
    plan = HandlingsplanFactory()
    a = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=100_000)
    b = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=100_000)

    def move(i):
        src, dst = (a, b) if i % 2 else (b, a)
        return pot_reallocate(from_pot=src, to_pot=dst, amount=10_000, reason="r", reference="v")

    results, errors = run_concurrently(16, move)
    assert [e for e in errors if e is not None] == []
    assert Pot.objects.get(pk=a.pk).tildelt + Pot.objects.get(pk=b.pk).tildelt == 200_000
    assert ledger_verify() == []


def test_the_database_refuses_to_change_a_ledger_entry():
    from django.db import DatabaseError, transaction

    pot = PotFactory(fylt=1_000)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Postering.objects.filter(pot=pot).update(belop=2_000)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Postering.objects.filter(pot=pot).delete()
