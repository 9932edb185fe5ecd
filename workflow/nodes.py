"""A split that gives every board member their own task (the free edition has no data_source)."""

from datetime import datetime, timedelta
from functools import update_wrapper

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.html import format_html
from django.utils.timezone import now
from viewflow import this
from viewflow.workflow import Activation, Node, Token, flow
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import NodeDetailMixin, NodeExecuteMixin, views
from viewflow.workflow.nodes import mixins
from viewflow.workflow.status import STATUS

from felles.errors import DomainError


class PerMemberSplitActivation(Activation):
    def __init__(self, *args, **kwargs):
        self.next_tasks = []
        super().__init__(*args, **kwargs)

    @Activation.status.super()
    def activate(self):
        instead = self.flow_task._instead
        if instead is not None and instead[0](self):
            self.next_tasks = [(instead[1], {})]
            return
        members = list(self.flow_task._members(self))
        if not members:
            raise FlowRuntimeError(f"{self.flow_task.name}: nobody to give a task to")
        self.next_tasks = [(self.flow_task._next, {"medlem": pk}) for pk in members]
        self.next_tasks += [(node, {}) for node in self.flow_task._also]

    @Activation.status.super()
    def create_next(self):
        token_source = Token.split_token_source(self.task.token, self.task.pk)
        bulk = [(n, d) for n, d in self.next_tasks if _bulk_kind(n)]
        yield from self._create_in_bulk(bulk, token_source)
        for node, data in self.next_tasks:
            if not _bulk_kind(node):
                yield node._create(prev_activation=self, token=next(token_source), data=data)

    def _create_in_bulk(self, items, token_source):
        """The next tasks as viewflow makes them one at a time, written in two statements:
        a member's task gets its owner and is assigned (View.create); a timer is scheduled
        for its moment (Timer's activate), so the dispatcher fires it when due."""
        if not items:
            return []
        task_class = self.flow_class.task_class
        activations, pending = [], []
        for node, data in items:
            task = task_class(
                process=self.process,
                flow_task=node,
                flow_task_type=node.task_type,  # Task.save() sets it; bulk_create does not
                token=next(token_source),
            )
            task.data = data
            activation = node.activation_class(task)
            if _bulk_kind(node) == "timer":
                task.status, task.scheduled = STATUS.SCHEDULED, _due(node, activation)
            else:
                permission = node.calc_owner_permission(activation)
                if permission:
                    task.owner_permission = permission
                    task.owner_permission_obj = node.calc_owner_permission_obj(activation)
                owner = node.calc_owner(activation)
                if owner:
                    task.owner, task.status = owner, STATUS.ASSIGNED
                activations.append(activation)
            pending.append(task)
        tasks = task_class.objects.bulk_create(pending)
        previous = task_class.previous.through
        previous.objects.bulk_create(
            [previous(from_task_id=task.pk, to_task_id=self.task.pk) for task in tasks]
        )
        return activations


def _bulk_kind(node) -> str:
    if isinstance(node, flow.Timer):
        return "timer"
    if isinstance(node, flow.View) and not node._on_create:
        return "view"
    return ""


def _due(node, activation):
    delay = node._delay
    if callable(delay):
        delay = delay(activation)
    if isinstance(delay, timedelta):
        delay = now() + delay
    if not isinstance(delay, datetime):
        raise FlowRuntimeError(f"{node.name}: a timer needs a datetime, got {delay!r}")
    return delay


