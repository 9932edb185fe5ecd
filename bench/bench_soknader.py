"""Complete applications submitted per second through the HTTP form, and SQL per submission."""

import time

from bench.common import report, throwaway_database

APPLICATIONS = 40


def main() -> None:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from tests.factories import ProgramFactory
    from tests.soknader import journey

    with (
        throwaway_database(),
        override_settings(
            ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
            SOKNAD_RATE_INNSENDING=(10_000, 3600),
            SOKNAD_RATE_NY=(10_000, 3600),
            SOKNAD_VEDLEGG_ROOT=str(settings.VAR_DIR / "bench" / "vedlegg"),
            ENHETSREGISTERET_URL="http://127.0.0.1:9/api",  # nothing listens: manual entry
            ENHETSREGISTERET_TIMEOUT=0.2,
        ),
    ):
        cache.clear()
        # Persistent connections, as in production (DATABASE_CONN_MAX_AGE); the test client
        # would otherwise open a new connection for every request.
        connection.settings_dict["CONN_MAX_AGE"] = 600
        ProgramFactory()
        client = Client()
        journey.fill_and_submit(client)  # warm-up: templates, caches, first counter row
        start = time.perf_counter()
        for _ in range(APPLICATIONS):
            journey.fill_and_submit(client)
        seconds = time.perf_counter() - start
        report(
            "complete applications/s through the HTTP form (6 steps)",
            APPLICATIONS / seconds,
            "applications/s",
            f"({APPLICATIONS} in {seconds:.2f} s, 8 POSTs each)",
        )

        with CaptureQueriesContext(connection) as whole:
            token = journey.fill_and_submit(client)
        report("SQL queries per complete application (all steps)", len(whole), "queries")

        draft = journey.start(client)
        for steg, data in (
            (1, journey.STEP1),
            (2, journey.STEP2),
            (3, journey.STEP3),
            (4, journey.STEP4),
        ):
            client.post(journey.step_url(draft, steg), data)
        with CaptureQueriesContext(connection) as submit:
            response = client.post(journey.step_url(draft, 6), {"bekreft": "on", "send": "1"})
        assert response.status_code == 302, response.status_code
        report("SQL queries for the submit request alone", len(submit), "queries")
        assert token
