"""Marking grants as reported to the state aid register (støtteregisteret)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from workflow.models import Hendelse, Vedtak

from .grunnlag import hendelse_record


def stotteregister_mark(*, vedtak_ids: list[int], by) -> int:
    """Mark the chosen grants, among those waiting to be reported, as reported now; each
    case's history records it. Returns how many were marked."""
    if not vedtak_ids:
        raise DomainError(_("Velg minst ett vedtak."), field="vedtak")
    now = timezone.now()
    with tjeneste():
        waiting = list(
            Vedtak.objects.select_for_update()
            .filter(pk__in=vedtak_ids, rapporteres=True, rapportert__isnull=True)
            .select_related("sak")
        )
        for vedtak in waiting:
            vedtak.rapportert, vedtak.rapportert_av = now, by
            vedtak.save(update_fields=["rapportert", "rapportert_av"])
            hendelse_record(vedtak.sak, Hendelse.Type.STOTTEREGISTER, by, vedtak.referanse)
    return len(waiting)
