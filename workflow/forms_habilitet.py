"""Forms of impartiality: a member's declaration (or question to the board), the board's
ruling on it, the programleder's declaration, a new handler, and an acting chair."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from workflow.forms import HabilitetForm


def navn(user) -> str:
    return user.get_full_name() or user.username


class ErklaringForm(HabilitetForm):
    tvil = forms.BooleanField(
        label=_("Jeg er i tvil og ber styret avgjøre habiliteten min (forvaltningsloven § 8)"),
        help_text=_("Beskriv forholdene. De andre habile medlemmene avgjør spørsmålet."),
        required=False,
    )


class SaksbehandlerHabilitetForm(HabilitetForm):
    """The programleder's declaration, beside the task's own form."""


class AvgjorForm(forms.Form):
    """The board's ruling: the position of each eligible member who took part."""

    INHABIL, HABIL, DELTOK_IKKE = "inhabil", "habil", ""

    begrunnelse = forms.CharField(label=_("Styrets begrunnelse"), widget=forms.Textarea)

    def __init__(self, *args, medlemmer=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.medlemmer = list(medlemmer)
        for member in self.medlemmer:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=navn(member),
                choices=[
                    (self.INHABIL, _("Inhabil")),
                    (self.HABIL, _("Ikke inhabil")),
                    (self.DELTOK_IKKE, _("Deltok ikke")),
                ],
                widget=forms.RadioSelect,
                required=False,
            )

    def stemmer(self) -> dict[int, bool]:
        data = self.cleaned_data
        return {
            m.pk: data[f"m{m.pk}"] == self.INHABIL
            for m in self.medlemmer
            if data.get(f"m{m.pk}") in (self.INHABIL, self.HABIL)
        }


class MedlemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return navn(obj)


class MedlemmerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return navn(obj)


class SettestyrelederForm(forms.Form):
    valgt = MedlemChoice(label=_("Valgt som settestyreleder"), queryset=None)
    deltakere = MedlemmerChoice(
        label=_("Medlemmer som deltok i valget"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    merknad = forms.CharField(label=_("Merknad"), widget=forms.Textarea, required=False)

    def __init__(self, *args, medlemmer=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in medlemmer]
        users = get_user_model().objects.filter(pk__in=ids).order_by("id")
        self.fields["valgt"].queryset = users
        self.fields["deltakere"].queryset = users


class SaksbehandlerForm(forms.Form):
    saksbehandler = MedlemChoice(label=_("Ny saksbehandler"), queryset=None)

    def __init__(self, *args, kandidater=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saksbehandler"].queryset = kandidater
