"""The inbox answers in the same number of queries for 10 and for 500 open tasks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.token import Token

from felles.roles import Rolle
from tests.factories import staff_user
from workflow.flows import SoknadFlow
from workflow.models import Saksbehandling

pytestmark = pytest.mark.django_db


def open_tasks_for(user, count: int) -> None:
    processes = Saksbehandling.objects.bulk_create(
        Saksbehandling(
            flow_class=SoknadFlow,
            status="NEW",
            data={"saksnummer": f"2026-{n:04d}", "tittel": f"Prosjekt {n}"},
        )
        for n in range(count)
    )
    Task.objects.bulk_create(
        Task(
            process=process,
            flow_task=SoknadFlow.kontroll,
            flow_task_type="HUMAN",
            status=STATUS.ASSIGNED,
            owner=user,
            token=Token("start"),
        )
        for process in processes
    )


def inbox_queries(client, user) -> int:
    client.force_login(user)
    url = reverse("saker:inbox")
    client.get(url)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "Kompletthetskontroll" in response.content.decode()  # the tasks are listed
    return len(captured)


def test_inbox_query_count_does_not_grow(client):
    few, many = (
        staff_user(Rolle.PROGRAMLEDER, username="a"),
        staff_user(Rolle.PROGRAMLEDER, username="b"),
    )
    open_tasks_for(few, 10)
    open_tasks_for(many, 500)
    assert inbox_queries(client, few) == inbox_queries(client, many)


def test_inbox_page_size_does_not_grow_and_names_its_columns_and_links(client):
    few, many = (
        staff_user(Rolle.PROGRAMLEDER, username="c"),
        staff_user(Rolle.PROGRAMLEDER, username="d"),
    )
    open_tasks_for(few, 100)  # both fill a whole page of the list
    open_tasks_for(many, 500)
    pages = {}
    for user in (few, many):
        client.force_login(user)
        pages[user.username] = client.get(reverse("saker:inbox")).content.decode()
    # The filter offers steps and dates, not every case with an open task.
    assert "2026-0400" not in pages["d"].split("<table")[0]
    assert abs(len(pages["d"]) - len(pages["c"])) < 500
    page = pages["d"]
    assert ">Sak<" in page  # the case column is named in bokmål
    assert "2026-0499: Prosjekt 499" in page or "2026-0000: Prosjekt 0" in page
    assert "av 500" in page
    assert 'aria-label="Neste side"' in page
