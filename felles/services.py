"""Writes of the shared layer: the role groups and their permissions."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .roles import ROLE_PERMISSIONS, Rolle


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the role groups and give each exactly its permissions. Safe to run again."""
    groups = {}
    every_permission = list(Permission.objects.all())
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for role in Rolle:
        group, _ = Group.objects.get_or_create(name=role.value)
        if role == Rolle.ADMINISTRATOR:
            group.permissions.set(every_permission)
        else:
            group.permissions.set(
                [by_name[name] for name in ROLE_PERMISSIONS[role] if name in by_name]
            )
        groups[role.value] = group
    return groups
