"""The decision and what follows it: money committed in the same transaction, the letter,
acceptance, lapse, and withdrawal or closing with any commitment released."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato, kr
from handlingsplan.models import Pot
from handlingsplan.services import forpliktelse_release, pot_commit
from notifications.models.reminders import DeadlineKind
from notifications.services import OutgoingAttachment, deadline_close, deadline_open
from soknader.models import Behandling, Sakshendelse, Soknad, Stemme, Tilsagn, Vedtak

from . import hooks, regler
from .brev import brev_lag
from .felles import (
    AVSLUTTET,
    B,
    hendelse,
    lock,
    minside_url,
    move,
    require,
    required_text,
    send_to_applicants,
)

H = Sakshendelse.Type
K = DeadlineKind
V = Vedtak.Utfall


def vedtak_delegert(*, behandling: Behandling, by) -> Vedtak:
    """The programleder decides alone, as recommended (within the delegated limit)."""
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.TIL_VEDTAK)
        innstilling = sak.innstilling
        return _fatt(
            sak,
            by=by,
            innvilget=innstilling.innvilge,
            organ=Behandling.Organ.PROGRAMLEDER,
            pot=innstilling.pot,
            belop=innstilling.belop,
            vilkar=innstilling.vilkar,
            begrunnelse=innstilling.begrunnelse,
        )


def leders_stemme(tall: regler.Stemmetall, leder) -> str | None:
    """The vote of the chair leading the case, when it was for or against."""
    stemme = next((s for s in tall.stemmer if s.medlem_id == getattr(leder, "pk", None)), None)
    if stemme is not None and stemme.valg in (Stemme.Valg.FOR, Stemme.Valg.MOT):
        return stemme.valg
    return None


@dataclass(frozen=True)
class Styreutfall:
    """What confirming the board's vote now would decide."""

    vedtatt: bool  # the recommendation is adopted (or, for a rejection, stands)
    ved_leder: bool  # a tie decided by the vote of the chair leading the case
    stemmelikhet: bool
    innvilget: bool

    @property
    def stemmelikhet_uten_leder(self) -> bool:
        return self.stemmelikhet and not self.ved_leder

    @property
    def innvilger_mot_avslag(self) -> bool:
        """The board grants although the programleder recommended rejecting."""
        return self.innvilget and not self.vedtatt


def styrets_utfall(tall: regler.Stemmetall, leder, innstilling) -> Styreutfall:
    """A majority of for or against decides. A tie follows the vote of the chair leading the
    case (styreleder, or settestyreleder when the chair is disqualified) when that vote was
    for or against. A tie without it is no majority for a grant: the application is rejected
    — a recommendation to grant is not adopted, and a recommendation to reject stands."""
    stemmelikhet = tall.for_ == tall.mot
    if not stemmelikhet:
        vedtatt = tall.for_ > tall.mot
        return Styreutfall(vedtatt, False, False, innstilling.innvilge == vedtatt)
    valg = leders_stemme(tall, leder)
    if valg is not None:
        vedtatt = valg == Stemme.Valg.FOR
        return Styreutfall(vedtatt, True, True, innstilling.innvilge == vedtatt)
    return Styreutfall(
        vedtatt=not innstilling.innvilge, ved_leder=False, stemmelikhet=True, innvilget=False
    )


def bekrefter_sjekk(sak: Behandling, by) -> regler.Moteleder:
    """Only the chair leading the case may confirm its decision: the impartial styreleder, or
    the settestyreleder when the styreleder is disqualified (forvaltningsloven § 6)."""
    leder = regler.moteleder(sak)
    if leder.user is not None and getattr(by, "pk", None) == leder.user.pk:
        return leder
    if regler.er_inhabil(sak, by):
        raise DomainError(
            _(
                "Du er inhabil i sak %(nr)s og kan ikke ta del i vedtaket. "
                "Settestyreleder bekrefter vedtaket."
            )
            % {"nr": sak.soknad.saksnummer},
            code="disqualified",
        )
    raise DomainError(
        _(
            "Bare styreleder, eller settestyreleder når styreleder er inhabil, kan bekrefte "
            "vedtaket i sak %(nr)s."
        )
        % {"nr": sak.soknad.saksnummer},
        code="not_chair",
    )


