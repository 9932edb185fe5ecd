from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlingsplanConfig(AppConfig):
    name = "handlingsplan"
    verbose_name = _("Handlingsplan og budsjett")
