from django import template

from felles import formatting

register = template.Library()

register.filter("kr", formatting.kr)
register.filter("timer", formatting.timer)
register.filter("dato", formatting.dato)
register.filter("tusen", formatting.group_thousands)


@register.simple_tag
def skjema(form):
    """A form laid out by its viewflow.forms Layout (`form.layout`) as plain, accessible HTML
    (see felles.skjema); wrap it in an element of class `skjema-ramme` for its styles."""
    from felles.skjema import render_layout

    return render_layout(form)
