"""The case-handling process: a viewflow Process whose artifact is the Behandling."""

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class Saksbehandling(Process):
    """One application's way through the flow. `artifact` is its soknader.Behandling;
    `data` keeps the case number and title for the inbox without extra queries."""

    class Meta:
        proxy = True
        verbose_name = _("saksbehandling")
        verbose_name_plural = _("saksbehandlinger")
        permissions = [
            ("behandle_sak", _("Kan behandle søknader (programleder)")),
            ("bekrefte_vedtak", _("Kan bekrefte styrets vedtak (styreleder)")),
        ]

    @property
    def behandling(self):
        return self.artifact
