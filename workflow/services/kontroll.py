"""The case's start, the completeness check and the exchange with the applicant about what is
missing."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.transaksjon import tjeneste
from notifications.services import deadline_close, deadline_open, message_send
from soknader.models import Soknad
from workflow import regler
from workflow.models import Hendelse, Opplysningskrav, Sak

from .grunnlag import (
    K,
    hendelse_record,
    minside_url,
    oppgave_url,
    programleder_take,
    required_text,
    sak_lock,
    soker_adresser,
)
from .melding import programleder_tell
from .prosess import prosess_resume
from .tilstand import sak_move

H = Hendelse.Type


def _open_staff_deadline(sak: Sak, kind: str, days: int, suffix: str) -> None:
    if sak.programleder_id is None:
        return
    deadline_open(
        kind=kind,
        title=f"{K(kind).label}: {sak.saksnummer} {sak.tittel}",
        due_at=timezone.now() + timedelta(days=days),
        user=sak.programleder,
        case=sak,
        link=oppgave_url(sak),
        key=f"sak:{sak.pk}:{kind}:{suffix}",
    )


def sak_start(*, soknad: Soknad) -> Sak:
    """A submitted application becomes a case waiting for the completeness check, under the
    application's case number."""
    with tjeneste():
        if soknad.status != Soknad.Status.SENDT:
            raise DomainError(_("Bare innsendte søknader kan behandles."), code="wrong_state")
        sak = Sak.objects.create(
            soknad=soknad,
            saksnummer=soknad.saksnummer,
            programleder=regler.programledere().first(),
        )
        programleder_tell(sak, hendelse_record(sak, H.STARTET))
        days = soknad.program.kontrollfrist_dager  # as the receipt promised
        _open_staff_deadline(sak, K.KOMPLETTHETSKONTROLL, days, "0")
    return sak


def sak_prosess_link(*, sak_id: int, prosess) -> None:
    """The case points to the flow process that runs it (set once the process is saved)."""
    Sak.objects.filter(pk=sak_id, prosess__isnull=True).update(prosess=prosess)


def sak_complete(*, sak: Sak, by) -> Sak:
    """The application is complete: the case goes on to the assessment."""
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "komplett")
        programleder_take(sak, by)
        sak.save(update_fields=["status", "programleder"])
        deadline_close(case=sak, kind=K.KOMPLETTHETSKONTROLL)
        hendelse_record(sak, H.KOMPLETT, by)
        days = regler.regler_for(sak.soknad.program).vurderingsfrist_dager
        _open_staff_deadline(sak, K.VURDERING, days, "0")
    return sak


def opplysninger_request(*, sak: Sak, by, sporsmal: str, frist=None) -> Opplysningskrav:
    """Ask the applicant for what is missing; they answer on Min side before the deadline."""
    sporsmal = required_text(sporsmal, "sporsmal", _("Skriv hva søkeren må sende inn."))
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "be_om_opplysninger")
        programleder_take(sak, by)
        sak.save(update_fields=["status", "programleder"])
        now = timezone.now()
        frist = frist or now + timedelta(days=regler.regler_for(sak.soknad.program).svarfrist_dager)
        if frist <= now:
            raise DomainError(_("Svarfristen må være fram i tid."), field="frist")
        krav = Opplysningskrav.objects.create(
            sak=sak, sporsmal=sporsmal, frist=frist, opprettet_av=by
        )
        deadline_close(case=sak, kind=K.KOMPLETTHETSKONTROLL)
        soknad = sak.soknad
        for address in soker_adresser(sak):
            message_send(
                to=address,
                template="information_request",
                key=f"opplysninger:{krav.pk}:{address}",
                language=soknad.sprak,
                case=sak.emne,
                context={
                    "soknad_title": sak.tittel,
                    "reference": sak.saksnummer,
                    "questions": sporsmal,
                    "answer_by": dato(timezone.localdate(frist)),
                    "url": minside_url(sak),
                },
            )
        if soknad.kontakt_epost:
            deadline_open(
                kind=K.SVAR_FRA_SOKER,
                title=_("Svar på forespørsel: %(nr)s") % {"nr": sak.saksnummer},
                due_at=frist,
                email=soknad.kontakt_epost,
                language=soknad.sprak,
                case=sak,
                link=minside_url(sak),
                key=f"sak:{sak.pk}:svar:{krav.pk}",
            )
        hendelse_record(sak, H.OPPLYSNINGER_BEDT, by, sporsmal)
    return krav


