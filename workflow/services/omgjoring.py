"""Cancelling a grant on the program's own initiative (omgjøring, forvaltningsloven § 35).

The programleder gives the applicant advance notice with the reasons and a deadline to
comment (§ 16; the deadline is in the reminder engine). The applicant comments on Min side.
Then the body that made the decision decides: the programleder a delegated decision, the
board (its resolution recorded by the chair leading the case) a board decision. A
cancellation releases what is left of the commitment to its pot through the ledger and is
sent as a decision letter with the applicant's rights."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from felles import access
from felles.errors import DomainError
from felles.formatting import dato, kr
from felles.transaksjon import etter_commit, tjeneste
from handlingsplan.services import forpliktelse_release
from notifications.services import deadline_close, deadline_open
from workflow import regler
from workflow.models import Hendelse, Omgjoring, Sak, Tilsagn

from .grunnlag import K, hendelse_record, minside_url, required_text, sak_lock, send_to_applicants
from .prosess import prosess_cancel
from .tilstand import sak_move

H = Hendelse.Type
GJELDENDE = (Tilsagn.Status.VENTER_AKSEPT, Tilsagn.Status.AKSEPTERT)
MAKS_DAGER = 90
MAKS_TEGN = 10_000


def _tilsagn(sak: Sak) -> Tilsagn:
    tilsagn = (
        Tilsagn.objects.select_for_update(of=("self",))
        .select_related("forpliktelse", "vedtak")
        .filter(vedtak__sak=sak)
        .first()
    )
    if tilsagn is None or tilsagn.status not in GJELDENDE:
        raise DomainError(_("Saken har ikke et gjeldende tilsagn."), code="wrong_state")
    return tilsagn


def _open(sak: Sak) -> Omgjoring | None:
    return Omgjoring.objects.filter(sak=sak, status=Omgjoring.Status.VARSLET).first()


def omgjoring_notify(*, sak: Sak, by, grunn: str, dager: int | None = None) -> Omgjoring:
    """Advance notice that the grant may be cancelled, with a deadline to comment."""
    grunn = required_text(grunn, "grunn", _("Skriv hvorfor tilsagnet kan bli opphevet."))
    if not access.may_handle(by):
        raise DomainError(_("Bare programlederen sender forhåndsvarsel."), code="forbidden")
    with tjeneste():
        sak = sak_lock(sak)
        tilsagn = _tilsagn(sak)
        if _open(sak) is not None:
            raise DomainError(_("Søkeren har allerede fått forhåndsvarsel."), code="open")
        if dager is None:
            dager = regler.regler_for(sak.soknad.program).merknadsfrist_dager
        if not 1 <= dager <= MAKS_DAGER:
            raise DomainError(
                _("Fristen må være mellom 1 og %(n)d dager.") % {"n": MAKS_DAGER}, field="dager"
            )
        omgjoring = Omgjoring.objects.create(
            sak=sak,
            vedtak=tilsagn.vedtak,
            grunn=grunn,
            frist=timezone.now() + timedelta(days=dager),
            varslet_av=by,
        )
        soknad = sak.soknad
        if soknad.kontakt_epost:
            deadline_open(
                kind=K.MERKNAD,
                title=_("Merknader til forhåndsvarsel: %(nr)s") % {"nr": sak.saksnummer},
                due_at=omgjoring.frist,
                email=soknad.kontakt_epost,
                language=soknad.sprak,
                case=sak,
                link=minside_url(sak),
                key=f"omgjoring:{omgjoring.pk}:merknad",
            )
        hendelse_record(sak, H.OMGJORING_VARSLET, by, grunn)
        send_to_applicants(
            sak,
            template="cancellation_notice",
            key=f"omgjoring:{omgjoring.pk}:varsel",
            legal=True,
            amount=kr(tilsagn.belop),
            decision=tilsagn.vedtak.referanse,
            reason=grunn,
            deadline=dato(omgjoring.frist),
        )
    return omgjoring


def omgjoring_comment(*, sak: Sak, by, merknad: str, now=None) -> Omgjoring:
    """The applicant's comment on the notice, until the matter is decided."""
    merknad = required_text(merknad, "merknad", _("Skriv merknadene deres."))
    if len(merknad) > MAKS_TEGN:
        raise DomainError(
            _("Merknadene kan være høyst %(n)d tegn.") % {"n": MAKS_TEGN}, field="merknad"
        )
    now = now or timezone.now()
    with tjeneste():
        sak = sak_lock(sak)
        omgjoring = _open(sak)
        if omgjoring is None:
            raise DomainError(_("Det er ikke noe forhåndsvarsel å svare på."), code="wrong_state")
        omgjoring.merknad = f"{omgjoring.merknad}\n\n{merknad}" if omgjoring.merknad else merknad
        omgjoring.merknad_mottatt = now
        omgjoring.save(update_fields=["merknad", "merknad_mottatt"])
        deadline_close(case=sak, kind=K.MERKNAD)
        hendelse_record(sak, H.MERKNAD, by, merknad)
    return omgjoring


