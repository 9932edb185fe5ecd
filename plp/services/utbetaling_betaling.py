"""The approved payouts go to the municipality's accounting as a CSV file, and are marked
paid when staff record the date the accounting paid them.

The ledger has the payout from the approval on (docs/money.md): the file and the payment
date are bookkeeping of the request, not a second movement of money."""

import csv
import io
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.transaksjon import tjeneste
from plp.models import Utbetaling
from workflow.models import Hendelse, Sak
from workflow.services.grunnlag import hendelse_record

from .utbetaling_tilstand import utbetaling_move

S = Utbetaling.Status
KOLONNER = ["orgnr", "kontonummer", "belop", "saksnummer", "referanse"]


def til_betaling():
    """The approved, unpaid payouts, oldest first."""
    return (
        Utbetaling.objects.filter(status=S.GODKJENT)
        .select_related("fase__prosjekt", "sak")
        .order_by("behandlet", "pk")
    )


def utbetalinger_export(*, now=None) -> tuple[str, list[int]]:
    """The CSV of every approved, unpaid payout (semicolon separated, UTF-8), and the ids in
    it; each is stamped as exported (a second export lists them again until they are paid)."""
    now = now or timezone.now()
    with tjeneste():
        rows = list(til_betaling().select_for_update(of=("self",)))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(KOLONNER)
        for u in rows:
            writer.writerow(
                [
                    u.fase.prosjekt.orgnr,
                    u.kontonummer,
                    u.belop_godkjent,
                    u.sak.saksnummer,
                    f"{u.fase.prosjekt.navn[:60]} {u.get_type_display().lower()} {u.nummer}",
                ]
            )
        ids = [u.pk for u in rows]
        Utbetaling.objects.filter(pk__in=ids, eksportert__isnull=True).update(eksportert=now)
    return out.getvalue(), ids


def utbetaling_mark_paid(*, utbetaling: Utbetaling, betalt_dato: date, by) -> Utbetaling:
    """The accounting paid the approved payout on `betalt_dato`."""
    idag = timezone.localdate()
    if betalt_dato is None:
        raise DomainError(_("Oppgi datoen beløpet ble betalt."), field="betalt_dato")
    if betalt_dato > idag:
        raise DomainError(
            _("Betalingsdatoen kan ikke være etter i dag (%(d)s).") % {"d": dato(idag)},
            field="betalt_dato",
        )
    with tjeneste():
        locked = Utbetaling.objects.select_for_update().get(pk=utbetaling.pk)
        utbetaling_move(locked, "betal")
        if locked.behandlet and betalt_dato < timezone.localdate(locked.behandlet):
            raise DomainError(
                _("Betalingsdatoen kan ikke være før utbetalingen ble godkjent (%(d)s).")
                % {"d": dato(timezone.localdate(locked.behandlet))},
                field="betalt_dato",
            )
        locked.betalt_dato = betalt_dato
        locked.betalt_registrert_av = by if getattr(by, "is_authenticated", False) else None
        locked.save(update_fields=["status", "betalt_dato", "betalt_registrert_av"])
        sak = Sak.objects.get(plp_utbetaling=locked)
        hendelse_record(
            sak, Hendelse.Type.UTBETALT, by, _("Betalt %(d)s") % {"d": dato(betalt_dato)}
        )
    return locked
