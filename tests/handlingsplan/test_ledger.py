import random

import pytest
from django.db import IntegrityError, transaction

from felles.errors import DomainError
from handlingsplan.models import Forpliktelse, Postering, Pot
from handlingsplan.services import (
    forpliktelse_clawback,
    forpliktelse_pay,
    forpliktelse_release,
    ledger_verify,
    pot_commit,
    pot_reallocate,
)
from tests.factories import HandlingsplanFactory, PotFactory, StrategiFactory

pytestmark = pytest.mark.django_db

T = Postering.Type


def fresh(pot):
    return Pot.objects.get(pk=pot.pk)


def test_allocation_fills_the_pot_and_is_in_the_ledger():
    pot = PotFactory(strategi__budsjett=300_000)
    assert (pot.tildelt, pot.forpliktet, pot.utbetalt, pot.tilgjengelig) == (300_000, 0, 0, 300_000)
    assert list(pot.posteringer.values_list("type", "belop")) == [(T.ALLOKERING, 300_000)]


def test_commit_takes_money_and_refuses_more_than_available():
    pot = PotFactory(fylt=100_000)
    c = pot_commit(pot=pot, amount=60_000, reference="2026-0001")
    assert c.belop == 60_000
    assert fresh(pot).tilgjengelig == 40_000
    with pytest.raises(DomainError) as err:
        pot_commit(pot=pot, amount=40_001, reference="2026-0002")
    assert err.value.code == "not_enough_money"
    assert "ikke nok penger i potten" in str(err.value)
    assert "40 000 kr" in str(err.value)
    assert Forpliktelse.objects.count() == 1
    assert fresh(pot).tilgjengelig == 40_000
    assert ledger_verify() == []


@pytest.mark.parametrize("amount", [0, -5, 10.5, "abc", None, True])
def test_amounts_must_be_positive_whole_kroner(amount):
    pot = PotFactory(fylt=100_000)
    with pytest.raises(DomainError):
        pot_commit(pot=pot, amount=amount, reference="x")
    assert fresh(pot).forpliktet == 0


def test_whole_kroner_given_as_decimal_or_string_are_accepted():
    from decimal import Decimal

    pot = PotFactory(fylt=100_000)
    pot_commit(pot=pot, amount=Decimal("1000"), reference="a")
    pot_commit(pot=pot, amount="2000", reference="b")
    assert fresh(pot).forpliktet == 3_000


def test_payout_never_beyond_the_commitment():
    pot = PotFactory(fylt=200_000)
    c = pot_commit(pot=pot, amount=150_000, reference="2026-0003")
    forpliktelse_pay(forpliktelse=c, amount=100_000)
    with pytest.raises(DomainError) as err:
        forpliktelse_pay(forpliktelse=c, amount=50_001)
    assert err.value.code == "beyond_commitment"
    forpliktelse_pay(forpliktelse=c, amount=50_000)
    c.refresh_from_db()
    assert (c.utbetalt, c.gjenstaende) == (150_000, 0)
    p = fresh(pot)
    assert (p.forpliktet, p.utbetalt, p.tilgjengelig) == (150_000, 150_000, 50_000)
    assert ledger_verify() == []


def test_release_returns_the_unused_rest_to_the_pot():
    pot = PotFactory(fylt=200_000)
    c = pot_commit(pot=pot, amount=150_000, reference="r")
    forpliktelse_pay(forpliktelse=c, amount=100_000)
    entry = forpliktelse_release(forpliktelse=c, reason="Prosjektet ble billigere")
    assert entry.belop == 50_000
    assert forpliktelse_release(forpliktelse=c) is None  # nothing left to release
    with pytest.raises(DomainError):
        forpliktelse_pay(forpliktelse=c, amount=1)
    p = fresh(pot)
    assert (p.forpliktet, p.utbetalt, p.tilgjengelig) == (100_000, 100_000, 100_000)
    assert ledger_verify() == []


