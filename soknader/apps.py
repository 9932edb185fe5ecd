from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SoknaderConfig(AppConfig):
    name = "soknader"
    verbose_name = _("Søknader")

    def ready(self):
        from soknader import lenker

        lenker.register()  # draft and login links, made by the e-mail worker at send time
        from notifications.registry import template_name_register

        template_name_register("soknad_utkast", _("Lenke til utkast"))
