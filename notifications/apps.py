from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Varsler og e-post")

    def ready(self):
        from notifications import kinds, receivers  # noqa: F401  (receivers: the tracking signal)

        kinds.register()  # the names of the e-mail templates people see