def test_clawback_returns_paid_money_to_the_pot_and_not_to_the_recipient():
    pot = PotFactory(fylt=100_000)
    c = pot_commit(pot=pot, amount=100_000, reference="t")
    forpliktelse_pay(forpliktelse=c, amount=60_000)
    with pytest.raises(DomainError):
        forpliktelse_clawback(forpliktelse=c, amount=60_001, reason="for mye")
    forpliktelse_clawback(forpliktelse=c, amount=20_000, reason="Kostnader ikke dokumentert")
    c.refresh_from_db()
    assert (c.netto_utbetalt, c.gjenstaende) == (40_000, 40_000)
    p = fresh(pot)
    assert (p.forpliktet, p.utbetalt, p.tilgjengelig) == (80_000, 40_000, 20_000)
    assert ledger_verify() == []


def test_reallocation_moves_money_between_pots_with_reason_and_reference():
    plan = HandlingsplanFactory()
    a = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=200_000)
    b = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=100_000)
    out, into = pot_reallocate(
        from_pot=a, to_pot=b, amount=50_000, reason="Større behov", reference="SG-sak 12/21"
    )
    assert into.motpost == out
    assert (fresh(a).tildelt, fresh(b).tildelt) == (150_000, 150_000)
    assert list(b.posteringer.values_list("type", "vedtaksreferanse")) == [
        (T.ALLOKERING, ""),
        (T.OMFORDELING_INN, "SG-sak 12/21"),
    ]
    assert ledger_verify() == []


def test_reallocation_cannot_take_committed_money_or_skip_the_paperwork():
    plan = HandlingsplanFactory()
    a = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=100_000)
    b = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=0)
    pot_commit(pot=a, amount=80_000, reference="x")
    with pytest.raises(DomainError, match="ikke nok penger"):
        pot_reallocate(from_pot=a, to_pot=b, amount=20_001, reason="r", reference="v")
    with pytest.raises(DomainError) as err:
        pot_reallocate(from_pot=a, to_pot=b, amount=1_000, reason=" ", reference="v")
    assert err.value.field == "begrunnelse"
    with pytest.raises(DomainError) as err:
        pot_reallocate(from_pot=a, to_pot=b, amount=1_000, reason="r", reference="")
    assert err.value.field == "vedtaksreferanse"
    with pytest.raises(DomainError):
        pot_reallocate(from_pot=a, to_pot=a, amount=1_000, reason="r", reference="v")
    assert fresh(b).tildelt == 0


def test_reallocation_stays_within_one_years_plan():
    a = PotFactory(strategi=StrategiFactory(handlingsplan=HandlingsplanFactory(ar=2021)))
    b = PotFactory(strategi=StrategiFactory(handlingsplan=HandlingsplanFactory(ar=2022)))
    with pytest.raises(DomainError, match="samme års"):
        pot_reallocate(from_pot=a, to_pot=b, amount=1, reason="r", reference="v")


