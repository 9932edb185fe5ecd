"""Staff templates: `{% load saksbehandling %}`, then `{% if request.user|leser_alt %}`."""

from django import template

from felles import access

register = template.Library()


@register.filter
def leser_alt(user) -> bool:
    """Whether `user` reads every case (the list of all cases is for them)."""
    return access.may_read_all(user)


@register.simple_tag
def skjema(form):
    """The task form laid out by its viewflow.forms Layout (`form.layout`), as plain HTML:
    each FieldSet a fieldset with its legend, each Row fields side by side, each Caption a
    line of text, each field Django's own field group (label, help text, errors)."""
    from workflow.skjema import render_layout

    return render_layout(form)
