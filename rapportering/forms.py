"""The annual report's form on the reporting page: which year, and PDF or Excel."""

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Layout, Row

PDF, XLSX = "pdf", "xlsx"


class ArsrapportForm(forms.Form):
    ar = forms.TypedChoiceField(label=_("År"), coerce=int)
    filtype = forms.ChoiceField(
        label=_("Filtype"),
        choices=[(PDF, _("PDF med tabeller og diagrammer")), (XLSX, _("Excel med tabellene"))],
        initial=PDF,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg PDF eller Excel."),
            "invalid_choice": _("Velg PDF eller Excel."),
        },
    )

    layout = Layout(Row("ar", "filtype"))

    def __init__(self, *args, arene: list[int], standard_ar: int, **kwargs):
        super().__init__(*args, initial={"ar": standard_ar, "filtype": PDF}, **kwargs)
        melding = _("Velg et år i programperioden, %(start)s–%(slutt)s.") % {
            "start": arene[0],
            "slutt": arene[-1],
        }
        self.fields["ar"].choices = [(a, str(a)) for a in arene]
        self.fields["ar"].error_messages.update(required=melding, invalid_choice=melding)
