"""Min side's view of a case, for the application pages: `{% load saker %}` then
`{% sak_for_soknad soknad as sak %}` and `{% kan_trekkes soknad as kan %}`."""

from django import template

from workflow import selectors
from workflow.models import Klage, Sak

register = template.Library()


@register.simple_tag
def sak_for_soknad(soknad):
    """The application's case with what Min side shows, or None before it has one."""
    if soknad is None or soknad.pk is None:
        return None
    return (
        Sak.objects.select_related("vedtak__tilsagn")
        .prefetch_related("opplysningskrav", "brev")
        .filter(soknad=soknad)
        .first()
    )


@register.simple_tag
def kan_trekkes(soknad) -> bool:
    return selectors.soknad_withdrawable(soknad)


@register.simple_tag
def klager_for_sak(sak):
    """The appeals against the case's decision, each with its own case and letters."""
    if sak is None or sak.pk is None:
        return []
    return list(
        Klage.objects.filter(paklaget=sak)
        .select_related("sak__vedtak__tilsagn", "vedtak")
        .prefetch_related("sak__brev")
    )


@register.simple_tag
def kan_klage(sak, klager) -> bool:
    """The applicant may appeal a decision once, while no appeal of it is open."""
    return hasattr(sak, "vedtak") and not klager
