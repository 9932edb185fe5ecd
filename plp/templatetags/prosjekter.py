"""Min side's list of the applicant's projects: `{% prosjekter_for_user user as prosjekter %}`."""

from django import template

from plp.selectors import prosjekter_for_user as _for_user

register = template.Library()


@register.simple_tag
def prosjekter_for_user(user):
    return list(_for_user(user).order_by("-opprettet"))
