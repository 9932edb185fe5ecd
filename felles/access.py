"""Who may see what in the case-handling pages."""

from felles.roles import Rolle, has_role

READ_ALL = (Rolle.ADMINISTRATOR, Rolle.PROGRAMLEDER, Rolle.STYRELEDER, Rolle.OBSERVATOR)


def may_view_cases(user, process=None) -> bool:
    """Programleder, chair, observers and administrators see every case; a board member
    sees the app (their inbox) and only the cases they have a task in."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or has_role(user, *READ_ALL):
        return True
    if not has_role(user, Rolle.STYREMEDLEM):
        return False
    if process is None:
        return True
    return process.task_set.filter(owner=user).exists()


def may_read_all(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, *READ_ALL))


def may_handle(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or has_role(user, Rolle.PROGRAMLEDER, Rolle.ADMINISTRATOR)
    )


def may_see_meetings(user) -> bool:
    """The board, the programleder, observers and administrators see the meetings."""
    return may_read_all(user) or (user.is_authenticated and has_role(user, Rolle.STYREMEDLEM))


def may_plan_meetings(user) -> bool:
    """The programleder and the chair (and administrators) create and change meetings."""
    return user.is_authenticated and (
        user.is_superuser
        or has_role(user, Rolle.PROGRAMLEDER, Rolle.STYRELEDER, Rolle.ADMINISTRATOR)
    )


def may_manage_flows(user) -> bool:
    """viewflow's managing actions on a flow (cancel, undo, reassign): administrators only."""
    return user.is_authenticated and (user.is_superuser or has_role(user, Rolle.ADMINISTRATOR))


class FlowAccess:
    """Mixed into every case flow: who sees it in viewflow's pages, and who may manage it."""

    def has_view_permission(self, user, obj=None):
        return may_view_cases(user, obj)

    def has_manage_permission(self, user, obj=None):
        return may_manage_flows(user)