def potter_for_vedtak(program, ar: int | None = None):
    """The pots a board decision may take money from: those of the program's plan for the
    year of the decision."""
    ar = ar or timezone.localdate().year
    return Pot.objects.filter(
        strategi__handlingsplan__program=program, strategi__handlingsplan__ar=ar
    ).select_related("strategi__handlingsplan")


def vedtak_bekreft(
    *,
    behandling: Behandling,
    by,
    belop: int | None = None,
    vilkar: str | None = None,
    endringsbegrunnelse: str = "",
    pot: Pot | None = None,
) -> Vedtak:
    """The chair confirms the board's decision when the vote is closed.

    The chair may change the amount, pot or conditions of a grant, with reasons. When the
    board goes against the recommendation, the chair writes the board's reasons, which the
    letter carries; granting against a recommendation to reject also needs a pot from this
    year's plan and an amount. Only the chair leading the case confirms (bekrefter_sjekk), and
    a tie follows that chair's vote (see styrets_utfall)."""
    endringsbegrunnelse = (endringsbegrunnelse or "").strip()
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.STYRET)
        leder = bekrefter_sjekk(sak, by)
        tall = regler.stemmetall(sak)
        if not tall.avsluttet:
            raise DomainError(
                _(
                    "Avstemningen er ikke ferdig: %(n)d av %(habile)d habile medlemmer har "
                    "stemt, og %(q)d stemmer trengs når fristen er ute."
                )
                % {
                    "n": len(tall.stemmer),
                    "habile": tall.habile_antall,
                    "q": tall.beslutningsdyktig,
                },
                code="vote_open",
            )
        innstilling = sak.innstilling
        utfall = styrets_utfall(tall, leder.user, innstilling)
        endret = False
        if utfall.innvilget:
            pot = _pot_for_vedtak(sak, innstilling, pot)
            belop = belop if belop is not None else innstilling.belop
            if not belop:
                raise DomainError(_("Skriv beløpet styret innvilger."), field="belop")
            vilkar = innstilling.vilkar if vilkar is None else vilkar.strip()
            endret = (
                belop != innstilling.belop
                or vilkar != innstilling.vilkar
                or pot.pk != innstilling.pot_id
            )
        else:
            pot, belop, vilkar = None, None, ""
        if not utfall.vedtatt:
            required_text(
                endringsbegrunnelse,
                "endringsbegrunnelse",
                _("Styret gikk mot innstillingen: skriv styrets begrunnelse, den står i brevet."),
            )
        elif endret:
            required_text(
                endringsbegrunnelse,
                "endringsbegrunnelse",
                _("Begrunn endringen av beløp, pott eller vilkår."),
            )
        return _fatt(
            sak,
            by=by,
            innvilget=utfall.innvilget,
            organ=Behandling.Organ.STYRET,
            pot=pot,
            belop=belop,
            vilkar=vilkar,
            begrunnelse=innstilling.begrunnelse if utfall.vedtatt else endringsbegrunnelse,
            endringsbegrunnelse=endringsbegrunnelse if (endret or not utfall.vedtatt) else "",
            tall=tall,
            ved_leder=utfall.ved_leder,
            bekreftet_som=leder.rolle,
        )


def _pot_for_vedtak(sak: Behandling, innstilling, pot: Pot | None) -> Pot:
    """The recommended pot, or another from this year's plan of the program."""
    if pot is None or pot.pk == innstilling.pot_id:
        if innstilling.pot is None:
            raise DomainError(
                _("Styret gikk mot innstillingen om avslag: velg potten tilskuddet tas fra."),
                field="pot",
            )
        return innstilling.pot
    if not potter_for_vedtak(sak.soknad.program).filter(pk=pot.pk).exists():
        raise DomainError(
            _("Velg en pott i programmets handlingsplan for %(ar)d.")
            % {"ar": timezone.localdate().year},
            field="pot",
        )
    return pot


