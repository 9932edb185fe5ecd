"""The project's flow: a viewflow Process whose artifact is the Prosjekt."""

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class Prosjektforlop(Process):
    """One project's way from phase to phase. `data` keeps the project's name for the inbox."""

    class Meta:
        proxy = True
        verbose_name = _("prosjektforløp")
        verbose_name_plural = _("prosjektforløp")
