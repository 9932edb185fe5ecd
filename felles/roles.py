"""The staff roles, as Django groups with the permissions each role needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rolle(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PROGRAMLEDER = "programleder", _("Programleder")
    STYRELEDER = "styreleder", _("Styreleder")
    STYREMEDLEM = "styremedlem", _("Styremedlem")
    OBSERVATOR = "observator", _("Observatør")


STAFF_ROLES = frozenset(Rolle)

# Permissions by role, as "app_label.codename". The administrator gets every permission.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Rolle.PROGRAMLEDER: {
        "handlingsplan.se_handlingsplan",
        "handlingsplan.omfordele_pot",
        "workflow.behandle_sak",
    },
    Rolle.STYRELEDER: {"handlingsplan.se_handlingsplan", "workflow.bekrefte_vedtak"},
    Rolle.STYREMEDLEM: {"handlingsplan.se_handlingsplan"},
    Rolle.OBSERVATOR: {"handlingsplan.se_handlingsplan"},
}


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_omstilling_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) & {r.value for r in Rolle}
        user._omstilling_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & {str(r) for r in roles})


def is_staff_member(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(roles_of(user)))