def _fatt(
    sak: Behandling,
    *,
    by,
    innvilget: bool,
    organ: str,
    pot,
    belop,
    vilkar: str,
    begrunnelse: str,
    endringsbegrunnelse: str = "",
    tall: regler.Stemmetall | None = None,
    ved_leder: bool = False,
    bekreftet_som: str = "",
) -> Vedtak:
    soknad = sak.soknad
    vedtak = Vedtak.objects.create(
        behandling=sak,
        utfall=V.INNVILGET if innvilget else V.AVSLATT,
        organ=organ,
        vedtatt_av=by,
        belop=belop if innvilget else None,
        vilkar=vilkar if innvilget else "",
        begrunnelse=begrunnelse,
        endringsbegrunnelse=endringsbegrunnelse,
        stemmer_for=tall.for_ if tall else 0,
        stemmer_mot=tall.mot if tall else 0,
        stemmer_avstar=tall.avstar if tall else 0,
        avgjort_ved_leders_stemme=ved_leder,
        bekreftet_som=bekreftet_som,
        referanse=f"{soknad.saksnummer}-V",
    )
    if innvilget:
        # Same transaction as the decision: too little in the pot and nothing is decided.
        forpliktelse = pot_commit(
            pot=pot, amount=belop, reference=vedtak.referanse, by=by, reason=soknad.tittel
        )
        frist = timezone.now() + timedelta(days=soknad.program.akseptfrist_dager)
        Tilsagn.objects.create(
            vedtak=vedtak, forpliktelse=forpliktelse, belop=belop, akseptfrist=frist
        )
        move(sak, B.VENTER_AKSEPT)
    else:
        move(sak, B.AVSLATT)
        sak.avsluttet = timezone.now()
    sak.save(update_fields=["status", "avsluttet"])
    deadline_close(case=sak, kind=K.STEMME)
    detalj = vedtak.get_utfall_display()
    if bekreftet_som:
        detalj = _("%(utfall)s, bekreftet av %(navn)s som %(rolle)s") % {
            "utfall": detalj,
            "navn": by.get_full_name() or by.get_username(),
            "rolle": vedtak.get_bekreftet_som_display(),
        }
    hendelse(sak, H.VEDTAK, by, detalj)
    brev = brev_lag(vedtak=vedtak)
    send_to_applicants(
        sak,
        template="decision_letter",
        key=f"vedtak:{vedtak.pk}",
        legal=True,
        attachments=[OutgoingAttachment(brev.filnavn, "application/pdf", bytes(brev.pdf))],
        granted=innvilget,
        decided_by=organ,
        amount=kr(belop) if innvilget else "",
        appeal_days=soknad.program.klagefrist_dager,
    )
    hendelse(sak, H.BREV, by, brev.filnavn)
    if innvilget and soknad.kontakt_epost:
        deadline_open(
            kind=K.AKSEPT,
            title=_("Aksept av tilsagn: %(nr)s") % {"nr": soknad.saksnummer},
            due_at=vedtak.tilsagn.akseptfrist,
            email=soknad.kontakt_epost,
            language=soknad.sprak,
            case=sak,
            link=minside_url(sak),
            key=f"sak:{sak.pk}:aksept",
        )
    return vedtak


def _lock_tilsagn(sak: Behandling) -> Tilsagn | None:
    return (
        Tilsagn.objects.select_for_update()
        .select_related("forpliktelse")
        .filter(vedtak__behandling=sak)
        .first()
    )


def tilsagn_aksepter(*, behandling: Behandling, by=None, now=None) -> Tilsagn:
    now = now or timezone.now()
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.VENTER_AKSEPT)
        tilsagn = _lock_tilsagn(sak)
        if now > tilsagn.akseptfrist:
            raise DomainError(
                _("Fristen for aksept gikk ut %(d)s.") % {"d": dato(tilsagn.akseptfrist)},
                code="too_late",
            )
        tilsagn.status, tilsagn.akseptert = Tilsagn.Status.AKSEPTERT, now
        tilsagn.akseptert_av = by if getattr(by, "is_authenticated", False) else None
        tilsagn.save(update_fields=["status", "akseptert", "akseptert_av"])
        move(sak, B.AKSEPTERT)
        sak.avsluttet = now
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak, kind=K.AKSEPT)
        hendelse(sak, H.AKSEPTERT, by)
        send_to_applicants(
            sak,
            template="acceptance_confirmation",
            key=f"aksept:{tilsagn.pk}",
            amount=kr(tilsagn.belop),
            accepted_at=dato(timezone.localdate(now)),
        )
        hooks.fire(hooks.Hendelse.AKSEPTERT, sak)
    return tilsagn


