from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlpConfig(AppConfig):
    name = "plp"
    verbose_name = _("Prosjekter (PLP)")
