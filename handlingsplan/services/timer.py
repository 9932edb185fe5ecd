"""Recording the programleder's hours: one figure per focus area and month, overwritten when
the month is recorded again."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from felles.errors import DomainError
from handlingsplan.models import Innsatsomrade, Program, Timeregistrering
from handlingsplan.models.timer import MAKS_TIMER_PER_MANED


def _hours(value) -> Decimal:
    try:
        timer = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        timer = None
    if timer is None or not timer.is_finite() or isinstance(value, bool):
        raise DomainError(_("Skriv antall timer som et tall, f.eks. 12,5."), field="timer")
    if timer != timer.quantize(Decimal("0.1")):
        raise DomainError(_("Timene føres med høyst én desimal."), field="timer")
    if timer < 0 or timer > MAKS_TIMER_PER_MANED:
        raise DomainError(
            _("Timene for én måned må være mellom 0 og %(maks)s.") % {"maks": MAKS_TIMER_PER_MANED},
            field="timer",
        )
    return timer


@transaction.atomic
def timer_registrer(
    *,
    program: Program,
    innsatsomrade: Innsatsomrade,
    maned: datetime.date,
    timer,
    merknad: str = "",
    by=None,
) -> Timeregistrering:
    """Record (or overwrite) the hours spent on a focus area in a month of the program."""
    if innsatsomrade.program_id != program.pk:
        raise DomainError(
            _("Innsatsområdet hører ikke til dette programmet."), field="innsatsomrade"
        )
    if not (program.start_ar <= maned.year <= program.slutt_ar):
        raise DomainError(
            _("Måneden må ligge i programmets periode (%(fra)s–%(til)s).")
            % {"fra": program.start_ar, "til": program.slutt_ar},
            field="maned",
        )
    registrering, _created = Timeregistrering.objects.update_or_create(
        program=program,
        innsatsomrade=innsatsomrade,
        maned=maned.replace(day=1),
        defaults={
            "timer": _hours(timer),
            "merknad": (merknad or "").strip()[:300],
            "registrert_av": by,
        },
    )
    return registrering
