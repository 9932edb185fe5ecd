"""The reporting pages and the open data: milliseconds and SQL queries for every section of
the reporting dashboard (its staff page for the whole period) and for /offentlig/tilskudd.json
with 100 and with 10 000 decided grants over six years. The query counts must not grow with
the number of grants."""

import statistics
import time

from bench.common import report, throwaway_database

SIZES = (100, 10_000)
YEARS = range(2021, 2027)
REPEATS = 3


def _measure(client, url) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        samples.append((ms, len(queries)))
    return statistics.median(s[0] for s in samples), samples[-1][1]


def _pots(program):
    from tests.factories import HandlingsplanFactory, InnsatsomradeFactory, PotFactory

    omrader = [InnsatsomradeFactory(program=program) for _ in range(3)]
    pots = []
    for ar in YEARS:
        plan = HandlingsplanFactory(program=program, ar=ar)
        for omrade in omrader:
            pots.append(
                PotFactory(
                    fylt=10_000_000,
                    strategi__budsjett=10_000_000,
                    strategi__handlingsplan=plan,
                    strategi__innsatsomrade=omrade,
                )
            )
    return pots


def main() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from felles.roles import Rolle
    from handlingsplan.services import ledger_verify
    from rapportering import seksjoner
    from tests.factories import ProgramFactory, staff_user
    from tests.rapportering.factories import tilskudd_lag

    with (
        throwaway_database(),
        override_settings(
            ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        program = ProgramFactory(slug="sel")
        pots = _pots(program)
        programleder = staff_user(Rolle.PROGRAMLEDER, username="pl")
        staff = Client()
        staff.force_login(staff_user(Rolle.OBSERVATOR, username="obs"))
        public = Client()
        urls = [
            (f"section {s.slug}, whole period", reverse("rapportering:seksjon", args=[s.slug]))
            for s in seksjoner.alle()
        ]
        urls += [
            ("/offentlig/tilskudd.json", reverse("offentlig:tilskudd_json")),
            ("/offentlig/tilskudd/ (first page)", reverse("offentlig:tilskudd")),
        ]
        made, batches, counts = 0, 0, {}
        for size in SIZES:
            # Spread over the pots of the six years, in batches of at most 500.
            step = max(1, min(500, size // len(pots)))
            while made < size:
                batch = min(step, size - made)
                pot = pots[batches % len(pots)]
                tilskudd_lag(pot=pot, antall=batch, by=programleder, start=made)
                made, batches = made + batch, batches + 1
            # Fresh statistics, as autovacuum keeps them in production: right after bulk
            # inserts the planner would take 10 000 rows for two.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            for name, url in urls:
                client = public if url.startswith("/offentlig/") else staff
                client.get(url)  # warm-up
                ms, queries = _measure(client, url)
                counts.setdefault(name, []).append(queries)
                report(f"{name}, {size} grants", ms, "ms", f"{queries} queries")
        grown = {name: c for name, c in counts.items() if len(set(c)) != 1}
        assert not grown, f"queries grew with the number of grants: {grown}"
        assert ledger_verify() == []
