from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontoConfig(AppConfig):
    name = "konto"
    verbose_name = _("Kontoer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from konto.sesjon import on_logged_in

        user_logged_in.connect(on_logged_in, dispatch_uid="konto.on_logged_in")
