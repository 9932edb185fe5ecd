"""Approving a payout request: milliseconds and SQL queries of the service call that locks
the commitment, checks the rules, posts the payout and sends the notice."""

import statistics
import tempfile
import time

from bench.common import report, throwaway_database

REPEATS = 10


def main() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from handlingsplan.services import ledger_verify
    from plp.services.utbetaling import utbetaling_decide, utbetaling_submit
    from tests.factories import PotFactory
    from tests.plp.utbetaling_fixtures import fase_running, request_kwargs

    with (
        throwaway_database(),
        tempfile.TemporaryDirectory() as files,
        override_settings(
            SOKNAD_VEDLEGG_ROOT=files,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
        ),
    ):
        pot = PotFactory(fylt=100_000_000, strategi__budsjett=100_000_000)
        waiting = [
            utbetaling_submit(fase=fase_running(pot=pot), **request_kwargs())
            for _ in range(REPEATS)
        ]
        samples = []
        for u in waiting:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                utbetaling_decide(utbetaling=u, by=None, utfall="godkjenn")
                ms = (time.perf_counter() - start) * 1000
            samples.append((ms, len(queries)))
        report(
            "approving a payout",
            statistics.median(s[0] for s in samples),
            "ms",
            f"{samples[-1][1]} queries",
        )
        assert ledger_verify() == []
