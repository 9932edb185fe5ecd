"""Template helpers of the public pages."""

from django import template

from rapportering.selectors.offentlig import fasenavn as _fasenavn

register = template.Library()


@register.filter
def fasenavn(fase: str) -> str:
    """The PLP phase's name in the user's language ("forstudie" → "Forstudie")."""
    return _fasenavn(fase)
