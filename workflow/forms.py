"""Task forms: they parse input for one service each."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import Caption, FieldSet, Layout, Row

from felles.formatting import kr
from handlingsplan.models import Delmal, Pot, Program
from soknader.forms import DateInput
from soknader.models import Vedlegg
from workflow.models import (
    INNSTILLING_FELT,
    UNNTAK_HJEMMEL,
    Habilitet,
    Innstilling,
    Sak,
    Stemme,
    Unntak,
)


class GruppertAvkrysning(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group, the group's name as its legend."""

    template_name = "workflow/widgets/gruppert.html"


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
    frist = forms.DateField(
        label=_("Svarfrist (tom: programmets standard)"),
        required=False,
        widget=DateInput(),
        help_text=_("Dato som dd.mm.åååå."),
    )

    layout = Layout(
        "utfall",
        FieldSet(_("Når noe mangler"), "sporsmal", "frist"),
    )


class InnstillingForm(forms.ModelForm):
    class Meta:
        model = Innstilling
        fields = INNSTILLING_FELT
        widgets = {
            "delmal": GruppertAvkrysning,
            "startdato": DateInput(),
            "sluttdato": DateInput(),
            "vurdering": forms.Textarea(attrs={"rows": 6}),
            "begrunnelse": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "startdato": _("Dato som dd.mm.åååå."),
            "sluttdato": _("Dato som dd.mm.åååå."),
            "pot": _("Potten tilskuddet tas fra, med det som er tilgjengelig nå."),
            "begrunnelse": _("Står i brevet til søkeren."),
        }

    layout = Layout(
        FieldSet(_("Vurdering"), "vurdering", Row("anbefaling", "til_styret"), "begrunnelse"),
        FieldSet(
            _("Tilskudd"),
            Row("pot", "belop"),
            "kostnadsgrunnlag",
            "vilkar",
            Row("startdato", "sluttdato"),
            Row("rapportering", "utbetaling"),
        ),
        FieldSet(
            _("Mål"),
            Caption(_("Delmål i handlingsplanen, gruppert etter strategi.")),
            "delmal",
            Row("nye_arbeidsplasser", "sikrede_arbeidsplasser"),
        ),
        FieldSet(_("Bagatellmessig støtte"), "bagatellmessig", "bagatell_vurdering"),
        FieldSet(_("Unntatt offentlighet"), "unntak_felt", "unntak_vedlegg", "unntak_hjemmel"),
    )

    unntak_felt = forms.MultipleChoiceField(
        label=_("Felt unntatt offentlighet (forretningshemmeligheter)"),
        choices=Unntak.Felt.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    unntak_vedlegg = forms.ModelMultipleChoiceField(
        label=_("Vedlegg unntatt offentlighet"),
        queryset=Vedlegg.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    unntak_hjemmel = forms.CharField(
        label=_("Hjemmel for unntaket"), max_length=300, initial=UNNTAK_HJEMMEL, required=False
    )

    UNNTAK_FIELDS = ("unntak_felt", "unntak_vedlegg", "unntak_hjemmel")

    def __init__(self, *args, program=None, soknad=None, **kwargs):
        super().__init__(*args, **kwargs)
        if soknad is not None:
            self.fields["unntak_vedlegg"].queryset = soknad.vedlegg.all()
        if soknad is not None and not self.is_bound:  # what is marked now, to start from
            unntak = list(soknad.unntak.all())
            self.initial.setdefault("unntak_felt", [u.felt for u in unntak if u.felt])
            self.initial.setdefault(
                "unntak_vedlegg", [u.vedlegg_id for u in unntak if u.vedlegg_id]
            )
            if unntak:
                self.initial.setdefault("unntak_hjemmel", unntak[0].hjemmel)
        self.fields["unntak_vedlegg"].label_from_instance = lambda v: (
            f"{v.filnavn} ({v.get_type_display()})"
        )
        self.fields["pot"].queryset = Pot.objects.filter(
            strategi__handlingsplan__program=program
        ).select_related("strategi__handlingsplan")
        self.fields["pot"].label_from_instance = pot_label
        self.fields["delmal"].queryset = Delmal.objects.filter(
            strategi__handlingsplan__program=program
        )
        if not self.is_bound:  # the page shows them grouped; a post only validates them
            delmal = (
                self.fields["delmal"]
                .queryset.select_related("strategi__handlingsplan")
                .order_by("-strategi__handlingsplan__ar", "strategi__bokstav", "pk")
            )
            self.fields["delmal"].choices = delmal_grupper(delmal)
        if program is not None:
            self.fields["belop"].help_text = _(
                "Programlederen vedtar selv opp til %(grense)s (delegert grense); et større "
                "beløp, eller en sak du legger fram, avgjør styret."
            ) % {"grense": kr(program.delegert_grense)}

    def _post_clean(self):
        """The recommendation service validates and saves; the form only parses the fields
        (the model's own checks would read the database a second time)."""


class HabilitetForm(forms.Form):
    grunner = forms.MultipleChoiceField(
        label=_("Gjelder noe av dette deg i saken? (forvaltningsloven § 6 første ledd)"),
        choices=Habilitet.Grunn.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    inhabil_andre = forms.BooleanField(
        label=_("Andre særegne forhold gjør meg inhabil (§ 6 annet ledd)"),
        help_text=_(
            "For eksempel en vanlig ansettelse hos søkeren, nært vennskap eller uvennskap med "
            "en part, eller egen økonomisk interesse i utfallet."
        ),
        required=False,
    )
    andre_forhold = forms.CharField(
        label=_("Beskriv forholdene"), widget=forms.Textarea, required=False
    )


class StemmeForm(forms.Form):
    valg = forms.ChoiceField(
        label=_("Din stemme"), choices=Stemme.Valg.choices, widget=forms.RadioSelect
    )
    kommentar = forms.CharField(label=_("Kommentar"), widget=forms.Textarea, required=False)


def delmal_grupper(delmal) -> list:
    """Sub-goals grouped by their strategy, each named once (the group's heading)."""
    grupper: dict = {}
    for d in delmal:
        s = d.strategi
        navn = f"{s.handlingsplan.ar} {s.bokstav}. {s.navn}"
        grupper.setdefault(navn, []).append((d.pk, d.tekst))
    return list(grupper.items())


def pot_label(pot: Pot) -> str:
    return (
        f"{pot.strategi.handlingsplan.ar} {pot.strategi.bokstav} {pot.strategi.navn} "
        f"({_('tilgjengelig')} {kr(pot.tilgjengelig)})"
    )


class BekreftForm(forms.Form):
    """The chair's confirmation. A pot and an amount are needed only when the board grants
    against a recommendation to reject; a changed amount, pot or conditions, or a decision
    against the recommendation, needs the chair's reasons."""

    pot = forms.ModelChoiceField(
        label=_("Pott (årets handlingsplan)"),
        queryset=Pot.objects.none(),
        required=False,
        help_text=_("Trengs når styret innvilger mot en innstilling om avslag."),
    )
    belop = forms.IntegerField(label=_("Beløp (kr)"), required=False, min_value=1)
    vilkar = forms.CharField(label=_("Vilkår"), widget=forms.Textarea, required=False)
    endringsbegrunnelse = forms.CharField(
        label=_(
            "Begrunnelse for endring, eller styrets begrunnelse når styret går mot innstillingen"
        ),
        widget=forms.Textarea,
        required=False,
    )
    eurokurs = forms.DecimalField(
        label=_("Kurs NOK per EUR"),
        required=False,
        min_value=Decimal("0.0001"),
        max_value=Decimal("1000"),
        max_digits=8,
        decimal_places=4,
        localize=True,
        help_text=_("For bagatellmessig støtte. Tomt: programmets kurs for vedtaksdatoen."),
    )

    def __init__(self, *args, pots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pots is not None:
            self.fields["pot"].queryset = pots
        self.fields["pot"].label_from_instance = pot_label


class SvarfristForm(forms.Form):
    """No answer from the applicant by the deadline: close the case, or wait longer."""

    AVSLUTT, VENT = "avslutt", "vent"
    valg = forms.ChoiceField(
        label=_("Hva vil du gjøre?"),
        choices=[(VENT, _("Vente: forleng svarfristen")), (AVSLUTT, _("Avslutte saken"))],
        widget=forms.RadioSelect,
    )
    dager = forms.IntegerField(
        label=_("Forleng med antall dager"), min_value=1, max_value=365, required=False
    )
    grunn = forms.CharField(
        label=_("Grunn for å avslutte (sendes søkeren)"), widget=forms.Textarea, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("valg") == self.VENT and not data.get("dager"):
            self.add_error("dager", _("Skriv hvor mange dager fristen skal forlenges."))
        if data.get("valg") == self.AVSLUTT and not (data.get("grunn") or "").strip():
            self.add_error("grunn", _("Oppgi en grunn."))
        return data


class MoteForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all())
    dato = forms.DateField(label=_("Dato"))
    sted = forms.CharField(label=_("Sted"), max_length=200, required=False)
    saker = forms.ModelMultipleChoiceField(
        label=_("Saker på sakslisten"),
        queryset=Sak.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, mote=None, **kwargs):
        from workflow.services.moter import saksliste_kandidater

        super().__init__(*args, **kwargs)
        programs = list(Program.objects.order_by("pk"))
        program = mote.program if mote else (programs[0] if len(programs) == 1 else None)
        if mote is not None:
            del self.fields["program"]
            self.initial.update(
                dato=mote.dato, sted=mote.sted, saker=list(mote.saker.values_list("pk", flat=True))
            )
        elif program is not None:
            self.initial.setdefault("program", program.pk)
        bound_program = self.data.get("program") if self.is_bound and mote is None else None
        if bound_program:
            program = Program.objects.filter(pk=bound_program).first() or program
        kandidater = saksliste_kandidater(program, mote) if program else Sak.objects.none()
        self.fields["saker"].queryset = kandidater
        self.fields["saker"].label_from_instance = lambda sak: (
            f"{sak.soknad.saksnummer} {sak.soknad.tittel} ({sak.get_status_display()})"
        )


class AvsluttForm(forms.Form):
    grunn = forms.CharField(label=_("Grunn"), widget=forms.Textarea)
