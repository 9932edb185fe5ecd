"""Staff templates: `{% load saksbehandling %}`, then `{% if request.user|leser_alt %}`."""

from django import template

from felles import access

register = template.Library()


@register.filter
def leser_alt(user) -> bool:
    """Whether `user` reads every case (the list of all cases is for them)."""
    return access.may_read_all(user)
