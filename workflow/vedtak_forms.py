"""The programleder's delegated decision: the main considerations the letter states, which
start as the recommendation's reasons and which the decider may rewrite."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DelegertVedtakForm(forms.Form):
    hovedhensyn = forms.CharField(
        label=_("Hovedhensyn i vedtaket (står i brevet)"),
        help_text=_("Tomt: begrunnelsen i innstillingen."),
        widget=forms.Textarea,
        max_length=10_000,
        required=False,
    )