def test_ledger_entries_cannot_be_changed_or_deleted():
    pot = PotFactory(fylt=1_000)
    entry = pot.posteringer.get()
    entry.belop = 2_000
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_database_refuses_an_overdrawn_pot_even_past_the_service():
    pot = PotFactory(fylt=1_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pot.objects.filter(pk=pot.pk).update(forpliktet=1_001)


def test_database_refuses_an_overpaid_commitment_even_past_the_service():
    pot = PotFactory(fylt=1_000)
    c = pot_commit(pot=pot, amount=1_000, reference="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Forpliktelse.objects.filter(pk=c.pk).update(utbetalt=1_001)


def test_verify_finds_a_cache_that_drifted_from_the_ledger():
    pot = PotFactory(fylt=1_000)
    Pot.objects.filter(pk=pot.pk).update(tildelt=900)
    [avvik] = ledger_verify()
    assert (avvik.what, avvik.field, avvik.cached, avvik.ledger) == ("pot", "tildelt", 900, 1_000)


def test_cached_balances_always_equal_the_ledger_over_random_operations():
    rng = random.Random(20211)
    plan = HandlingsplanFactory()
    pots = [
        PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=100_000) for _ in range(4)
    ]
    commitments = []
    refused = 0
    for step in range(300):
        op = rng.choice(["commit", "pay", "release", "clawback", "move"])
        amount = rng.randint(1, 40_000)
        try:
            if op == "commit":
                commitments.append(
                    pot_commit(pot=rng.choice(pots), amount=amount, reference=f"{step}")
                )
            elif op == "move":
                a, b = rng.sample(pots, 2)
                pot_reallocate(from_pot=a, to_pot=b, amount=amount, reason="r", reference="v")
            elif commitments:
                c = rng.choice(commitments)
                if op == "pay":
                    forpliktelse_pay(forpliktelse=c, amount=amount)
                elif op == "release":
                    forpliktelse_release(forpliktelse=c, amount=amount)
                else:
                    forpliktelse_clawback(forpliktelse=c, amount=amount, reason="r")
        except DomainError:
            refused += 1
        if step % 50 == 0:
            assert ledger_verify() == []
    assert ledger_verify() == []
    assert refused > 0
    total = sum(fresh(p).tildelt for p in pots)
    assert total == 400_000  # reallocation moves money, never makes it
    for p in pots:
        p = fresh(p)
        assert p.tilgjengelig >= 0 and p.forpliktet >= p.utbetalt >= 0


def test_a_commitment_is_three_statements_and_touches_the_pot_row_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pot = PotFactory(fylt=10_000)
    with CaptureQueriesContext(connection) as queries:
        pot_commit(pot=pot, amount=1_000, reference="q")
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 3, statements
    on_pot = [sql for sql in statements if 'UPDATE "handlingsplan_pot"' in sql]
    assert len(on_pot) == 1
    assert "SAVEPOINT" not in " ".join(statements)
    assert fresh(pot).forpliktet == 1_000


def test_a_refused_commitment_leaves_the_callers_transaction_usable():
    pot = PotFactory(fylt=1_000)
    with transaction.atomic():
        with pytest.raises(DomainError, match="ikke nok penger"):
            pot_commit(pot=pot, amount=1_001, reference="for mye")
        pot_commit(pot=pot, amount=1_000, reference="passer")
    assert list(Forpliktelse.objects.values_list("referanse", flat=True)) == ["passer"]
    assert ledger_verify() == []


def test_a_commitment_on_a_missing_pot_is_refused():
    pot = PotFactory(fylt=1_000)
    missing = Pot(pk=pot.pk + 1000)
    with pytest.raises(DomainError, match="finnes ikke"):
        pot_commit(pot=missing, amount=1, reference="x")


def test_the_ledger_moves_money_and_only_the_decision_sends_e_mail():
    import ast
    import inspect

    from felles.roles import Rolle
    from handlingsplan.services import ledger, pot_transfer
    from notifications.models import Message
    from tests.factories import staff_user

    tree = ast.parse(inspect.getsource(ledger))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any(name.startswith("notifications") for name in imported)

    staff_user(Rolle.STYRELEDER, email="leder@omstilling.no")
    plan = HandlingsplanFactory()
    a = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=10_000)
    b = PotFactory(strategi=StrategiFactory(handlingsplan=plan), fylt=0)
    pot_transfer(from_pot=a, to_pot=b, amount=1_000, reason="r", reference="v")
    assert not Message.objects.exists()
    pot_reallocate(from_pot=a, to_pot=b, amount=1_000, reason="r", reference="v")
    assert list(Message.objects.values_list("template", "to_email")) == [
        ("pot_reallocated", "leder@omstilling.no")
    ]
    assert (fresh(a).tildelt, fresh(b).tildelt) == (8_000, 2_000)
