"""What only PostgreSQL can show: concurrent approvals on one commitment never overpay it."""

import pytest

from felles.errors import DomainError
from handlingsplan.models import Forpliktelse, Postering
from handlingsplan.services import forpliktelse_release, ledger_verify
from plp.models import Utbetaling, UtbetalingKostnad
from plp.services.utbetaling import utbetaling_decide, utbetaling_submit
from tests.handlingsplan.test_ledger_concurrency import run_concurrently
from tests.plp.utbetaling_fixtures import (
    fase_running,
    request_kwargs,
    utbetaling_settings,  # noqa: F401
)
from workflow.models import Sak


def waiting_requests(fase, n, belop, kostnader):
    """`n` requests of `belop` on one phase, all waiting for a decision at once: the first
    sent through the service, the others as copies of it (the service takes one open
    request per phase; the race is in the approvals)."""
    first = utbetaling_submit(fase=fase, **request_kwargs(belop=belop, kostnader=kostnader))
    requests = [first]
    for nummer in range(2, n + 1):
        u = Utbetaling.objects.create(
            fase=fase,
            nummer=nummer,
            type=first.type,
            belop_sokt=belop,
            kontonummer=first.kontonummer,
            fremdrift=first.fremdrift,
            innsendt=first.innsendt,
        )
        UtbetalingKostnad.objects.bulk_create(
            UtbetalingKostnad(utbetaling=u, kategori=k, belop=b) for k, b in kostnader.items()
        )
        Sak.objects.create(plp_utbetaling=u, saksnummer=f"{fase.sak.saksnummer}-U{nummer}")
        requests.append(u)
    return requests


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("utbetaling_settings"),
]


def test_concurrent_approvals_on_one_commitment_never_overpay_it():
    fase = fase_running(tilskudd=100_000, kostnadsgrunnlag=100_000)
    kostnader = {"lonn": 50_000, "kjop": 50_000}
    requests = waiting_requests(fase, 8, 9_000, kostnader)
    # Room for three: 27 000 kr of the commitment is left.
    forpliktelse_release(forpliktelse=fase.forpliktelse, amount=73_000, reason="Endret budsjett")

    results, errors = run_concurrently(
        8, lambda i: utbetaling_decide(utbetaling=requests[i], by=None, utfall="godkjenn")
    )

    approved = [r for r in results if r is not None]
    refused = [e for e in errors if e is not None]
    assert len(approved) == 3 and len(refused) == 5
    assert all(isinstance(e, DomainError) and e.code == "beyond_commitment" for e in refused)
    commitment = Forpliktelse.objects.get(pk=fase.forpliktelse_id)
    assert (commitment.utbetalt, commitment.gjenstaende) == (27_000, 0)
    assert Postering.objects.filter(type=Postering.Type.UTBETALING).count() == 3
    assert Utbetaling.objects.filter(status=Utbetaling.Status.GODKJENT).count() == 3
    assert Utbetaling.objects.filter(status=Utbetaling.Status.INNSENDT).count() == 5
    assert ledger_verify() == []


def test_concurrent_approvals_stop_at_the_held_back_limit():
    fase = fase_running(tilskudd=100_000, kostnadsgrunnlag=100_000)
    kostnader = {"lonn": 50_000, "kjop": 50_000}
    requests = waiting_requests(fase, 6, 20_000, kostnader)

    results, errors = run_concurrently(
        6, lambda i: utbetaling_decide(utbetaling=requests[i], by=None, utfall="godkjenn")
    )

    # 75 % of 100 000 kr is 75 000 kr: three payouts of 20 000 kr fit, a fourth does not.
    assert len([r for r in results if r is not None]) == 3
    assert {e.code for e in errors if e is not None} == {"above_held_back"}
    assert Forpliktelse.objects.get(pk=fase.forpliktelse_id).utbetalt == 60_000
    assert ledger_verify() == []
