"""The board's meetings: creating one with its agenda (saksliste), and what it lists.

A meeting's agenda holds the board cases the programleder or chair put on it; the delegated
decisions reported to it are found by date: every decision the programleder made by
delegation after the program's previous meeting, up to this one.
"""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from workflow.models import Hendelse, Mote, Sak, Vedtak

from .grunnlag import hendelse_record

ORGAN = Sak.Organ


def saksliste_kandidater(program, mote: Mote | None = None):
    """Board cases that may go on a meeting's agenda: undecided ones, and decided ones that
    are on no agenda yet (or already on this one)."""
    cases = Sak.objects.filter(soknad__program=program, organ=ORGAN.STYRET)
    open_or_free = (
        cases.filter(status=Sak.Status.STYRET)
        | cases.filter(mote__isnull=True)
        | (cases.filter(mote=mote) if mote is not None else cases.none())
    )
    return open_or_free.select_related("soknad").order_by("saksnummer").distinct()


def _check_saker(program, saker, mote: Mote | None) -> list[Sak]:
    allowed = set(saksliste_kandidater(program, mote).values_list("pk", flat=True))
    chosen = list(saker)
    if any(sak.pk not in allowed for sak in chosen):
        raise DomainError(
            _("Bare saker som styret skal avgjøre, kan stå på sakslisten."), field="saker"
        )
    return chosen


def mote_create(*, program, dato: date, sted: str = "", saker=(), by=None) -> Mote:
    """A new board meeting with the chosen cases on its agenda."""
    with tjeneste():
        mote = Mote.objects.create(program=program, dato=dato, sted=(sted or "").strip())
        _set_saker(mote, _check_saker(program, saker, None), by)
    return mote


def mote_update(*, mote: Mote, dato: date, sted: str = "", saker=(), by=None) -> Mote:
    """Change a meeting's date, place or agenda; cases taken off it belong to no meeting."""
    with tjeneste():
        mote = Mote.objects.select_for_update().get(pk=mote.pk)
        mote.dato, mote.sted = dato, (sted or "").strip()
        mote.save(update_fields=["dato", "sted"])
        chosen = _check_saker(mote.program, saker, mote)
        mote.saker.filter(organ=ORGAN.STYRET).exclude(pk__in=[s.pk for s in chosen]).update(
            mote=None
        )
        _set_saker(mote, chosen, by)
    return mote


def _set_saker(mote: Mote, saker: list[Sak], by) -> None:
    for sak in Sak.objects.select_for_update().filter(pk__in=[s.pk for s in saker]):
        if sak.mote_id != mote.pk:
            sak.mote = mote
            sak.save(update_fields=["mote"])
            hendelse_record(sak, Hendelse.Type.SAKSLISTE, by, str(mote))


def forrige_mote(mote: Mote) -> Mote | None:
    return (
        Mote.objects.filter(program_id=mote.program_id, dato__lt=mote.dato)
        .order_by("-dato", "-id")
        .first()
    )


def delegerte_vedtak(mote: Mote):
    """Decisions made by delegation after the previous meeting's day, up to this meeting's."""
    tz = timezone.get_current_timezone()
    until = timezone.make_aware(datetime.combine(mote.dato, time.max), tz)
    decisions = Vedtak.objects.filter(
        sak__soknad__program_id=mote.program_id,
        organ=ORGAN.PROGRAMLEDER,
        vedtatt__lte=until,
    )
    previous = forrige_mote(mote)
    if previous is not None:
        since = timezone.make_aware(datetime.combine(previous.dato, time.max), tz)
        decisions = decisions.filter(vedtatt__gt=since)
    return decisions.select_related("sak__soknad").order_by("vedtatt", "pk")