class PerMemberSplit(NodeDetailMixin, NodeExecuteMixin, mixins.NextNodeMixin, Node):
    """`.Next(task)` once per user id that `members(activation)` returns, with
    `task.data = {"medlem": id}`; `.Also(node)` once beside them (e.g. a deadline timer).
    `.Instead(condition, node)`: when `condition(activation)` holds, only `node` follows
    (one gateway where an If before the split would cost a task of its own)."""

    task_type = "PARALLEL_GATEWAY"
    activation_class = PerMemberSplitActivation
    index_view_class = views.IndexTaskView
    detail_view_class = views.DetailTaskView
    bpmn_element = "parallelGateway"
    shape = {
        "width": 50,
        "height": 50,
        "svg": """
            <path class="gateway" d="M25,0L50,25L25,50L0,25L25,0"/>
            <text class="gateway-marker" font-size="32px" x="25" y="35">+</text>
        """,
    }

    def __init__(self, members, **kwargs):
        super().__init__(**kwargs)
        self._members = members
        self._also = []
        self._instead = None

    def Also(self, node):  # noqa: N802 (viewflow's builder style)
        self._also.append(node)
        return self

    def Instead(self, condition, node):  # noqa: N802 (viewflow's builder style)
        self._instead = (condition, node)
        return self

    def _resolve(self, instance):
        super()._resolve(instance)
        self._members = this.resolve(instance, self._members)
        self._also = [this.resolve(instance, node) for node in self._also]
        if self._instead is not None:
            condition, node = self._instead
            self._instead = (this.resolve(instance, condition), this.resolve(instance, node))

    def _outgoing(self):
        from viewflow.workflow.base import Edge

        yield from super()._outgoing()
        for node in self._also:
            yield Edge(src=self, dst=node, edge_class="next")
        if self._instead is not None:
            yield Edge(src=self, dst=self._instead[1], edge_class="cond_true")


class CaseTaskMessage:
    """viewflow's message after a task is taken, released, cancelled, undone or revived,
    naming the task by its step and its case by saksnummer ("Oppgaven 2026-0004:
    Kompletthetskontroll er tildelt."), not by the engine's numbers ("#18")."""

    def get_success_message(self, cleaned_data):
        task = self.request.activation.task
        nr = (self.request.activation.process.data or {}).get("saksnummer")
        title = str(task.flow_task.task_title)
        return format_html(self.success_message, task=f"{nr}: {title}" if nr else title)


def _case_message_view(view_class):
    return type(view_class.__name__, (CaseTaskMessage, view_class), {})


class View(flow.View):
    """A human task of a case's flow, its actions' messages naming the case by saksnummer."""

    assign_view_class = _case_message_view(views.AssignTaskView)
    unassign_view_class = _case_message_view(views.UnassignTaskView)
    cancel_view_class = _case_message_view(views.CancelTaskView)
    undo_view_class = _case_message_view(views.UndoTaskView)
    revive_view_class = _case_message_view(views.ReviveTaskView)


class LederView(View):
    """A task only the chair leading the case takes: the styreleder, or the settestyreleder
    when the styreleder is disqualified in the case (workflow.regler.moteleder)."""

    @property
    def view_path(self):
        """The task page, which refuses a disqualified member with the reason (viewflow alone
        would answer a bare 403 to anyone but the task's owner)."""
        route = super().view_path
        inner = route.callback

        def view(request, *args, **kwargs):
            try:
                return inner(request, *args, **kwargs)
            except PermissionDenied:
                reason = _disqualified_reason(request.user, kwargs.get("process_pk"))
                if reason:
                    raise PermissionDenied(reason) from None
                raise

        update_wrapper(view, inner)
        return path(str(route.pattern), view, name=route.name)

    def can_assign(self, user, task):
        if task.owner_id or user is None or user.is_anonymous:
            return False
        from workflow import regler
        from workflow.models import Sak

        sak = Sak.objects.select_related("soknad__program").get(prosess_id=task.process_id)
        leder = regler.moteleder(sak).user
        return leder is not None and leder.pk == user.pk


def _disqualified_reason(user, process_pk) -> str:
    """Why `user` may not confirm the decision of the case, when it is that they are
    disqualified in it; else ""."""
    from workflow.models import Sak
    from workflow.utfall import bekrefter_check

    sak = Sak.objects.filter(prosess_id=process_pk, status=Sak.Status.STYRET).first()
    if sak is None or not user.is_authenticated:
        return ""
    try:
        bekrefter_check(sak, user)
    except DomainError as exc:
        return exc.message if exc.code == "disqualified" else ""
    return ""
