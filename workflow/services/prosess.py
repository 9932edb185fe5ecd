"""The case's flow follows what the services do: a flow node waiting on the applicant is
resumed when they act, and the flow of a closed case is cancelled. Called inside the
service's transaction, so the case and its flow never part."""

from viewflow.workflow.status import STATUS

from workflow.models import Sak

_CACHE = "_sak"


def prosess_sak(process) -> Sak:
    """The case a flow process runs, read once per request: the nodes that route and assign
    after a step run in the same request as the step's service, and see what it wrote."""
    sak = getattr(process, _CACHE, None)
    if sak is None:
        # A case flow's process always has its Sak as the artifact.
        sak = Sak.objects.select_related("soknad__program__behandlingsregler").get(
            pk=process.artifact_object_id
        )
        setattr(process, _CACHE, sak)
    return sak


def prosess_sak_known(process, result) -> None:
    """A step's service returned `result` (the case, or something of the case): the flow's
    nodes after the step read the case the service has just written, not the database."""
    sak = result if isinstance(result, Sak) else getattr(result, "sak", None)
    if isinstance(sak, Sak):
        setattr(process, _CACHE, sak)


def prosess_sak_begin(process, sak: Sak):
    """A case flow starts on its case: the case is the process's artifact, and its number and
    title are what the staff pages show for the process."""
    prosess_sak_known(process, sak)
    process.artifact = sak
    process.data = {"saksnummer": sak.saksnummer, "tittel": sak.tittel}
    return process


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
