"""Accessible rendering of one form field: label, help, error next to it, aria wiring."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from soknader.orgnr import orgnr_format
from soknader.rules import STEG_NAVN

register = template.Library()


@register.simple_tag
def felt(bound_field):
    widget = bound_field.field.widget
    input_id = bound_field.id_for_label or bound_field.auto_id
    described = []
    help_html = ""
    error_html = ""
    if bound_field.help_text:
        help_html = format_html(
            '<p class="hjelp" id="{}_hjelp">{}</p>', input_id, bound_field.help_text
        )
        described.append(f"{input_id}_hjelp")
    if bound_field.errors:
        error_html = format_html(
            '<p class="feilmelding" id="{}_feil"><strong>{}</strong> {}</p>',
            input_id,
            _("Feil:"),
            " ".join(str(e) for e in bound_field.errors),
        )
        described.append(f"{input_id}_feil")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if bound_field.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["required"] = True
    widget_html = bound_field.as_widget(attrs=attrs)
    required_mark = (
        format_html(' <span class="valgfritt">({})</span>', _("valgfritt"))
        if not bound_field.field.required and not isinstance(widget, forms.CheckboxInput)
        else ""
    )
    label = format_html('<label for="{}">{}{}</label>', input_id, bound_field.label, required_mark)
    css = "felt felt--feil" if bound_field.errors else "felt"
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="{} felt--avkrysning">{}{} {}{}</div>',
            css,
            error_html,
            widget_html,
            label,
            help_html,
        )
    return format_html(
        '<div class="{}">{}{}{}{}</div>', css, label, help_html, error_html, widget_html
    )


def _form_errors(form, prefix_label=""):
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        target = bound.id_for_label or bound.auto_id
        label = f"{prefix_label}{bound.label}: " if bound.label else prefix_label
        for error in errors:
            items.append((target, f"{label}{error}"))
    return items


@register.simple_tag
def feiloppsummering(*forms_and_sets, **extra):
    """The error summary at the top: every error as a link to its field."""
    items = []
    for obj in forms_and_sets:
        if obj is None:
            continue
        if isinstance(obj, forms.BaseFormSet):
            for error in obj.non_form_errors():
                items.append((f"{obj.prefix}-feil", str(error)))
            for index, form in enumerate(obj.forms, start=1):
                items += _form_errors(form, prefix_label=_("Rad %(n)d, ") % {"n": index})
        elif isinstance(obj, forms.BaseForm):
            for error in obj.non_field_errors():
                items.append((extra.get("non_field_target", "skjema"), str(error)))
            items += _form_errors(obj)
        else:  # (target id, message) pairs from rules
            items += list(obj)
    if not items:
        return ""
    links = format_html_join("\n", '<li><a href="#{}">{}</a></li>', items)
    return format_html(
        '<div class="feiloppsummering" role="alert" tabindex="-1" id="feiloppsummering">'
        "<h2>{}</h2><ul>{}</ul></div>",
        _("Det er %(n)d feil i skjemaet. Rett dem og prøv igjen:") % {"n": len(items)}
        if len(items) > 1
        else _("Det er én feil i skjemaet. Rett den og prøv igjen:"),
        links,
    )


@register.filter
def orgnr(value):
    return orgnr_format(value)


@register.filter
def stegnavn(nummer):
    return STEG_NAVN.get(int(nummer), "")


@register.simple_tag
def feilliste(errors, target_id):
    if not errors:
        return ""
    return format_html(
        '<div class="feilmelding" id="{}"><strong>{}</strong> {}</div>',
        target_id,
        _("Feil:"),
        mark_safe(" ".join(format_html("{}", e) for e in errors)),  # noqa: S308 (escaped above)
    )


def _choices():
    from soknader.models import (
        Fase,
        Finansieringslinje,
        Kostnadslinje,
        OffentligStotte,
        Soknad,
        Vedlegg,
    )

    return {
        "fase": dict(Fase.choices),
        "kategori": dict(Kostnadslinje.Kategori.choices),
        "kilde": dict(Finansieringslinje.Kilde.choices),
        "stotte": dict(OffentligStotte.Type.choices),
        "vedlegg": dict(Vedlegg.Type.choices),
        "org_kilde": dict(Soknad.Kilde.choices),
    }


@register.filter
def valg(value, kind):
    """A stored choice code shown in words: {{ data.fase|valg:"fase" }}."""
    return _choices().get(kind, {}).get(value, value or "")


@register.filter
def isodato(value):
    """An ISO date from a snapshot shown as 27.11.2026."""
    from datetime import date

    from felles.formatting import dato

    if not value:
        return ""
    try:
        return dato(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return value


@register.filter
def sum_belop(lines):
    """The total of the `belop` of snapshot lines: {{ data.kostnader|sum_belop|kr }}."""
    return sum(int(line.get("belop") or 0) for line in lines or [])
