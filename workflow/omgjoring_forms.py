"""Forms of the cancellation of a grant: the advance notice and the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.services.omgjoring import MAKS_DAGER, MAKS_TEGN


class VarselForm(forms.Form):
    grunn = forms.CharField(
        label=_("Hvorfor tilsagnet kan bli opphevet (sendes søkeren)"),
        widget=forms.Textarea,
        max_length=MAKS_TEGN,
    )
    dager = forms.IntegerField(
        label=_("Frist for merknader (dager)"), min_value=1, max_value=MAKS_DAGER
    )


class OmgjoringVedtakForm(forms.Form):
    OPPHEV, HENLEGG = "opphev", "henlegg"
    utfall = forms.ChoiceField(
        label=_("Vedtak"),
        choices=[(OPPHEV, _("Oppheve tilsagnet")), (HENLEGG, _("La vedtaket stå (henlegge)"))],
        widget=forms.RadioSelect,
    )
    hovedhensyn = forms.CharField(
        label=_("Hovedhensyn (står i brevet)"), widget=forms.Textarea, max_length=MAKS_TEGN
    )
    merknad_vurdering = forms.CharField(
        label=_("Vurdering av søkerens merknader"),
        widget=forms.Textarea,
        max_length=MAKS_TEGN,
        required=False,
    )
