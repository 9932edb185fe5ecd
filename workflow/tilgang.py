"""The case app's part of who may see an application (soknader.tilgang): a board member
sees the case, its files and its letters only when they have a task in it."""

from felles.roles import Rolle, has_role
from workflow.models import Sak


def board_member_has_task(user, soknad) -> bool:
    if not has_role(user, Rolle.STYREMEDLEM):
        return False
    return Sak.objects.filter(soknad=soknad, prosess__task__owner=user).exists()


def register() -> None:
    from soknader.tilgang import case_access_register

    case_access_register(board_member_has_task)
