"""The applicant's forms on Min side and the programleder's forms on the staff pages.
The rules are the services'; the forms bound the numbers and show the budget."""

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Caption, FieldSet, Layout, Row

from felles.formatting import kr
from handlingsplan.models import Delmal
from plp.models import Beslutningspunkt, Endringssoknad, Kostnadskategori, MilepaelStatus

MAKS_BELOP = 1_000_000_000
MAKS_JOBS = 10_000
DATE = forms.DateInput(attrs={"type": "date"})


def _kroner(label, required=False):
    return forms.IntegerField(label=label, required=required, min_value=0, max_value=MAKS_BELOP)


class _Kostnader(forms.Form):
    """Costs by category: every category is offered, with its budget shown."""

    def __init__(self, *args, fase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fase = fase
        budsjett = {p.kategori: p.belop for p in fase.budsjett.all()}
        for value, label in Kostnadskategori.choices:
            help_text = (
                _("Budsjett: %(b)s") % {"b": kr(budsjett[value])}
                if value in budsjett
                else _("Ikke i budsjettet")
            )
            self.fields[f"kostnad_{value}"] = _kroner(label)
            self.fields[f"kostnad_{value}"].help_text = help_text

    def kostnader(self) -> dict:
        return {
            value: self.cleaned_data.get(f"kostnad_{value}")
            for value in Kostnadskategori.values
            if self.cleaned_data.get(f"kostnad_{value}")
        }


class StartForm(forms.Form):
    startet = forms.DateField(label=_("Startdato"), widget=DATE)


class StatusrapportForm(_Kostnader):
    def __init__(self, *args, fase, **kwargs):
        super().__init__(*args, fase=fase, **kwargs)
        valg = [("", _("Ikke vurdert")), *MilepaelStatus.Status.choices]
        for m in fase.milepaeler.all():
            self.fields[f"milepael_{m.pk}"] = forms.ChoiceField(
                label=_("Milepæl: %(navn)s") % {"navn": m.navn}, choices=valg, required=False
            )

    def milepaeler(self) -> dict:
        return {
            name.removeprefix("milepael_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("milepael_") and value
        }

    per_dato = forms.DateField(label=_("Rapporten gjelder per"), widget=DATE)
    fremdrift = forms.CharField(
        label=_("Fremdrift mot milepælene"), widget=forms.Textarea(attrs={"rows": 4})
    )
    avvik = forms.CharField(
        label=_("Avvik"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    risiko = forms.CharField(
        label=_("Risiko"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    prognose = forms.CharField(
        label=_("Prognose for resten av fasen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SluttrapportForm(_Kostnader):
    resultater = forms.CharField(
        label=_("Resultater mot målene"), widget=forms.Textarea(attrs={"rows": 5})
    )
    nye_kvinner = forms.IntegerField(
        label=_("Nye arbeidsplasser, kvinner"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    nye_menn = forms.IntegerField(
        label=_("Nye arbeidsplasser, menn"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    sikrede_kvinner = forms.IntegerField(
        label=_("Sikrede arbeidsplasser, kvinner"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    sikrede_menn = forms.IntegerField(
        label=_("Sikrede arbeidsplasser, menn"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    malt_dato = forms.DateField(label=_("Arbeidsplassene er telt per"), required=False, widget=DATE)
    delmal = forms.ModelMultipleChoiceField(
        label=_("Delmål prosjektet leverte"),
        queryset=Delmal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    egenfinansiering = _kroner(_("Egenfinansiering (kr)"))
    annen_finansiering = _kroner(_("Annen finansiering (kr)"))
    utlost_kapital = _kroner(_("Andre midler prosjektet utløste (kr)"))
    neste_fase_plan = forms.CharField(
        label=_("Plan for neste fase"),
        required=False,
        help_text=_("For et forprosjekt: planen for hovedprosjektet."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, fase, **kwargs):
        super().__init__(*args, fase=fase, **kwargs)
        self.fields["delmal"].queryset = Delmal.objects.filter(
            strategi__handlingsplan__program=fase.prosjekt.program
        ).order_by("strategi__bokstav", "id")


class FasedokumentForm(forms.Form):
    """The mandate (forstudie) or project plan, and up to three new milestones."""

    problem = forms.CharField(
        label=_("Problemstilling"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    mal = forms.CharField(label=_("Mål"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    omfang = forms.CharField(
        label=_("Omfang og avgrensning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aktiviteter = forms.CharField(
        label=_("Aktiviteter med tid og ressurser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisering = forms.CharField(
        label=_("Organisering"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    interessenter = forms.CharField(
        label=_("Interessenter"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    risiko = forms.CharField(
        label=_("Risiko"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    statusrapportering = forms.CharField(
        label=_("Statusrapportering"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    NYE = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, self.NYE + 1):
            self.fields[f"milepael_{i}_navn"] = forms.CharField(
                label=_("Ny milepæl %(n)d") % {"n": i}, required=False, max_length=200
            )
            self.fields[f"milepael_{i}_frist"] = forms.DateField(
                label=_("Frist for milepæl %(n)d") % {"n": i}, required=False, widget=DATE
            )

    def nye_milepaeler(self) -> list[dict]:
        return [
            {
                "navn": self.cleaned_data.get(f"milepael_{i}_navn") or "",
                "frist": self.cleaned_data.get(f"milepael_{i}_frist"),
            }
            for i in range(1, self.NYE + 1)
        ]


class OppfolgingForm(forms.Form):
    nye_kvinner = forms.IntegerField(
        label=_("Nye arbeidsplasser, kvinner"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    nye_menn = forms.IntegerField(
        label=_("Nye arbeidsplasser, menn"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    sikrede_kvinner = forms.IntegerField(
        label=_("Sikrede arbeidsplasser, kvinner"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    sikrede_menn = forms.IntegerField(
        label=_("Sikrede arbeidsplasser, menn"), required=False, min_value=0, max_value=MAKS_JOBS
    )
    malt_dato = forms.DateField(label=_("Arbeidsplassene er telt per"), widget=DATE)


class BeslutningForm(forms.Form):
    valg = forms.ChoiceField(
        label=_("Beslutning"), choices=Beslutningspunkt.Valg.choices, widget=forms.RadioSelect
    )
    begrunnelse = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 4}))
    referat = forms.FileField(label=_("Referat fra styringsgruppen"), required=False)


class EndringForm(forms.Form):
    type = forms.ChoiceField(label=_("Hva skal endres"), choices=Endringssoknad.Type.choices)
    beskrivelse = forms.CharField(
        label=_("Beskrivelse og begrunnelse"), widget=forms.Textarea(attrs={"rows": 4})
    )
    ny_sluttdato = forms.DateField(label=_("Ny sluttdato"), required=False, widget=DATE)
    nytt_kostnadsgrunnlag = _kroner(_("Nytt kostnadsgrunnlag (kr)"))
    ny_prosjektleder_navn = forms.CharField(
        label=_("Ny prosjektleder"), required=False, max_length=200
    )
    ny_prosjektleder_epost = forms.EmailField(label=_("Ny prosjektleders e-post"), required=False)


# -- Staff ---------------------------------------------------------------------------------


class SluttrapportBehandlingForm(forms.Form):
    utfall = forms.ChoiceField(
        label=_("Utfall"),
        choices=[("godkjenn", _("Godkjenn sluttrapporten")), ("returner", _("Send tilbake"))],
        widget=forms.RadioSelect,
    )
    merknad = forms.CharField(
        label=_("Merknad"),
        required=False,
        help_text=_("Må fylles ut når rapporten sendes tilbake."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    layout = Layout(
        FieldSet(Caption(_("Kontroll av sluttrapporten")), Row("utfall"), Row("merknad"))
    )


class EndringVedtakForm(forms.Form):
    utfall = forms.ChoiceField(
        label=_("Vedtak"),
        choices=[("innvilg", _("Innvilg")), ("avsla", _("Avslå"))],
        widget=forms.RadioSelect,
    )
    begrunnelse = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}))
    layout = Layout(FieldSet(Caption(_("Vedtak om endring")), Row("utfall"), Row("begrunnelse")))


class TilbakebetalingForm(forms.Form):
    belop = forms.IntegerField(label=_("Beløp (kr)"), min_value=1, max_value=MAKS_BELOP)
    begrunnelse = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}))
    layout = Layout(
        FieldSet(Caption(_("Krav om tilbakebetaling")), Row("belop"), Row("begrunnelse"))
    )


class BortfallForm(forms.Form):
    begrunnelse = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}))
    layout = Layout(FieldSet(Caption(_("Tilsagnet faller bort")), Row("begrunnelse")))


class RapportintervallForm(forms.Form):
    rapportintervall_maneder = forms.IntegerField(
        label=_("Statusrapport hver (måneder)"), min_value=1, max_value=12
    )
    layout = Layout(
        FieldSet(Caption(_("Rapportering etter tilsagnet")), Row("rapportintervall_maneder"))
    )


class ReferansegruppeForm(forms.Form):
    """A new member of the project's reference group."""

    navn = forms.CharField(label=_("Navn"), max_length=200)
    rolle = forms.CharField(
        label=_("Rolle eller organisasjon"),
        max_length=200,
        help_text=_("For eksempel «kunde», «leverandør» eller «Innovasjon Norge»."),
    )
    epost = forms.EmailField(label=_("E-post"), required=False, max_length=254)
    layout = Layout(
        FieldSet(Caption(_("Nytt medlem")), Row("navn", "rolle"), Row("epost")),
    )
