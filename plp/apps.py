from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlpConfig(AppConfig):
    name = "plp"
    verbose_name = _("Prosjekter (PLP)")

    def ready(self):
        from plp import frister, receivers

        frister.register()  # start and follow-up deadlines, for the reminder engine
        receivers.register()  # an accepted grant opens the project's phase
