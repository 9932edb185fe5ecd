"""The appeal (klage) is received, its timeliness checked, and, when late, considered all the
same or dismissed (forvaltningsloven §§ 29–31). The rules are in docs/appeals.md."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.transaksjon import etter_commit, tjeneste
from notifications.services import deadline_close, deadline_open
from workflow import regler
from workflow.models import Hendelse, Klage, Sak, Tilsagn
from workflow.models.klage import APNE

from .grunnlag import K, hendelse_record, required_text, sak_lock, staff_url
from .klagetilstand import klage_move
from .tilstand import sak_move

H = Hendelse.Type
KLAGE_INBOX = "klager/inbox/"
KS = Klage.Status

# Our decision letters go out by e-mail and on Min side the day they are made; the applicant
# is taken to have them the day after, unless they tell us of a later day.
MOTTATT_ETTER_DAGER = 1
# Days for each step of the appeal, for the reminder engine.
VURDERING_DAGER = 21
OVERSENDELSE_DAGER = 14
KLAGEORGAN_DAGER = 90


def vedtak_mottatt_antatt(vedtak) -> date:
    return timezone.localdate(vedtak.vedtatt) + timedelta(days=MOTTATT_ETTER_DAGER)


def klagefrist(vedtak_mottatt: date, dager: int) -> date:
    """The last day to appeal: `dager` after the letter was received; a deadline ending on a
    Saturday or Sunday runs to the Monday after."""
    frist = vedtak_mottatt + timedelta(days=dager)
    while frist.weekday() >= 5:
        frist += timedelta(days=1)
    return frist


def apen_klage(sak: Sak) -> Klage | None:
    return Klage.objects.filter(paklaget=sak, status__in=APNE).first()


def klage_register(
    *,
    sak: Sak,
    by,
    begrunnelse: str,
    kanal: str = Klage.Kanal.MIN_SIDE,
    mottatt: date | None = None,
    sendt: date | None = None,
    vedtak_mottatt: date | None = None,
    onsket_belop: int | None = None,
) -> Klage:
    """An appeal against the decision of `sak`, from Min side or registered by staff from a
    letter (with the day it was received, and the day it was posted when known).

    It is on time when sent (or, without a postmark, received) by the last day of the appeal
    period (§ 30). A late appeal is flagged and waits for the programleder (§ 31)."""
    begrunnelse = required_text(
        begrunnelse, "begrunnelse", _("Skriv hva dere klager på og hvorfor.")
    )
    today = timezone.localdate()
    mottatt = mottatt or today
    if mottatt > today or (sendt and sendt > mottatt):
        raise DomainError(_("Datoene kan ikke ligge fram i tid."), field="mottatt")
    with tjeneste():
        sak = sak_lock(sak)
        vedtak = getattr(sak, "vedtak", None) if sak.soknad_id else None
        if vedtak is None:
            raise DomainError(_("Saken har ikke noe vedtak å klage på."), code="wrong_state")
        if apen_klage(sak) is not None:
            raise DomainError(_("Det er allerede en klage på dette vedtaket under behandling."))
        antatt = vedtak_mottatt_antatt(vedtak)
        if vedtak_mottatt is None or vedtak_mottatt < antatt:
            vedtak_mottatt = antatt
        vedtak_mottatt = min(vedtak_mottatt, mottatt)
        program = sak.soknad.program
        frist = klagefrist(vedtak_mottatt, program.klagefrist_dager)
        for_sent = (sendt or mottatt) > frist
        if onsket_belop is not None and not 0 < onsket_belop <= regler.omsokt_belop(sak.soknad):
            raise DomainError(
                _("Beløpet må være mellom 1 kr og beløpet dere søkte om."), field="onsket_belop"
            )
        klage = Klage.objects.create(
            paklaget=sak,
            vedtak=vedtak,
            status=KS.FOR_SENT if for_sent else KS.UNDERINSTANS,
            kanal=kanal,
            begrunnelse=begrunnelse,
            onsket_belop=onsket_belop,
            vedtak_mottatt=vedtak_mottatt,
            sendt=sendt,
            mottatt=mottatt,
            frist=frist,
            for_sent=for_sent,
            registrert_av=by if getattr(by, "is_authenticated", False) else None,
        )
        hendelse_record(sak, H.KLAGE_MOTTATT, by, begrunnelse)
        if sak.status == Sak.Status.VENTER_AKSEPT:
            # The acceptance deadline waits for the appeal; a new one starts when it is decided.
            deadline_close(case=sak, kind=K.AKSEPT)
        klage_id = klage.pk
        etter_commit(lambda: _start_flow(klage_id))
    return klage


def _start_flow(klage_id: int) -> None:
    from workflow.flows.klage import KlageFlow
    from workflow.services import sak_prosess_link

    process = KlageFlow.start.run(klage=Klage.objects.get(pk=klage_id))
    sak_prosess_link(sak_id=process.artifact_object_id, prosess=process)


def klage_sak_open(*, klage: Klage) -> Sak:
    """The appeal's own case, numbered after the case it is about (`2026-0001-K1`)."""
    with tjeneste():
        paklaget = klage.paklaget
        n = Klage.objects.filter(paklaget=paklaget, pk__lte=klage.pk).count()
        sak = Sak.objects.create(
            klage=klage,
            saksnummer=f"{paklaget.saksnummer}-K{n}",
            status=Sak.Status.KLAGE,
            organ=klage.vedtak.organ,
            programleder=paklaget.programleder or regler.programledere().first(),
        )
        hendelse_record(sak, H.KLAGE_MOTTATT, klage.registrert_av, klage.begrunnelse)
        if klage.for_sent:
            hendelse_record(
                sak,
                H.KLAGE_FOR_SENT,
                None,
                _("Klagefristen gikk ut %(f)s.") % {"f": dato(klage.frist)},
            )
        # A late appeal waits first for the programleder's choice to hear it or not.
        frist_for = sak.programleder if klage.for_sent else vurderer(sak)
        staff_deadline(sak, K.KLAGE_VURDERING, VURDERING_DAGER, frist_for)
        from .klage_brev import klage_kvittering

        klage_kvittering(klage)
    return sak


