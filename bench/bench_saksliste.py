"""The list of all cases with 100 and 10 000 cases: SQL queries and milliseconds for the
first page, a search by organisation number, a filter by step and who has it, and a sort by
amount. The query count must not grow with the number of cases.

The cases are the rows a submitted application leaves (an application with its financing,
a case, its flow process and an open task for the programleder), written in bulk.
"""

import statistics
import time

from bench.common import report, throwaway_database

SIZES = (100, 10_000)
REPEATS = 5


def _cases(program, programleder, start: int, count: int) -> None:
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS
    from viewflow.workflow.token import Token

    from soknader.models import Finansieringslinje, Soknad
    from workflow.flows import SoknadFlow
    from workflow.models import Sak, Saksbehandling

    now = timezone.now()
    numbers = range(start, start + count)
    soknader = Soknad.objects.bulk_create(
        (
            Soknad(
                program=program,
                saksnummer=f"2026-{n:05d}",
                status=Soknad.Status.SENDT,
                utkast_token_hash=f"{n:064x}",
                innsendt=now,
                orgnr=f"{900_000_000 + n}",
                org_navn=f"Bedrift {n} AS",
                tittel=f"Prosjekt {n}",
                fase="forprosjekt",
            )
            for n in numbers
        ),
        batch_size=2_000,
    )
    Finansieringslinje.objects.bulk_create(
        (
            Finansieringslinje(
                soknad=s, kilde=Finansieringslinje.Kilde.PROGRAMMET, belop=10_000 + i
            )
            for i, s in enumerate(soknader)
        ),
        batch_size=2_000,
    )
    processes = Saksbehandling.objects.bulk_create(
        (
            Saksbehandling(
                flow_class=SoknadFlow,
                status="NEW",
                data={"saksnummer": s.saksnummer, "tittel": s.tittel},
            )
            for s in soknader
        ),
        batch_size=2_000,
    )
    Sak.objects.bulk_create(
        (
            Sak(soknad=s, saksnummer=s.saksnummer, prosess=p, programleder=programleder)
            for s, p in zip(soknader, processes, strict=True)
        ),
        batch_size=2_000,
    )
    Task.objects.bulk_create(
        (
            Task(
                process=p,
                flow_task=SoknadFlow.kontroll,
                flow_task_type="HUMAN",
                status=STATUS.ASSIGNED,
                owner=programleder,
                token=Token("start"),
            )
            for p in processes
        ),
        batch_size=2_000,
    )


def _measure(client, params) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("saker:saksliste")
    client.get(url, params)  # warm
    timings, counts = [], set()
    for _ in range(REPEATS):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        assert 'data-testid="sak-rad"' in response.content.decode(), params
        counts.add(len(queries))
    assert len(counts) == 1, counts
    return statistics.mean(timings), counts.pop()


def main() -> None:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from felles.roles import Rolle
    from tests.factories import PotFactory, staff_user

    with (
        throwaway_database(),
        override_settings(
            ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        program = PotFactory().strategi.handlingsplan.program
        programleder = staff_user(Rolle.PROGRAMLEDER, username="pl-liste")
        client = Client()
        client.force_login(programleder)
        views = {
            "first page": {},
            "search by orgnr": {"q": "900000042"},
            "step and who has it, by amount": {
                "steg": "kontroll",
                "hvem": programleder.pk,
                "sort": "-belop",
            },
        }
        counts: dict[str, list[int]] = {name: [] for name in views}
        made = 0
        for size in SIZES:
            _cases(program, programleder, made, size - made)
            made = size
            for name, params in views.items():
                ms, queries = _measure(client, params)
                counts[name].append(queries)
                cases = f"{size:,}".replace(",", " ")
                report(
                    f"case list, {cases} cases: {name}",
                    ms,
                    "ms",
                    f"{queries} queries",
                )
        for name, found in counts.items():
            assert len(set(found)) == 1, f"the case list's query count grew ({name}): {found}"
