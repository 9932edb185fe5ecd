"""Task forms laid out with viewflow.forms (Layout, Row, Column, FieldSet, Caption), drawn as
plain accessible HTML in the staff frame: fieldsets with legends, rows side by side, and each
field as Django's field group (label, help text, errors linked to the input)."""

from django.utils.html import format_html, format_html_join
from viewflow.forms import Caption, Column, FieldSet, Layout, Row, Span

DATOFORMAT = "%d.%m.%Y"


def _node(node, form, used: set) -> str:
    if isinstance(node, Span):
        used.add(node.field_name)
        return format_html(
            '<div class="skjema-felt">{}</div>', form[node.field_name].as_field_group()
        )
    if isinstance(node, Caption):
        return format_html('<p class="skjema-tekst">{}</p>', node.text)
    inner = format_html_join("", "{}", ((_node(child, form, used),) for child in node.children))
    if isinstance(node, FieldSet):
        return format_html(
            '<fieldset class="skjema-gruppe"><legend>{}</legend>{}</fieldset>', node.title, inner
        )
    if isinstance(node, Row):
        return format_html('<div class="skjema-rad">{}</div>', inner)
    if isinstance(node, Column):
        return format_html('<div class="skjema-kolonne">{}</div>', inner)
    raise ValueError(f"Unknown layout node {node!r}")


def render_layout(form) -> str:
    layout = getattr(form, "layout", None) or Layout(*form.fields)
    used: set = set()
    body = _node(Column(*layout.children), form, used)
    rest = [name for name in form.fields if name not in used]
    tail = format_html_join(
        "", '<div class="skjema-felt">{}</div>', ((form[name].as_field_group(),) for name in rest)
    )
    return format_html('<div class="skjema">{}{}</div>', body, tail)
