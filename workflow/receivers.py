"""The flow follows the case: registered in WorkflowConfig.ready (soknader never imports us)."""

from viewflow.workflow.status import STATUS

from soknader.behandling import hooks


def start_flow(soknad) -> None:
    from workflow.flows import SoknadFlow

    SoknadFlow.start.run(soknad=soknad)


def _process_of(behandling):
    from django.contrib.contenttypes.models import ContentType

    from workflow.models import Saksbehandling

    return Saksbehandling.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(behandling),
        artifact_object_id=behandling.pk,
    ).first()


def _resume(node_name: str):
    def receiver(behandling) -> None:
        from workflow.flows import SoknadFlow

        process = _process_of(behandling)
        if process is None:
            return
        node = getattr(SoknadFlow, node_name)
        task = process.task_set.filter(flow_task=node, status=STATUS.NEW).first()
        if task is not None:
            node.run(task)

    return receiver


def cancel_flow(behandling) -> None:
    from workflow.flows import SoknadFlow

    process = _process_of(behandling)
    if process is not None and process.finished is None:
        SoknadFlow.instance.cancel(process)


def register() -> None:
    from soknader.services import on_submitted

    on_submitted(start_flow)
    hooks.on(hooks.Hendelse.SVAR_MOTTATT, _resume_answer)
    hooks.on(hooks.Hendelse.AKSEPTERT, _resume_acceptance)
    hooks.on(hooks.Hendelse.BORTFALT, _resume_acceptance)
    hooks.on(hooks.Hendelse.AVSLUTTET, cancel_flow)


_resume_answer = _resume("venter_svar")
_resume_acceptance = _resume("aksept")