def vurderer(sak: Sak):
    """Who reviews the appeal first: the programleder for a delegated decision; for the
    board's, the chair, who records the board's resolution."""
    if sak.organ == Sak.Organ.STYRET:
        leder = regler.moteleder(sak.klage.paklaget).user
        if leder is not None:
            return leder
    return sak.programleder


def staff_deadline(sak: Sak, kind: str, days: int, user, suffix: str = "") -> None:
    if user is None:
        return
    deadline_open(
        kind=kind,
        title=f"{K(kind).label}: {sak.saksnummer}",
        due_at=timezone.now() + timedelta(days=days),
        user=user,
        case=sak,
        link=staff_url(KLAGE_INBOX),
        key=f"sak:{sak.pk}:{kind}{suffix}",
    )


def klage_lock(sak: Sak) -> tuple[Sak, Klage]:
    sak = Sak.objects.select_for_update(of=("self",)).select_related("klage").get(pk=sak.pk)
    if sak.klage_id is None:
        raise DomainError(_("Saken er ikke en klagesak."), code="wrong_state")
    klage = (
        Klage.objects.select_for_update(of=("self",))
        .select_related("paklaget__soknad__program", "vedtak")
        .get(pk=sak.klage_id)
    )
    return sak, klage


def klage_late_decide(*, sak: Sak, by, behandle: bool, begrunnelse: str) -> Klage:
    """A late appeal: the programleder considers it all the same (§ 31, with reasons), or
    dismisses it (avvisning, a decision of its own with a letter and the right to appeal)."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Begrunn avgjørelsen."))
    with tjeneste():
        sak, klage = klage_lock(sak)
        if not behandle:
            return _avvis(sak, klage, by, begrunnelse)
        klage_move(klage, "behandle")
        klage.fristbegrunnelse = begrunnelse
        klage.save(update_fields=["status", "fristbegrunnelse"])
        hendelse_record(sak, H.KLAGE_BEHANDLES, by, begrunnelse)
        deadline_close(case=sak, kind=K.KLAGE_VURDERING)
        staff_deadline(sak, K.KLAGE_VURDERING, VURDERING_DAGER, vurderer(sak), ":behandles")
    return klage


def klage_dismiss(*, sak: Sak, by, begrunnelse: str) -> Klage:
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Begrunn avvisningen."))
    with tjeneste():
        sak, klage = klage_lock(sak)
        return _avvis(sak, klage, by, begrunnelse)


def _avvis(sak: Sak, klage: Klage, by, begrunnelse: str) -> Klage:
    klage_move(klage, "avvis")
    klage.avvisningsgrunn = begrunnelse
    klage.save(update_fields=["status", "avvisningsgrunn"])
    klage_sak_close(sak)
    hendelse_record(sak, H.KLAGE_AVVIST, by, begrunnelse)
    hendelse_record(klage.paklaget, H.KLAGE_AVVIST, by, begrunnelse)
    akseptfrist_restart(klage.paklaget, klage)
    _letter_after_commit(klage, "avvisningsbrev", by)
    return klage


def klage_sak_close(sak: Sak) -> None:
    sak_move(sak, "klage_avslutt")
    sak.avsluttet = timezone.now()
    sak.save(update_fields=["status", "avsluttet"])
    deadline_close(case=sak)


def akseptfrist_restart(paklaget: Sak, klage: Klage) -> None:
    """The appealed grant waited for the appeal: a new acceptance deadline starts now."""
    paklaget = sak_lock(paklaget)
    if paklaget.status != Sak.Status.VENTER_AKSEPT:
        return
    tilsagn = Tilsagn.objects.select_for_update().get(vedtak__sak=paklaget)
    if tilsagn.status != Tilsagn.Status.VENTER_AKSEPT:
        return
    soknad = paklaget.soknad
    tilsagn.akseptfrist = timezone.now() + timedelta(days=soknad.program.akseptfrist_dager)
    tilsagn.save(update_fields=["akseptfrist"])
    hendelse_record(paklaget, H.AKSEPTFRIST_NY, None, dato(tilsagn.akseptfrist))
    if soknad.kontakt_epost:
        from .grunnlag import minside_url

        deadline_open(
            kind=K.AKSEPT,
            title=_("Aksept av tilsagn: %(nr)s") % {"nr": paklaget.saksnummer},
            due_at=tilsagn.akseptfrist,
            email=soknad.kontakt_epost,
            language=soknad.sprak,
            case=paklaget,
            link=minside_url(paklaget),
            key=f"sak:{paklaget.pk}:aksept:klage:{klage.pk}",
        )


def _letter_after_commit(klage: Klage, kind: str, by, upload: bytes | None = None) -> None:
    from .klage_brev import klage_brev_send

    klage_id, by_id = klage.pk, getattr(by, "pk", None)
    etter_commit(lambda: klage_brev_send(klage_id=klage_id, kind=kind, by_id=by_id, upload=upload))
