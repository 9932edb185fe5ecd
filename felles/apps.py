from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs):
    from felles.services import roles_ensure

    roles_ensure()


class FellesConfig(AppConfig):
    """What every app shares: the domain error, roles, formatting, access predicates, PDFs."""

    name = "felles"
    verbose_name = _("Felles")

    def ready(self):
        # Role groups follow the permissions that migrations create.
        post_migrate.connect(_ensure_roles, dispatch_uid="felles_roles")
