from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.models import Preference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Påminnelser om frister"),
        choices=Preference.Delivery.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Språk i e-post"), choices=settings.LANGUAGES)

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            self.fields["delivery"].choices = [
                (Preference.Delivery.SINGLE, Preference.Delivery.SINGLE.label)
            ]
