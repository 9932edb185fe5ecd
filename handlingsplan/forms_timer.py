"""The programleder's hours: one figure per focus area and month, through one service."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import FieldSet, Layout, Row

from felles.errors import DomainError
from handlingsplan.models import Innsatsomrade
from handlingsplan.models.timer import MAKS_TIMER_PER_MANED
from handlingsplan.services import timer_registrer
from handlingsplan.timer_selectors import maneder


class TimerForm(forms.Form):
    innsatsomrade = forms.ModelChoiceField(
        label=_("Innsatsområde"), queryset=Innsatsomrade.objects.none()
    )
    maned = forms.ChoiceField(label=_("Måned"))
    timer = forms.DecimalField(
        label=_("Timer"),
        min_value=Decimal(0),
        max_value=MAKS_TIMER_PER_MANED,
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_(
            "Timer brukt på innsatsområdet i måneden, f.eks. 12,5. Fører du samme "
            "måned på nytt, erstattes tallet."
        ),
        error_messages={
            "invalid": _("Skriv antall timer som et tall, f.eks. 12,5."),
            "min_value": _("Timene kan ikke være negative."),
            "max_value": _("En måned har høyst %(limit_value)s timer."),
            "max_decimal_places": _("Timene føres med høyst én desimal."),
        },
    )
    merknad = forms.CharField(label=_("Merknad"), max_length=300, required=False)

    layout = Layout(
        FieldSet(_("Før timer"), Row("innsatsomrade", "maned"), Row("timer"), "merknad")
    )

    def __init__(self, *args, program, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.user = user
        self.fields["innsatsomrade"].queryset = Innsatsomrade.objects.filter(
            program=program
        ).order_by("nummer")
        self.fields["maned"].choices = maneder(program)
        self.result = None

    def clean_maned(self) -> datetime.date:
        ar, maned = self.cleaned_data["maned"].split("-")
        return datetime.date(int(ar), int(maned), 1)

    def save(self) -> bool:
        """Call the service; a DomainError becomes an error on its field. True on success."""
        data = self.cleaned_data
        try:
            self.result = timer_registrer(
                program=self.program,
                innsatsomrade=data["innsatsomrade"],
                maned=data["maned"],
                timer=data["timer"],
                merknad=data["merknad"],
                by=self.user,
            )
        except DomainError as error:
            error.add_to(self)
            return False
        return True
