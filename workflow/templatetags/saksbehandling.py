"""Staff templates: `{% load saksbehandling %}`, then `{% if request.user|leser_alt %}`."""

from django import template

from felles import access
from felles.templatetags import omstilling

register = template.Library()


@register.filter
def leser_alt(user) -> bool:
    """Whether `user` reads every case (the list of all cases is for them)."""
    return access.may_read_all(user)


# The task forms' layout tag, shared with every staff form (felles' `omstilling` library).
register.simple_tag(omstilling.skjema, name="skjema")
