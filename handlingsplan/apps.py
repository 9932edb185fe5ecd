from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs):
    from handlingsplan.services import roles_ensure

    roles_ensure()


class HandlingsplanConfig(AppConfig):
    name = "handlingsplan"
    verbose_name = _("Handlingsplan og budsjett")

    def ready(self):
        # Role groups follow the permissions that migrations create.
        post_migrate.connect(_ensure_roles, dispatch_uid="handlingsplan_roles")
