from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SoknaderConfig(AppConfig):
    name = "soknader"
    verbose_name = _("Søknader")
