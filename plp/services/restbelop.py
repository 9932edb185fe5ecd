"""The unused remainder lapses after the last payout deadline: once no payout can be asked
for any more and none waits, what is left of the phase's commitment goes back to its pot,
after a notice to the project, as with the start deadline (plp.services.prosjekt)."""

import datetime

from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.formatting import dato, kr
from felles.transaksjon import tjeneste
from handlingsplan.services import forpliktelse_release
from plp import frister
from plp.models import Fase, Utbetaling

from .felles import send_to_project
from .prosjekt import BORTFALL_VARSEL_DAGER
from .tilstand import fase_lock

# Phases whose money can lapse at the payout deadline: running (no payout may be asked for
# after it), done, or stopped after their final report. A final report under check, a phase
# not started (the start deadline's lapse) or one already lapsed wait or are done.
STATUSER = (Fase.Status.LOPENDE, Fase.Status.AVSLUTTET, Fase.Status.STOPPET)
VENTER = (Utbetaling.Status.INNSENDT, Utbetaling.Status.RETURNERT)


def _due(today: datetime.date):
    """Phases past their payout deadline with money left and no payout request waiting."""
    waiting = Utbetaling.objects.filter(fase=OuterRef("pk"), status__in=VENTER)
    return (
        Fase.objects.filter(status__in=STATUSER, utbetalingsfrist__lt=today)
        .filter(forpliktelse__belop__gt=F("forpliktelse__utbetalt") + F("forpliktelse__frigjort"))
        .exclude(Exists(waiting))
    )


def rest_lapse(*, fase: Fase, today: datetime.date | None = None) -> int:
    """Release what is left of the phase's commitment, if it is still due to lapse; returns
    the kroner released (0 when a request came in or the deadline moved meanwhile)."""
    today = today or timezone.localdate()
    with tjeneste():
        fase = fase_lock(fase)
        if not _due(today).filter(pk=fase.pk).exists():
            return 0
        frist = dato(fase.utbetalingsfrist)
        entry = forpliktelse_release(
            forpliktelse=fase.forpliktelse,
            reason=_("Fristen for siste utbetalingsanmodning (%(d)s) er ute.") % {"d": frist},
        )
        belop = entry.belop if entry else 0
        frister.close(fase, frister.PlpFrist.UTBETALINGSFRIST)
        send_to_project(
            fase,
            template="plp_rest_bortfall",
            key=f"plp:restbortfall:{fase.pk}",
            legal=True,
            amount=kr(belop),
            payout_deadline=frist,
        )
    return belop


def rest_sweep(*, today: datetime.date | None = None) -> int:
    """Phases past their last payout deadline: a notice first, and the rest lapses when the
    notice's days have passed. One transaction each; returns the phases whose rest lapsed."""
    today = today or timezone.localdate()
    lapsed = 0
    for fase in _due(today).select_related("prosjekt", "sak__soknad", "forpliktelse"):
        if fase.rest_varslet is None:
            with tjeneste():
                Fase.objects.filter(pk=fase.pk).update(rest_varslet=today)
                send_to_project(
                    fase,
                    template="plp_rest_varsel",
                    key=f"plp:restvarsel:{fase.pk}:{fase.utbetalingsfrist.isoformat()}",
                    amount=kr(fase.forpliktelse.gjenstaende),
                    payout_deadline=dato(fase.utbetalingsfrist),
                    deadline=dato(today + datetime.timedelta(days=BORTFALL_VARSEL_DAGER)),
                )
        elif fase.rest_varslet + datetime.timedelta(days=BORTFALL_VARSEL_DAGER) < today:
            lapsed += rest_lapse(fase=fase, today=today) > 0
    return lapsed
