"""Forms for the impact indicators: a value for one year, and an indicator of the program's
own. They parse what people type and call one service; a broken rule lands on its field."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Layout, Row

from felles.errors import DomainError
from handlingsplan.models.indikator import VERDI_GRENSE
from handlingsplan.services import indikator_add, indikatorverdi_record

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class TallField(forms.CharField):
    """A number as people write it in Norwegian: "5 812", "1,5", "−0,4"."""

    default_error_messages = {
        "invalid": _("Skriv verdien som et tall, f.eks. 5 812 eller 1,5."),
        "range": _("Verdien må ligge mellom −999 999 999,99 og 999 999 999,99."),
        "decimals": _("Verdien kan ha høyst to desimaler."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = _SPACES.sub("", value).replace("\u2212", "-").replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not -VERDI_GRENSE <= number <= VERDI_GRENSE:
            raise forms.ValidationError(self.error_messages["range"], code="range")
        if number != number.quantize(Decimal("0.01")):
            raise forms.ValidationError(self.error_messages["decimals"], code="decimals")
        return number


class IndikatorverdiForm(forms.Form):
    ar = forms.IntegerField(label=_("År"))
    verdi = TallField(label=_("Verdi"), help_text=_("F.eks. 5 812 eller 1,5."))
    enhet = forms.CharField(
        label=_("Enhet"),
        max_length=50,
        required=False,
        help_text=_("F.eks. %, personer eller plass."),
    )
    kilde = forms.CharField(
        label=_("Kilde"),
        max_length=300,
        required=False,
        help_text=_("Hvor tallet er hentet fra, f.eks. SSB-tabellen."),
    )
    merknad = forms.CharField(label=_("Merknad"), max_length=300, required=False)

    layout = Layout(Row("ar", "verdi", "enhet"), Row("kilde"), Row("merknad"))

    def __init__(self, *args, indikator, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator, self.user = indikator, user
        program = indikator.program
        melding = _("Året må være et av programmets år, %(fra)s–%(til)s.") % {
            "fra": program.start_ar,
            "til": program.slutt_ar,
        }
        ar = self.fields["ar"]
        ar.help_text = _("Ett av programmets år, %(fra)s–%(til)s.") % {
            "fra": program.start_ar,
            "til": program.slutt_ar,
        }
        ar.widget.attrs.update({"min": program.start_ar, "max": program.slutt_ar})
        ar.validators += [
            MinValueValidator(program.start_ar, message=melding),
            MaxValueValidator(program.slutt_ar, message=melding),
        ]
        ar.error_messages.update(
            {
                "min_value": melding,
                "max_value": melding,
                "invalid": melding,
                "required": _("Oppgi året verdien gjelder."),
            }
        )
        self.fields["verdi"].error_messages["required"] = _("Oppgi verdien.")
        self.result = None

    def save(self) -> bool:
        """Record the value through the service; True when it was saved."""
        data = self.cleaned_data
        try:
            self.result = indikatorverdi_record(
                indikator=self.indikator,
                ar=data["ar"],
                verdi=data["verdi"],
                enhet=data["enhet"],
                kilde=data["kilde"],
                merknad=data["merknad"],
                by=self.user,
            )
        except DomainError as error:
            error.add_to(self)
            return False
        return True


class IndikatorForm(forms.Form):
    navn = forms.CharField(
        label=_("Navn på indikatoren"),
        max_length=300,
        error_messages={"required": _("Skriv navnet på indikatoren.")},
    )
    layout = Layout(Row("navn"))

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.result = None

    def save(self) -> bool:
        try:
            self.result = indikator_add(program=self.program, navn=self.cleaned_data["navn"])
        except DomainError as error:
            error.add_to(self)
            return False
        return True
