"""A split that gives every board member their own task (the free edition has no data_source)."""

from functools import update_wrapper

from django.core.exceptions import PermissionDenied
from django.urls import path
from viewflow import this
from viewflow.workflow import Activation, Node, Token, flow
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import NodeDetailMixin, NodeExecuteMixin, views
from viewflow.workflow.nodes import mixins

from felles.errors import DomainError


class PerMemberSplitActivation(Activation):
    def __init__(self, *args, **kwargs):
        self.next_tasks = []
        super().__init__(*args, **kwargs)

    @Activation.status.super()
    def activate(self):
        members = list(self.flow_task._members(self))
        if not members:
            raise FlowRuntimeError(f"{self.flow_task.name}: nobody to give a task to")
        self.next_tasks = [(self.flow_task._next, {"medlem": pk}) for pk in members]
        self.next_tasks += [(node, {}) for node in self.flow_task._also]

    @Activation.status.super()
    def create_next(self):
        token_source = Token.split_token_source(self.task.token, self.task.pk)
        for node, data in self.next_tasks:
            yield node._create(prev_activation=self, token=next(token_source), data=data)


class PerMemberSplit(NodeDetailMixin, NodeExecuteMixin, mixins.NextNodeMixin, Node):
    """`.Next(task)` once per user id that `members(activation)` returns, with
    `task.data = {"medlem": id}`; `.Also(node)` once beside them (e.g. a deadline timer)."""

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

    def Also(self, node):  # noqa: N802 (viewflow's builder style)
        self._also.append(node)
        return self

    def _resolve(self, instance):
        super()._resolve(instance)
        self._members = this.resolve(instance, self._members)
        self._also = [this.resolve(instance, node) for node in self._also]

    def _outgoing(self):
        from viewflow.workflow.base import Edge

        yield from super()._outgoing()
        for node in self._also:
            yield Edge(src=self, dst=node, edge_class="next")


class LederView(flow.View):
    """A task only the chair leading the case takes: the styreleder, or the settestyreleder
    when the styreleder is disqualified in the case (workflow.regler.moteleder)."""

    @property
    def view_path(self):
        """The task page, which refuses a disqualified member with the reason (viewflow alone
        would answer a bare 403 to anyone but the task's owner)."""
        route = super().view_path
        inner = route.callback

        def view(request, *args, **kwargs):
            from workflow.models import Sak
            from workflow.utfall import bekrefter_check

            sak = Sak.objects.filter(
                prosess_id=kwargs.get("process_pk"), status=Sak.Status.STYRET
            ).first()
            if sak is not None and request.user.is_authenticated:
                try:
                    bekrefter_check(sak, request.user)
                except DomainError as exc:
                    if exc.code == "disqualified":
                        raise PermissionDenied(exc.message) from exc
            return inner(request, *args, **kwargs)

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