def opplysninger_answer(*, sak: Sak, svar: str, by=None) -> Opplysningskrav:
    """The applicant's answer: the case goes back to the completeness check with it."""
    svar = required_text(svar, "svar", _("Skriv svaret ditt."))
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "svar_mottatt")
        krav = sak.opplysningskrav.select_for_update().filter(besvart__isnull=True).last()
        if krav is None:
            raise DomainError(_("Det er ingen forespørsel å svare på."), code="wrong_state")
        krav.svar, krav.besvart = svar, timezone.now()
        krav.save(update_fields=["svar", "besvart"])
        sak.save(update_fields=["status"])
        deadline_close(case=sak, kind=K.SVAR_FRA_SOKER)
        programleder_tell(sak, hendelse_record(sak, H.SVAR_MOTTATT, by, svar))
        days = sak.soknad.program.kontrollfrist_dager
        _open_staff_deadline(sak, K.KOMPLETTHETSKONTROLL, days, str(krav.pk))
        prosess_resume(sak, "venter_svar")
    return krav


def opplysninger_extend(*, sak: Sak, by, frist=None, dager: int | None = None) -> Opplysningskrav:
    """No answer in time and the programleder chooses to wait: a new answer deadline, either
    given (`frist`) or `dager` days after the old one (after now, if that has passed). The
    deadline in the reminder engine moves with it."""
    if (frist is None) == (dager is None):
        raise ValueError("give either frist or dager")
    if dager is not None and dager < 1:
        raise DomainError(_("Fristen må forlenges med minst én dag."), field="dager")
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "forleng_svarfrist")
        krav = sak.opplysningskrav.select_for_update().filter(besvart__isnull=True).last()
        if krav is None:
            raise DomainError(_("Det er ingen forespørsel å forlenge."), code="wrong_state")
        now = timezone.now()
        if dager is not None:
            frist = max(krav.frist, now) + timedelta(days=dager)
        if frist <= now:
            raise DomainError(_("Svarfristen må være fram i tid."), field="frist")
        gammel = krav.frist
        krav.frist = frist
        krav.save(update_fields=["frist"])
        deadline_close(case=sak, kind=K.SVAR_FRA_SOKER)
        hendelse_record(
            sak,
            H.SVARFRIST_FORLENGET,
            by,
            _("Svarfristen %(gammel)s er forlenget til %(ny)s.")
            % {"gammel": dato(gammel), "ny": dato(frist)},
        )
        if sak.soknad.kontakt_epost:
            deadline_open(
                kind=K.SVAR_FRA_SOKER,
                title=_("Svar på forespørsel: %(nr)s") % {"nr": sak.saksnummer},
                due_at=frist,
                email=sak.soknad.kontakt_epost,
                language=sak.soknad.sprak,
                case=sak,
                link=minside_url(sak),
                key=f"sak:{sak.pk}:svar:{krav.pk}:{int(frist.timestamp())}",
            )
    return krav


def kontroll_record(*, sak: Sak, by, komplett: bool, sporsmal: str = "", frist=None):
    """The completeness check's outcome: complete, or a request for what is missing, by a
    programleder declared impartial in the case."""
    from .habilitet import saksbehandler_check

    saksbehandler_check(sak, by)
    if komplett:
        return sak_complete(sak=sak, by=by)
    return opplysninger_request(sak=sak, by=by, sporsmal=sporsmal, frist=frist)
