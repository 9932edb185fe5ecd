"""A submitted application opens its case: soknader announces submissions, and the case app,
which sits above it, starts the application flow in the submission's transaction."""


def start_flow(soknad) -> None:
    from workflow.flows import SoknadFlow
    from workflow.services import sak_prosess_link

    process = SoknadFlow.start.run(soknad=soknad)
    sak_prosess_link(sak_id=process.artifact_object_id, prosess=process)


def register() -> None:
    from soknader.services import on_submitted

    on_submitted(start_flow)
