"""The forms of the public application and of Min side. Rules live in rules.py."""

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from felles.errors import DomainError
from felles.formatting import group_thousands, kr
from handlingsplan.models import Innsatsomrade, Strategi

from . import rules
from .models import Finansieringslinje, Kostnadslinje, OffentligStotte, Soknad, Vedlegg
from .models.soknad import MAKS_ANTALL, MAKS_BELOP, MAKS_TIMER
from .orgnr import orgnr_clean, orgnr_list_clean

F = Finansieringslinje.Kilde

REQUIRED_MESSAGE = _("Fyll inn feltet «%(felt)s».")

# Every number the applicant types is bounded (MAKS_*), so no sum or product of them can
# overflow what the database stores.


class BelopField(forms.IntegerField):
    """An amount in whole kroner, 0 to 1 000 000 000 unless told otherwise."""

    def __init__(self, *, min_value=0, max_value=MAKS_BELOP, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class TallField(forms.IntegerField):
    """A count (of jobs, of hours), 0 to 100 000 unless told otherwise."""

    def __init__(self, *, min_value=0, max_value=MAKS_ANTALL, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


def _bounds_messages(field: forms.IntegerField) -> dict:
    if isinstance(field, BelopField):
        return {
            "min_value": _("Beløpet må være minst %(min)s.") % {"min": kr(field.min_value)},
            "max_value": _("Beløpet kan være høyst %(max)s.") % {"max": kr(field.max_value)},
        }
    return {
        "min_value": _("Tallet må være minst %(min)s.") % {"min": group_thousands(field.min_value)},
        "max_value": _("Tallet kan være høyst %(max)s.")
        % {"max": group_thousands(field.max_value)},
    }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SkjemaMixin:
    """Required fields say which field is missing, in the field's own words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.messages_set()

    def messages_set(self):
        for name, field in self.fields.items():
            label = field.label or name
            field.error_messages["required"] = REQUIRED_MESSAGE % {"felt": str(label).lower()}
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = _("Skriv et helt tall.")
                field.error_messages.update(_bounds_messages(field))
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("Skriv en gyldig dato.")

    def add_domain_error(self, exc: DomainError, field: str | None = None):
        name = field or exc.field
        self.add_error(name if name in self.fields else None, exc.message)


class OrganisasjonForm(SkjemaMixin, forms.ModelForm):
    # Typed with spaces ("988 077 917") it is longer than the nine digits stored.
    orgnr = forms.CharField(
        label=_("Organisasjonsnummer"),
        max_length=20,
        help_text=_("Ni sifre, for eksempel 988 077 917."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Soknad
        fields = [
            "orgnr",
            "org_navn",
            "org_adresse",
            "org_postnummer",
            "org_poststed",
            "org_naeringskode",
            "kontakt_navn",
            "kontakt_epost",
            "kontakt_telefon",
            "prosjektleder_navn",
            "prosjektleder_epost",
            "prosjektleder_telefon",
        ]
        help_texts = {
            "org_naeringskode": _("For eksempel 62.010 Programmeringstjenester."),
        }

    def __init__(self, *args, instance=None, **kwargs):
        # Validating writes the input onto the instance: work on a copy, so the draft given
        # stays what is stored until a service saves it.
        super().__init__(*args, instance=copy.copy(instance), **kwargs)
        for name in self.fields:
            self.fields[name].required = name != "org_naeringskode"
        for person in ("kontakt", "prosjektleder"):
            self.fields[f"{person}_navn"].widget.attrs["autocomplete"] = "name"
            self.fields[f"{person}_epost"].widget.attrs["autocomplete"] = "email"
            self.fields[f"{person}_telefon"].widget.attrs["autocomplete"] = "tel"
        self.fields["org_postnummer"].widget.attrs["inputmode"] = "numeric"

    def clean_orgnr(self):
        try:
            return orgnr_clean(self.cleaned_data["orgnr"])
        except DomainError as exc:
            raise ValidationError(exc.message, code=exc.code) from None

    def clean_org_postnummer(self):
        value = self.cleaned_data["org_postnummer"].strip()
        if value and (len(value) != 4 or not value.isdigit()):
            raise ValidationError(_("Postnummeret skal ha fire sifre."))
        return value


class ProsjektForm(SkjemaMixin, forms.ModelForm):
    tidligere_saksnummer = forms.CharField(
        label=_("Saksnummer for søknaden om forrige fase"),
        required=False,
        max_length=12,
        help_text=_("Hvis prosjektet bygger på en tidligere fase, for eksempel 2026-0042."),
    )

    class Meta:
        model = Soknad
        fields = [
            "tittel",
            "kort_beskrivelse",
            "bakgrunn",
            "mal",
            "forankring",
            "organisering",
            "fase",
            "foreslatt_innsatsomrade",
            "foreslatt_strategi",
            "startdato",
            "sluttdato",
        ]
        widgets = {
            "kort_beskrivelse": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
            "bakgrunn": forms.Textarea(attrs={"rows": 5}),
            "mal": forms.Textarea(attrs={"rows": 5}),
            "forankring": forms.Textarea(attrs={"rows": 3}),
            "organisering": forms.Textarea(attrs={"rows": 3}),
            "startdato": DateInput(),
            "sluttdato": DateInput(),
        }
        help_texts = {
            "kort_beskrivelse": _("Høyst 500 tegn. Teksten kan bli offentlig hvis støtte gis."),
            "mal": _("Hovedmål og delmål."),
            "forankring": _("Hvordan prosjektet er vedtatt hos prosjekteier (f.eks. styrevedtak)."),
            "organisering": _(
                "Prosjektansvarlig, prosjektleder, styringsgruppe og referansegruppe."
            ),
            "fase": _("Fasen i Prosjektlederprosessen (PLP) du søker om."),
            "foreslatt_innsatsomrade": _("Valgfritt. Programlederen avgjør til slutt."),
            "foreslatt_strategi": _("Valgfritt. Programlederen avgjør til slutt."),
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        optional = {"foreslatt_innsatsomrade", "foreslatt_strategi", "tidligere_saksnummer"}
        for name, field in self.fields.items():
            field.required = name not in optional
        self.fields["foreslatt_innsatsomrade"].queryset = Innsatsomrade.objects.filter(
            program=program
        )
        self.fields["foreslatt_strategi"].queryset = Strategi.objects.filter(
            handlingsplan__program=program
        ).select_related("handlingsplan")
        self.fields["kort_beskrivelse"].max_length = 500
        if self.instance.tidligere_fase_id and not self.is_bound:
            self.initial["tidligere_saksnummer"] = self.instance.tidligere_fase.saksnummer

    def clean_tidligere_saksnummer(self):
        value = self.cleaned_data["tidligere_saksnummer"].strip()
        if not value:
            return None
        earlier = Soknad.objects.filter(
            saksnummer=value, orgnr=self.instance.orgnr, program=self.program
        ).first()
        if earlier is None:
            raise ValidationError(
                _("Vi finner ingen søknad med saksnummer %(nr)s fra samme organisasjon.")
                % {"nr": value}
            )
        return earlier

    def clean(self):
        cleaned = super().clean()
        try:
            rules.dates_check(cleaned.get("startdato"), cleaned.get("sluttdato"))
        except DomainError as exc:
            self.add_error(exc.field, exc.message)
        return cleaned


class AktivitetForm(SkjemaMixin, forms.Form):
    navn = forms.CharField(label=_("Aktivitet"), max_length=300)
    start = forms.DateField(label=_("Fra"), widget=DateInput())
    slutt = forms.DateField(label=_("Til"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        try:
            rules.dates_check(cleaned.get("start"), cleaned.get("slutt"), field="slutt")
        except DomainError as exc:
            self.add_error(exc.field, exc.message)
        return cleaned


class KostnadForm(SkjemaMixin, forms.Form):
    kategori = forms.ChoiceField(
        label=_("Kategori"), choices=[("", "---------"), *Kostnadslinje.Kategori.choices]
    )
    beskrivelse = forms.CharField(label=_("Beskrivelse"), max_length=300, required=False)
    timer = TallField(
        label=_("Timer"),
        max_value=MAKS_TIMER,
        required=False,
        help_text=_("Bare for eget personell."),
    )
    timesats = BelopField(
        label=_("Timesats (kr)"),
        required=False,
        help_text=_("Bare for eget personell."),
    )
    belop = BelopField(
        label=_("Beløp (kr)"),
        required=False,
        help_text=_("For eget personell regnes beløpet ut som timer × timesats."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kategori") == Kostnadslinje.Kategori.PERSONELL:
            for name in ("timer", "timesats"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Eget personell føres som timer × timesats."))
            cleaned["belop"] = rules.personell_belop(cleaned.get("timer"), cleaned.get("timesats"))
            if cleaned["belop"] > MAKS_BELOP:
                self.add_error(
                    "timer",
                    _("Timer × timesats kan være høyst %(max)s.") % {"max": kr(MAKS_BELOP)},
                )
        elif cleaned.get("kategori") and not cleaned.get("belop") and "belop" not in self.errors:
            self.add_error("belop", _("Skriv inn beløpet."))
        return cleaned


class FinansieringForm(SkjemaMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kilde in F:
            self.fields[kilde.value] = BelopField(
                label=kilde.label,
                min_value=1 if kilde == F.PROGRAMMET else 0,
                required=kilde == F.PROGRAMMET,
                initial=None,
            )
        self.fields[F.EGENINNSATS].help_text = _("Eget arbeid, verdsatt med programmets timesats.")
        self.messages_set()

    def belop(self) -> dict[str, int]:
        return {k: v or 0 for k, v in self.cleaned_data.items()}


class StotteForm(SkjemaMixin, forms.Form):
    type = forms.ChoiceField(
        label=_("Type støtte"), choices=[("", "---------"), *OffentligStotte.Type.choices]
    )
    giver = forms.CharField(label=_("Støttegiver"), max_length=200)
    ordning = forms.CharField(label=_("Ordning"), max_length=200, required=False)
    belop = BelopField(label=_("Beløp (kr)"), min_value=1)
    dato = forms.DateField(label=_("Dato for tildeling"), widget=DateInput())


class ArbeidsplasserForm(SkjemaMixin, forms.ModelForm):
    class Meta:
        model = Soknad
        fields = ["nye_kvinner", "nye_menn", "sikrede_kvinner", "sikrede_menn"]
        field_classes = dict.fromkeys(fields, TallField)


class TilknyttedeForm(SkjemaMixin, forms.ModelForm):
    """The linked undertakings that count as one undertaking for de minimis aid."""

    class Meta:
        model = Soknad
        fields = ["tilknyttede_orgnr"]
        labels = {"tilknyttede_orgnr": _("Organisasjonsnummer til tilknyttede foretak")}
        help_texts = {
            "tilknyttede_orgnr": _(
                "Foretak som sammen med dere regnes som ett foretak (for eksempel morselskap "
                "og datterselskap). Skill numrene med komma. La feltet stå tomt om det ikke "
                "finnes noen."
            )
        }

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, instance=copy.copy(instance), **kwargs)
        self.fields["tilknyttede_orgnr"].widget.attrs["inputmode"] = "numeric"

    def clean_tilknyttede_orgnr(self):
        try:
            return orgnr_list_clean(self.cleaned_data["tilknyttede_orgnr"])
        except DomainError as exc:
            raise ValidationError(exc.message, code=exc.code) from None


class LinjeFormSet(forms.BaseFormSet):
    """Rows left empty are ignored; a filled row must be complete."""

    def lines(self) -> list[dict]:
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def _formset(form, extra: int):
    return forms.formset_factory(
        form, formset=LinjeFormSet, extra=extra, can_delete=True, max_num=50, validate_max=True
    )


def aktivitet_formset(extra: int = 2):
    return _formset(AktivitetForm, extra)


def kostnad_formset(extra: int = 2):
    return _formset(KostnadForm, extra)


def stotte_formset(extra: int = 2):
    return _formset(StotteForm, extra)


class VedleggForm(SkjemaMixin, forms.Form):
    type = forms.ChoiceField(label=_("Type vedlegg"), choices=Vedlegg.Type.choices)
    fil = forms.FileField(label=_("Fil"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fil"].help_text = _(
            "PDF, DOCX, XLSX, ODT, PNG eller JPEG. Høyst %(mb)d MB per fil."
        ) % {"mb": settings.SOKNAD_VEDLEGG_MAKS_BYTE // (1024 * 1024)}


class SendForm(forms.Form):
    bekreft = forms.BooleanField(
        label=_("Jeg bekrefter at opplysningene i søknaden er riktige og fullstendige."),
        error_messages={"required": _("Kryss av for at opplysningene er riktige.")},
    )


class InnloggingForm(SkjemaMixin, forms.Form):
    epost = forms.EmailField(
        label=_("E-postadresse"),
        help_text=_("Adressen du oppga som kontaktperson eller prosjektleder i en søknad."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["epost"].error_messages["invalid"] = _("Skriv en gyldig e-postadresse.")
