"""Forms of the appeal: each parses input for one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Pot
from workflow.models import Klage

MAKS_BELOP = 100_000_000
MAKS_TEKST = 10_000
MAKS_BREV = 10 * 1024 * 1024


def _tekst(label, required=True, help_text=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAKS_TEKST,
        required=required,
        help_text=help_text,
    )


def _belop(label):
    return forms.IntegerField(label=label, min_value=1, max_value=MAKS_BELOP, required=False)


class KlageForm(forms.Form):
    """The applicant's appeal on Min side."""

    begrunnelse = _tekst(
        _("Hva klager dere på, og hvorfor?"),
        help_text=_("Si hvilken endring dere ønsker, og begrunn klagen."),
    )
    onsket_belop = _belop(_("Beløp dere mener dere skal ha (kr, valgfritt)"))
    vedtak_mottatt = forms.DateField(
        label=_("Dato dere mottok vedtaksbrevet (valgfritt)"),
        required=False,
        help_text=_("Tom: dagen etter at brevet ble sendt."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class KlageBrevForm(KlageForm):
    """An appeal received by letter or e-mail, registered by staff."""

    mottatt = forms.DateField(
        label=_("Dato klagen kom inn"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sendt = forms.DateField(
        label=_("Dato klagen ble postlagt eller sendt (valgfritt)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class FristForm(forms.Form):
    BEHANDLE, AVVISE = "behandle", "avvise"
    valg = forms.ChoiceField(
        label=_("Klagen kom etter fristen. Skal den behandles?"),
        choices=[
            (BEHANDLE, _("Ja, behandle klagen likevel (forvaltningsloven § 31)")),
            (AVVISE, _("Nei, avvis klagen (eget vedtak med brev)")),
        ],
        widget=forms.RadioSelect,
    )
    begrunnelse = _tekst(_("Begrunnelse"))


class UnderinstansForm(forms.Form):
    OMGJOR, OPPRETTHOLD, AVVIS = "omgjor", "opprettholder", "avvis"
    valg = forms.ChoiceField(
        label=_("Vedtaksorganets vurdering (forvaltningsloven § 33)"),
        choices=[
            (OPPRETTHOLD, _("Vedtaket står: klagen sendes til klageorganet")),
            (OMGJOR, _("Vedtaket endres: nytt vedtak om tilskudd")),
            (AVVIS, _("Klagen avvises")),
        ],
        widget=forms.RadioSelect,
    )
    begrunnelse = _tekst(_("Begrunnelse (står i brevet)"))
    belop = _belop(_("Innvilget beløp i alt ved endring (kr)"))
    pot = forms.ModelChoiceField(
        label=_("Pott ved endring (tom: samme pott som før)"),
        queryset=Pot.objects.none(),
        required=False,
    )
    vilkar = _tekst(_("Vilkår ved endring (tom: som i innstillingen)"), required=False)

    def __init__(self, *args, pots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pots is not None:
            self.fields["pot"].queryset = pots


class OversendForm(forms.Form):
    uttalelse = _tekst(
        _("Uttalelse til klageorganet"),
        help_text=_("Søkeren får en kopi og kan komme med merknader."),
    )


class KlageorganForm(UnderinstansForm):
    valg = None
    resultat = forms.ChoiceField(
        label=_("Klageorganets avgjørelse"), choices=Klage.Resultat.choices
    )
    resultat_dato = forms.DateField(
        label=_("Klageorganets vedtaksdato"), widget=forms.DateInput(attrs={"type": "date"})
    )
    begrunnelse = _tekst(_("Klageorganets begrunnelse"))
    brev = forms.FileField(
        label=_("Klageorganets brev (PDF, valgfritt)"),
        required=False,
        help_text=_("Uten brev lager vi et brev til søkeren om avgjørelsen."),
    )
    field_order = ["resultat", "resultat_dato", "begrunnelse", "brev", "belop", "pot", "vilkar"]

    def clean_brev(self):
        brev = self.cleaned_data.get("brev")
        if brev is None:
            return None
        if brev.size > MAKS_BREV:
            raise forms.ValidationError(_("Brevet kan være høyst 10 MB."))
        data = brev.read()
        if not data.startswith(b"%PDF"):
            raise forms.ValidationError(_("Brevet må være en PDF-fil."))
        return data