def _decider(sak: Sak, omgjoring: Omgjoring, by) -> tuple[str, str]:
    """Only the body that made the decision changes it: (organ, the chair's role)."""
    if omgjoring.vedtak.organ == Sak.Organ.STYRET:
        leder = regler.moteleder(sak)
        if leder.user is None or getattr(by, "pk", None) != leder.user.pk:
            raise DomainError(
                _(
                    "Vedtaket er fattet av styret, og bare styret kan oppheve det. "
                    "Møtelederen i saken fører styrets vedtak."
                ),
                code="wrong_body",
            )
        return Sak.Organ.STYRET, leder.rolle
    if not access.may_handle(by):
        raise DomainError(
            _("Vedtaket er fattet av programlederen, og bare programlederen kan oppheve det."),
            code="wrong_body",
        )
    return Sak.Organ.PROGRAMLEDER, ""


def omgjoring_decide(
    *,
    omgjoring: Omgjoring,
    by,
    opphev: bool,
    hovedhensyn: str,
    merknad_vurdering: str = "",
    now=None,
) -> Omgjoring:
    """The deciding body cancels the grant, or lets the decision stand (the matter is
    dropped). Not before the applicant has commented or the deadline has passed."""
    hovedhensyn = required_text(
        hovedhensyn, "hovedhensyn", _("Skriv hovedhensynene, de står i brevet.")
    )
    now = now or timezone.now()
    with tjeneste():
        sak = sak_lock(omgjoring.sak)
        omgjoring = (
            Omgjoring.objects.select_for_update().select_related("vedtak").get(pk=omgjoring.pk)
        )
        if not omgjoring.apen:
            raise DomainError(_("Saken om oppheving er avgjort."), code="wrong_state")
        if omgjoring.merknad_mottatt is None and now < omgjoring.frist:
            raise DomainError(
                _("Søkeren har frist til %(d)s med å uttale seg (forvaltningsloven § 16).")
                % {"d": dato(omgjoring.frist)},
                code="notice_open",
            )
        organ, rolle = _decider(sak, omgjoring, by)
        merknad_vurdering = (merknad_vurdering or "").strip()
        if omgjoring.merknad and not merknad_vurdering:
            raise DomainError(
                _("Skriv hvordan søkerens merknader er vurdert."), field="merknad_vurdering"
            )
        omgjoring.organ, omgjoring.bekreftet_som = organ, rolle
        omgjoring.vedtatt_av, omgjoring.vedtatt = by, now
        omgjoring.hovedhensyn, omgjoring.merknad_vurdering = hovedhensyn, merknad_vurdering
        deadline_close(case=sak, kind=K.MERKNAD)
        if not opphev:
            omgjoring.status = Omgjoring.Status.HENLAGT
            omgjoring.save()
            hendelse_record(sak, H.OMGJORING_HENLAGT, by, hovedhensyn)
            send_to_applicants(
                sak,
                template="cancellation_dropped",
                key=f"omgjoring:{omgjoring.pk}:henlagt",
                reason=hovedhensyn,
            )
            return omgjoring
        tilsagn = _tilsagn(sak)
        n = Omgjoring.objects.filter(sak=sak).exclude(referanse="").count() + 1
        omgjoring.referanse = f"{sak.saksnummer}-O{n}"
        forpliktelse_release(
            forpliktelse=tilsagn.forpliktelse,
            reason=_("Tilsagnet er opphevet (%(ref)s).") % {"ref": omgjoring.referanse},
            by=by,
        )
        tilsagn.status = Tilsagn.Status.OPPHEVET
        tilsagn.save(update_fields=["status"])
        omgjoring.status = Omgjoring.Status.OPPHEVET
        omgjoring.save()
        sak_move(sak, "opphev")
        sak.avsluttet = now
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak)
        hendelse_record(sak, H.OPPHEVET, by, omgjoring.referanse)
        prosess_cancel(sak)
        omgjoring_id, by_id = omgjoring.pk, getattr(by, "pk", None)
        etter_commit(lambda: _brev_enqueue(omgjoring_id, by_id))
    return omgjoring


def _brev_enqueue(omgjoring_id: int, by_id: int | None) -> None:
    from workflow.tasks import omgjoring_brev_enqueue

    omgjoring_brev_enqueue(omgjoring_id, by_id)
