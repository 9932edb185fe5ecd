from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Saksflyt")

    def ready(self):
        from workflow import deadline_kinds, digest_source, minside_status, receivers, tilgang

        receivers.register()  # a submitted application opens its case
        deadline_kinds.register()  # the case's kinds of deadline, for the reminder engine
        digest_source.register()  # each user's waiting tasks, for the daily digest
        tilgang.register()  # a board member sees the cases they have a task in
        minside_status.register()  # Min side shows the case's status once there is a case
        from notifications.registry import case_staff_link_register
        from workflow.models import Sak
        from workflow.selectors import sak_staff_link

        case_staff_link_register(Sak, sak_staff_link)  # Varsler's deadlines open the case
