"""The staff project list: milliseconds and SQL queries for its first page with 100 and with
5 000 projects (each with a phase and a commitment in the ledger). The query count must not
grow with the number of projects."""

import statistics
import time

from bench.common import report, throwaway_database

SIZES = (100, 5_000)
REPEATS = 5


def _measure(client, url) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(REPEATS):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        samples.append((ms, len(queries)))
    return statistics.median(s[0] for s in samples), samples[-1][1]


def main() -> None:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from felles.roles import Rolle
    from handlingsplan.services import ledger_verify
    from tests.factories import PotFactory, staff_user
    from tests.plp.factories import prosjekter_lag

    with (
        throwaway_database(),
        override_settings(
            ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        pot = PotFactory(fylt=100_000_000, strategi__budsjett=100_000_000)
        client = Client()
        client.force_login(staff_user(Rolle.PROGRAMLEDER, username="pl"))
        url = reverse("prosjekter:index")
        made = 0
        counts = []
        for size in SIZES:
            while made < size:
                batch = min(500, size - made)
                prosjekter_lag(pot=pot, antall=batch, start=made)
                made += batch
            client.get(url)  # warm-up
            ms, queries = _measure(client, url)
            counts.append(queries)
            report(f"staff project list, {size} projects", ms, "ms", f"{queries} queries")
        assert len(set(counts)) == 1, f"the list's queries grew with the projects: {counts}"
        assert ledger_verify() == []
