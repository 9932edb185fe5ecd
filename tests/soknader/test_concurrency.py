"""Case numbers under concurrency: only PostgreSQL shows real row locks."""

import threading

import pytest
from django.db import connection

from soknader import services
from soknader.models import Soknad
from tests.factories import ProgramFactory

from .factories import draft_complete

N = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_get_fifty_distinct_numbers():
    program = ProgramFactory()
    drafts = [draft_complete(program=program) for _ in range(N)]
    barrier = threading.Barrier(N)
    errors = []

    def submit(soknad):
        try:
            barrier.wait()
            services.soknad_submit(soknad=soknad)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    numbers = list(
        Soknad.objects.filter(pk__in=[d.pk for d in drafts]).values_list("saksnummer", flat=True)
    )
    assert len(set(numbers)) == N
    year = numbers[0][:4]
    assert sorted(numbers) == [f"{year}-{i:04d}" for i in range(1, N + 1)]
