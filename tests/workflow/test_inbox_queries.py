"""The inbox answers in the same number of queries for 10 and for 500 open tasks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.token import Token

from handlingsplan.roles import Rolle
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
    url = reverse("soknad:inbox")
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
