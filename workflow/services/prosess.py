"""The case's flow follows what the services do: a flow node waiting on the applicant is
resumed when they act, and the flow of a closed case is cancelled. Called inside the
service's transaction, so the case and its flow never part."""

from viewflow.workflow.status import STATUS

from workflow.models import Sak


def prosess_resume(sak: Sak, node_name: str) -> None:
    """Run the waiting task of node `node_name` in the case's flow, if there is one."""
    process = sak.prosess
    if process is None:
        return
    node = getattr(process.flow_class, node_name)
    task = process.task_set.filter(flow_task=node, status=STATUS.NEW).first()
    if task is not None:
        node.run(task)


def prosess_cancel(sak: Sak) -> None:
    process = sak.prosess
    if process is not None and process.finished is None:
        process.flow_class.instance.cancel(process)
