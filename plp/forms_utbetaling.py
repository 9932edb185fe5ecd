"""Forms of payout requests: the applicant's request, the programleder's decision and the
payment date. They parse input, bound their numbers and call one service."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Caption, FieldSet, Layout, Row

from felles.errors import DomainError
from handlingsplan.forms import KronerField
from plp.models import Kostnadskategori, Utbetaling, UtbetalingVedlegg
from plp.services.utbetaling import utbetaling_decide, utbetaling_resubmit, utbetaling_submit
from plp.services.utbetaling_betaling import utbetaling_mark_paid

MAKS_KR = 100_000_000
V = UtbetalingVedlegg.Type


def _kroner(label, **kwargs):
    """Whole kroner, 0 to MAKS_KR."""
    return KronerField(
        label=label,
        validators=[MinValueValidator(0), MaxValueValidator(MAKS_KR)],
        **kwargs,
    )


class _ServiceForm(forms.Form):
    result = None

    def _call(self, service, **kwargs) -> bool:
        try:
            self.result = service(**kwargs)
        except DomainError as exc:
            exc.add_to(self)
            return False
        return True


class UtbetalingForm(_ServiceForm):
    """A new payout request, or a returned one sent again (`utbetaling`)."""

    type = forms.ChoiceField(
        label=_("Type utbetaling"), choices=Utbetaling.Type.choices, widget=forms.RadioSelect
    )
    belop = _kroner(_("Beløp dere søker utbetalt nå (kr)"))
    kontonummer = forms.CharField(
        label=_("Kontonummer for utbetalingen"),
        max_length=20,
        help_text=_("11 siffer, for eksempel 1234.56.78903."),
    )
    fremdrift = forms.CharField(
        label=_("Fremdrift mot milepælene"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    avvik = forms.CharField(
        label=_("Avvik, risiko og prognose"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    faktura = forms.FileField(label=_("Fakturaer (samlet i én fil)"), required=False)
    timeliste = forms.FileField(label=_("Timelister"), required=False)
    revisor = forms.FileField(
        label=_("Bekreftelse fra regnskapsfører eller revisor"),
        required=False,
        help_text=_("Kreves når kostnadene hittil er over programmets grense."),
    )

    def __init__(self, *args, fase, utbetaling=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fase, self.utbetaling = fase, utbetaling
        self.kategorier = [
            Kostnadskategori(k)
            for k in fase.budsjett.order_by("kategori").values_list("kategori", flat=True)
        ]
        for kategori in self.kategorier:
            self.fields[f"kost_{kategori.value}"] = _kroner(
                kategori.label, required=False, help_text=_("Påløpt hittil, i hele kroner.")
            )
        if utbetaling is not None:
            del self.fields["type"]

    def kostfelt(self):
        return [self[f"kost_{k.value}"] for k in self.kategorier]

    def save(self, by) -> bool:
        data = self.cleaned_data
        common = {
            "by": by,
            "belop": data["belop"],
            "kontonummer": data["kontonummer"],
            "kostnader": {k.value: data.get(f"kost_{k.value}") or 0 for k in self.kategorier},
            "fremdrift": data["fremdrift"],
            "avvik": data["avvik"],
            "vedlegg": [(t, data[t]) for t in (V.FAKTURA, V.TIMELISTE, V.REVISOR) if data.get(t)],
        }
        if self.utbetaling is not None:
            return self._call(utbetaling_resubmit, utbetaling=self.utbetaling, **common)
        return self._call(utbetaling_submit, fase=self.fase, type=data["type"], **common)


class BehandlingForm(_ServiceForm):
    """The programleder's decision on a payout request."""

    utfall = forms.ChoiceField(
        label=_("Vedtak"),
        choices=[
            ("godkjenn", _("Godkjenn beløpet det er søkt om")),
            ("reduser", _("Godkjenn et redusert beløp")),
            ("returner", _("Returner til søker for retting")),
        ],
        widget=forms.RadioSelect,
    )
    belop = _kroner(_("Redusert beløp (kr)"), required=False)
    begrunnelse = forms.CharField(
        label=_("Begrunnelse"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kreves ved reduksjon og retur. Søkeren får den."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The layout's texts are rendered as plain strings: translated per request here.
        self.layout = Layout(
            FieldSet(gettext("Vedtak om utbetaling"), "utfall", Row("belop"), "begrunnelse"),
            Caption(gettext("En reduksjon er et enkeltvedtak: søkeren får brev med klageadgang.")),
        )

    def save(self, utbetaling, by) -> bool:
        data = self.cleaned_data
        return self._call(
            utbetaling_decide,
            utbetaling=utbetaling,
            by=by,
            utfall=data["utfall"],
            belop=data.get("belop"),
            begrunnelse=data.get("begrunnelse", ""),
        )


class BetaltForm(_ServiceForm):
    betalt_dato = forms.DateField(
        label=_("Betalt dato"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def save(self, utbetaling, by) -> bool:
        return self._call(
            utbetaling_mark_paid,
            utbetaling=utbetaling,
            betalt_dato=self.cleaned_data["betalt_dato"],
            by=by,
        )
