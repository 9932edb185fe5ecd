"""Task forms: they parse input for one service each."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Delmal, Pot
from soknader.models import Habilitet, Innstilling, Stemme


class KontrollForm(forms.Form):
    KOMPLETT, MANGLER = "komplett", "mangler"
    utfall = forms.ChoiceField(
        label=_("Er søknaden komplett?"),
        choices=[(KOMPLETT, _("Ja, gå videre til vurdering")), (MANGLER, _("Nei, be om mer"))],
        widget=forms.RadioSelect,
    )
    sporsmal = forms.CharField(
        label=_("Hva mangler (sendes søkeren)"), widget=forms.Textarea, required=False
    )
    frist = forms.DateField(label=_("Svarfrist (tom: programmets standard)"), required=False)


class InnstillingForm(forms.ModelForm):
    class Meta:
        model = Innstilling
        fields = [
            "vurdering",
            "anbefaling",
            "pot",
            "belop",
            "vilkar",
            "startdato",
            "sluttdato",
            "rapportering",
            "utbetaling",
            "delmal",
            "nye_arbeidsplasser",
            "sikrede_arbeidsplasser",
            "bagatellmessig",
            "bagatell_vurdering",
            "begrunnelse",
            "unntatt_offentlighet",
            "til_styret",
        ]
        widgets = {"delmal": forms.CheckboxSelectMultiple}

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pot"].queryset = Pot.objects.filter(
            strategi__handlingsplan__program=program
        ).select_related("strategi__handlingsplan")
        self.fields["pot"].label_from_instance = lambda p: (
            f"{p.strategi.handlingsplan.ar} {p.strategi.bokstav} {p.strategi.navn} "
            f"({p.tilgjengelig:,} kr)".replace(",", " ")
        )
        self.fields["delmal"].queryset = Delmal.objects.filter(
            strategi__handlingsplan__program=program
        ).select_related("strategi")


class HabilitetForm(forms.Form):
    grunner = forms.MultipleChoiceField(
        label=_("Gjelder noe av dette deg i saken? (forvaltningsloven § 6 første ledd)"),
        choices=Habilitet.Grunn.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    inhabil_andre = forms.BooleanField(
        label=_("Andre særegne forhold gjør meg inhabil (§ 6 annet ledd)"), required=False
    )
    andre_forhold = forms.CharField(
        label=_("Beskriv forholdene"), widget=forms.Textarea, required=False
    )


class StemmeForm(forms.Form):
    valg = forms.ChoiceField(
        label=_("Din stemme"), choices=Stemme.Valg.choices, widget=forms.RadioSelect
    )
    kommentar = forms.CharField(label=_("Kommentar"), widget=forms.Textarea, required=False)


class BekreftForm(forms.Form):
    belop = forms.IntegerField(label=_("Beløp (kr)"), required=False, min_value=1)
    vilkar = forms.CharField(label=_("Vilkår"), widget=forms.Textarea, required=False)
    endringsbegrunnelse = forms.CharField(
        label=_("Begrunnelse for endring av beløp eller vilkår"),
        widget=forms.Textarea,
        required=False,
    )


class AvsluttForm(forms.Form):
    grunn = forms.CharField(label=_("Grunn"), widget=forms.Textarea)
