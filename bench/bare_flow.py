"""The bare viewflow baseline: one View task on viewflow's plain Process, nothing else.

BareFlow is StartHandle -> one View task assigned to a user -> End. Its task form is
viewflow's own UpdateProcessView with no fields, and the flow is mounted in a staff Site
of its own beside the project's urls (this module is also that urlconf). Executing the
task through its page costs what viewflow itself costs for one step: the request, the
session and user, the process lock, the task, the transition and the next node. A case
step that costs a small multiple of it does little beyond viewflow.

bare_flow_mounted() installs `bench` as an app (viewflow stores a flow by its app
label) and serves this urlconf; bare_step_queries() measures one step the way
bench_workflow measures a case step: a logged-in POST to `<ns>:<node>:execute` of the
task assigned to that user, its 302 included, the redirect not followed.
"""

import contextlib
import statistics
import time

from django.contrib.auth import get_user_model
from django.urls import path
from viewflow import this
from viewflow.urls import Site
from viewflow.workflow import flow, lock
from viewflow.workflow.flow import FlowAppViewset, views
from viewflow.workflow.models import Process

from config.urls import urlpatterns as project_urlpatterns

URLCONF = __name__
NAMESPACE = "bare"
NODE = "oppgave"


class BareFlow(flow.Flow):
    """Bare viewflow

    One task assigned to one person, then the end."""

    process_class = Process
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.begin).Next(this.oppgave)
    oppgave = (
        flow.View(views.UpdateProcessView.as_view(fields=[]))
        .Annotation(title="Oppgave")
        .Assign(this.owner)
        .Next(this.end)
    )
    end = flow.End()

    def begin(self, activation, user):
        activation.process.data = {"owner": user.pk}
        return activation.process

    def owner(self, activation):
        return get_user_model()._default_manager.get(pk=activation.process.data["owner"])


site = Site(title="Bare viewflow", viewsets=[FlowAppViewset(BareFlow, icon="check")])

urlpatterns = [path("bare/", site.urls), *project_urlpatterns]


@contextlib.contextmanager
def bare_flow_mounted():
    """`bench` as an installed app and this module as the urlconf, for the block."""
    from django.conf import settings
    from django.test.utils import override_settings

    installed = [*settings.INSTALLED_APPS, "bench"]
    with override_settings(INSTALLED_APPS=installed, ROOT_URLCONF=URLCONF):
        yield


def bare_step(client, user):
    """Start a process for `user`; return (execute, task): execute() POSTs the task's
    page (what a person's browser sends) and returns the response."""
    from django.urls import reverse
    from viewflow.workflow.status import STATUS

    _may_view(user)
    process = BareFlow.start.run(user=user)
    task = process.task_set.get(flow_task=BareFlow.oppgave, owner=user, status=STATUS.ASSIGNED)
    url = reverse(f"{NAMESPACE}:{NODE}:execute", args=[process.pk, task.pk])

    def execute():
        return client.post(url, {})

    return execute, task


def _may_view(user) -> None:
    """The permission viewflow's site asks of every page of a flow on the plain Process
    (a case flow asks the same of its own process model)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Process)
    user.user_permissions.add(
        Permission.objects.get(content_type=content_type, codename="view_process")
    )


def _check_done(response, task) -> None:
    from viewflow.workflow.status import STATUS

    assert response.status_code == 302, (response.status_code, response.content[:2000])
    task.refresh_from_db()
    assert task.status == STATUS.DONE, task.status


def _measured(client, user) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    execute, task = bare_step(client, user)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = execute()
        ms = (time.perf_counter() - start) * 1000
    _check_done(response, task)
    return len(queries), ms


def bare_step_queries(client, user) -> int:
    """SQL queries of executing BareFlow's one task through its page, as `user`
    (logged in on `client`). Call inside bare_flow_mounted()."""
    count, _ms = _measured(client, user)
    return count


def bare_step_sample(client, user, runs: int) -> tuple[float, float, set[int]]:
    """(mean queries, mean ms, distinct query counts) over `runs` steps, after one to warm."""
    _measured(client, user)
    samples = [_measured(client, user) for _ in range(runs)]
    counts = [s[0] for s in samples]
    return statistics.mean(counts), statistics.mean(s[1] for s in samples), set(counts)