def tilsagn_bortfall(*, behandling: Behandling, now=None) -> Tilsagn:
    """Not accepted in time: the commitment is released and the applicant told."""
    now = now or timezone.now()
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.VENTER_AKSEPT)
        tilsagn = _lock_tilsagn(sak)
        if now <= tilsagn.akseptfrist:
            raise DomainError(_("Fristen for aksept er ikke ute."), code="not_due")
        grunn = _("Tilsagnet ble ikke akseptert innen fristen %(d)s.") % {
            "d": dato(tilsagn.akseptfrist)
        }
        forpliktelse_release(forpliktelse=tilsagn.forpliktelse, reason=grunn)
        tilsagn.status = Tilsagn.Status.BORTFALT
        tilsagn.save(update_fields=["status"])
        move(sak, B.BORTFALT)
        sak.avsluttet = now
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak, kind=K.AKSEPT)
        hendelse(sak, H.BORTFALT, None, grunn)
        _lapse_notice(sak, tilsagn, grunn)
        hooks.fire(hooks.Hendelse.BORTFALT, sak)
    return tilsagn


def _lapse_notice(sak: Behandling, tilsagn: Tilsagn, grunn: str) -> None:
    send_to_applicants(
        sak,
        template="lapse_notice",
        key=f"bortfall:{tilsagn.pk}",
        legal=True,
        amount=kr(tilsagn.belop),
        reason=grunn,
    )


def tilsagn_bortfall_sweep(*, now=None) -> int:
    """Lapse every commitment whose acceptance deadline passed; one transaction each."""
    now = now or timezone.now()
    due = Behandling.objects.filter(
        status=B.VENTER_AKSEPT,
        vedtak__tilsagn__status=Tilsagn.Status.VENTER_AKSEPT,
        vedtak__tilsagn__akseptfrist__lt=now,
    ).values_list("pk", flat=True)
    lapsed = 0
    for pk in list(due):
        try:
            tilsagn_bortfall(behandling=Behandling(pk=pk), now=now)
            lapsed += 1
        except DomainError:  # accepted or closed meanwhile
            continue
    return lapsed


def behandling_avslutt(*, behandling: Behandling, by, grunn: str, av_soker: bool) -> Behandling:
    """Withdrawal by the applicant, or closing by the programleder, at any step before
    acceptance; any commitment goes back to the pot."""
    grunn = required_text(grunn, "grunn", _("Oppgi en grunn."))
    with transaction.atomic():
        sak = lock(behandling)
        if sak.status in AVSLUTTET:
            raise DomainError(
                _("Saken er avsluttet (%(status)s).") % {"status": sak.get_status_display()},
                code="wrong_state",
            )
        tilsagn = _lock_tilsagn(sak)
        if tilsagn is not None and tilsagn.status == Tilsagn.Status.VENTER_AKSEPT:
            forpliktelse_release(forpliktelse=tilsagn.forpliktelse, reason=grunn, by=None)
            tilsagn.status = Tilsagn.Status.TRUKKET if av_soker else Tilsagn.Status.AVBRUTT
            tilsagn.save(update_fields=["status"])
        move(sak, B.TRUKKET if av_soker else B.AVBRUTT)
        sak.avsluttet = timezone.now()
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak)
        hendelse(sak, H.TRUKKET if av_soker else H.AVBRUTT, by, grunn)
        if av_soker:
            from soknader.services import soknad_withdraw

            soknad_withdraw(soknad=sak.soknad, by=by)
        send_to_applicants(
            sak,
            template="case_closed",
            key=f"avsluttet:{sak.pk}",
            legal=not av_soker,
            withdrawn=av_soker,
            reason=grunn,
            released=kr(tilsagn.belop) if tilsagn is not None else "",
        )
        hooks.fire(hooks.Hendelse.AVSLUTTET, sak)
    return sak


def kan_trekkes(soknad: Soknad) -> bool:
    """Min side offers withdrawal while the application is submitted and its case (if any) is
    open: before the decision, and after a grant until it is accepted. Not after acceptance,
    a rejection, a lapse, or closing."""
    from soknader.services import WITHDRAWABLE

    if soknad.status not in WITHDRAWABLE:
        return False
    status = Behandling.objects.filter(soknad=soknad).values_list("status", flat=True).first()
    return status is None or status not in AVSLUTTET


def soknad_trekk(*, soknad: Soknad, by=None, grunn: str = "") -> Soknad:
    """Min side's withdraw button: through the case when there is one."""
    sak = Behandling.objects.filter(soknad=soknad).first()
    if sak is None:
        from soknader.services import soknad_withdraw

        return soknad_withdraw(soknad=soknad, by=by)
    behandling_avslutt(
        behandling=sak, by=by, grunn=grunn or _("Trukket av søkeren."), av_soker=True
    )
    soknad.refresh_from_db()
    return soknad
