"""The case-handling process: a viewflow Process linked one-to-one from its Sak."""

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class Saksbehandling(Process):
    """One case's way through its flow. The case (`Sak.prosess`) points here; `data` keeps the
    case number and title for the inbox without extra queries."""

    class Meta:
        proxy = True
        verbose_name = _("saksbehandling")
        verbose_name_plural = _("saksbehandlinger")
        permissions = [
            ("behandle_sak", _("Kan behandle søknader (programleder)")),
            ("bekrefte_vedtak", _("Kan bekrefte styrets vedtak (styreleder)")),
        ]

    @property
    def sak(self):
        return self.sak_for_prosess
