"""A case that ends tells the project app: an accepted grant opens a phase (and the project,
the first time); a next phase's application that ends without a grant closes the project."""


def case_ended(sak) -> None:
    from plp.services import sak_avsluttet

    sak_avsluttet(sak=sak)


def register() -> None:
    from workflow.services import on_sak_ended

    on_sak_ended(case_ended)
