"""The public grants list's search and filters (read from the address, GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rapportering.selectors.offentlig import Filtervalg, Utvalg

ALLE = [("", _("Alle"))]


class TilskuddSok(forms.Form):
    sok = forms.CharField(
        label=_("Søk etter mottaker, organisasjonsnummer eller prosjekt"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Skriv høyst %(limit_value)d tegn.")},
    )
    omrade = forms.TypedChoiceField(label=_("Innsatsområde"), coerce=int, required=False)
    strategi = forms.TypedChoiceField(label=_("Strategi"), coerce=int, required=False)
    fase = forms.ChoiceField(label=_("Fase"), required=False)
    # The numbers are bounded by the choices: the years with a grant, the program's ids.
    ar = forms.TypedChoiceField(label=_("Vedtaksår"), coerce=int, required=False)

    def __init__(self, data, *, valg: Filtervalg):
        super().__init__(data, label_suffix="")
        ugyldig = _("Velg et av alternativene i listen.")
        for navn, choices in (
            ("omrade", valg.omrader),
            ("strategi", valg.strategier),
            ("fase", valg.faser),
            ("ar", [(a, str(a)) for a in valg.arene]),
        ):
            self.fields[navn].choices = ALLE + list(choices)
            self.fields[navn].error_messages["invalid_choice"] = ugyldig

    def utvalg(self) -> Utvalg:
        """The search and filters asked for; a field with bad input is left out (the page
        says which)."""
        if not self.is_bound:
            return Utvalg()
        self.is_valid()
        d = self.cleaned_data
        return Utvalg(
            sok=(d.get("sok") or "").strip(),
            omrade=d.get("omrade") or None,
            strategi=d.get("strategi") or None,
            fase=d.get("fase") or "",
            ar=d.get("ar") or None,
        )
