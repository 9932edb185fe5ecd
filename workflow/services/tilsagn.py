"""What follows a grant: the applicant's acceptance, the lapse of a grant not accepted in
time, and withdrawal (any commitment released to its pot) or dismissal of a case."""

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato, kr
from felles.transaksjon import tjeneste
from handlingsplan.services import forpliktelse_release
from notifications.services import deadline_close
from soknader.models import Soknad
from soknader.services import soknad_withdraw
from workflow.models import Hendelse, Sak, Tilsagn
from workflow.models.klage import APNE as KLAGE_APNE

from .avslutning import sak_ended_announce
from .grunnlag import K, hendelse_record, required_text, sak_lock, send_to_applicants
from .melding import programleder_tell
from .prosess import prosess_cancel, prosess_resume
from .tilstand import AVSLUTTET, sak_move, sak_require

H = Hendelse.Type


def _lock_tilsagn(sak: Sak) -> Tilsagn | None:
    return (
        Tilsagn.objects.select_for_update()
        .select_related("forpliktelse")
        .filter(vedtak__sak=sak)
        .first()
    )


def tilsagn_accept(*, sak: Sak, by=None, now=None) -> Tilsagn:
    now = now or timezone.now()
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "aksepter")
        tilsagn = _lock_tilsagn(sak)
        if now > tilsagn.akseptfrist:
            raise DomainError(
                _("Fristen for aksept gikk ut %(d)s.") % {"d": dato(tilsagn.akseptfrist)},
                code="too_late",
            )
        tilsagn.status, tilsagn.akseptert = Tilsagn.Status.AKSEPTERT, now
        tilsagn.akseptert_av = by if getattr(by, "is_authenticated", False) else None
        tilsagn.save(update_fields=["status", "akseptert", "akseptert_av"])
        sak.avsluttet = now
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak, kind=K.AKSEPT)
        programleder_tell(sak, hendelse_record(sak, H.AKSEPTERT, by))
        send_to_applicants(
            sak,
            template="acceptance_confirmation",
            key=f"aksept:{tilsagn.pk}",
            amount=kr(tilsagn.belop),
            accepted_at=dato(timezone.localdate(now)),
        )
        prosess_resume(sak, "aksept")
        sak_ended_announce(sak)
    return tilsagn


def tilsagn_lapse(*, sak: Sak, now=None) -> Tilsagn:
    """Not accepted in time: the commitment is released and the applicant told."""
    now = now or timezone.now()
    with tjeneste():
        sak = sak_lock(sak)
        sak_require(sak, "bortfall")
        tilsagn = _lock_tilsagn(sak)
        if now <= tilsagn.akseptfrist:
            raise DomainError(_("Fristen for aksept er ikke ute."), code="not_due")
        if sak.klager.filter(status__in=KLAGE_APNE).exists():
            raise DomainError(_("Vedtaket er påklaget: fristen venter på klagen."), code="appeal")
        grunn = _("Tilsagnet ble ikke akseptert innen fristen %(d)s.") % {
            "d": dato(tilsagn.akseptfrist)
        }
        forpliktelse_release(forpliktelse=tilsagn.forpliktelse, reason=grunn)
        tilsagn.status = Tilsagn.Status.BORTFALT
        tilsagn.save(update_fields=["status"])
        sak_move(sak, "bortfall")
        sak.avsluttet = now
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak, kind=K.AKSEPT)
        programleder_tell(sak, hendelse_record(sak, H.BORTFALT, None, grunn))
        _lapse_notice(sak, tilsagn, grunn)
        prosess_resume(sak, "aksept")
        sak_ended_announce(sak)
    return tilsagn


def _lapse_notice(sak: Sak, tilsagn: Tilsagn, grunn: str) -> None:
    send_to_applicants(
        sak,
        template="lapse_notice",
        key=f"bortfall:{tilsagn.pk}",
        legal=True,
        amount=kr(tilsagn.belop),
        reason=grunn,
    )


def tilsagn_lapse_sweep(*, now=None) -> int:
    """Lapse every commitment whose acceptance deadline passed; one transaction each."""
    now = now or timezone.now()
    due = Sak.objects.filter(
        status=Sak.Status.VENTER_AKSEPT,
        vedtak__tilsagn__status=Tilsagn.Status.VENTER_AKSEPT,
        vedtak__tilsagn__akseptfrist__lt=now,
    ).exclude(klager__status__in=KLAGE_APNE)  # the deadline waits for the appeal
    due = due.values_list("pk", flat=True)
    lapsed = 0
    for pk in list(due):
        try:
            tilsagn_lapse(sak=Sak(pk=pk), now=now)
            lapsed += 1
        except DomainError:  # accepted or closed meanwhile
            continue
    return lapsed


def sak_close(*, sak: Sak, by, grunn: str, av_soker: bool) -> Sak:
    """Withdrawal by the applicant at any step before acceptance (any commitment goes back to
    the pot), or dismissal (avvisning) by the programleder before any decision: an
    enkeltvedtak of its own, with a letter giving the reasons and the right to appeal. A
    decision once made is changed only by the body that made it (see omgjoring)."""
    grunn = required_text(grunn, "grunn", _("Oppgi en grunn."))
    if not av_soker:
        from .avvisning import sak_dismiss

        return sak_dismiss(sak=sak, by=by, grunn=grunn)
    with tjeneste():
        sak = sak_lock(sak)
        if sak.status in AVSLUTTET:
            raise DomainError(
                _("Saken er avsluttet (%(status)s).") % {"status": sak.get_status_display()},
                code="wrong_state",
            )
        tilsagn = _lock_tilsagn(sak)
        if tilsagn is not None and tilsagn.status == Tilsagn.Status.VENTER_AKSEPT:
            forpliktelse_release(forpliktelse=tilsagn.forpliktelse, reason=grunn, by=None)
            tilsagn.status = Tilsagn.Status.TRUKKET
            tilsagn.save(update_fields=["status"])
        sak_move(sak, "trekk")
        sak.avsluttet = timezone.now()
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak)
        hendelse_record(sak, H.TRUKKET, by, grunn)
        soknad_withdraw(soknad=sak.soknad, by=by)
        send_to_applicants(
            sak,
            template="case_closed",
            key=f"avsluttet:{sak.pk}",
            withdrawn=True,
            reason=grunn,
            released=kr(tilsagn.belop) if tilsagn is not None else "",
        )
        prosess_cancel(sak)
        sak_ended_announce(sak)
    return sak


def sak_withdraw(*, soknad: Soknad, by=None, grunn: str = "") -> Soknad:
    """Min side's withdraw button: through the case when there is one."""
    sak = Sak.objects.filter(soknad=soknad).first()
    if sak is None:
        return soknad_withdraw(soknad=soknad, by=by)
    sak_close(sak=sak, by=by, grunn=grunn or _("Trukket av søkeren."), av_soker=True)
    soknad.refresh_from_db()
    return soknad


def svarfrist_decide(*, sak: Sak, by, vent: bool, dager: int | None = None, grunn: str = ""):
    """No answer in time: wait `dager` more days (returns the request with its new deadline),
    or close the case with a reason (returns None)."""
    if vent:
        from .kontroll import opplysninger_extend

        return opplysninger_extend(sak=sak, by=by, dager=dager)
    sak_close(sak=sak, by=by, grunn=grunn, av_soker=False)
    return None
