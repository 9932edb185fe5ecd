"""Filters for e-mail templates, whose context went through JSON (dates arrive as ISO text)."""

from django import template
from django.utils.dateparse import parse_date, parse_datetime

from felles import formatting
from notifications.registry import template_name

register = template.Library()


def _parse(value):
    if isinstance(value, str):
        return parse_datetime(value) or parse_date(value) or value
    return value


@register.filter
def dato(value) -> str:
    """27.11.2026 for a date or an ISO string, the time left out."""
    value = _parse(value)
    shown = formatting.dato(value)
    return shown.split(" ")[0] if shown else ""


@register.filter
def datotid(value) -> str:
    """27.11.2026 14:30."""
    return formatting.dato(_parse(value))


@register.filter
def epost_art(template_id: str) -> str:
    """The name of an e-mail template as people know it: «Kvittering», not `receipt`."""
    return template_name(template_id)
