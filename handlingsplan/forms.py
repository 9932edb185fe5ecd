"""Forms of the handlingsplan app. They parse input and call one service."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from felles.errors import DomainError
from handlingsplan.models import Pot
from handlingsplan.services import pot_reallocate

# Spaces people type or paste inside amounts: plain, no-break and narrow no-break.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class KronerField(forms.CharField):
    """Whole kroner as people write them: "50000", "50 000", "50 000 kr"."""

    default_error_messages = {"invalid": _("Skriv beløpet i hele kroner, f.eks. 50 000.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = _SPACES.sub("", value)
        text = re.sub(r"(?i)(kr|,-|\.-)$", "", text)
        if not re.fullmatch(r"-?\d+", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class PotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, pot):
        s = pot.strategi
        return f"{s.bokstav}. {s.navn} ({s.innsatsomrade.navn})"


class OmfordelingForm(forms.Form):
    """Reallocation of uncommitted money between two pots of the same year's plan."""

    fra_pot = PotChoiceField(label=_("Fra pott"), queryset=Pot.objects.none())
    til_pot = PotChoiceField(label=_("Til pott"), queryset=Pot.objects.none())
    belop = KronerField(label=_("Beløp (kr)"), help_text=_("Hele kroner, f.eks. 50 000."))
    begrunnelse = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}))
    vedtaksreferanse = forms.CharField(
        label=_("Vedtaksreferanse"),
        max_length=100,
        help_text=_("Saksnummeret eller referansen til vedtaket om omfordelingen."),
    )

    def __init__(self, *args, pots, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["fra_pot"].queryset = pots
        self.fields["til_pot"].queryset = pots
        self.result = None

    def save(self):
        """Call the service; a DomainError becomes an error on its field. True on success."""
        data = self.cleaned_data
        try:
            self.result = pot_reallocate(
                from_pot=data["fra_pot"],
                to_pot=data["til_pot"],
                amount=data["belop"],
                reason=data["begrunnelse"],
                reference=data["vedtaksreferanse"],
                by=self.user,
            )
        except DomainError as error:
            error.add_to(self)
            return False
        return True
