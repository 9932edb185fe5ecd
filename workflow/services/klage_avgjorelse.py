"""The appeal decided: first by the body that made the decision (forvaltningsloven § 33),
which may change it, or else keeps it and the appeal is sent with a statement to the appeal
body; then the appeal body's decision is recorded. Money moves only as decided: a change to
a (larger) grant commits the difference from a pot, as a grant does."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import kr
from felles.roles import Rolle, has_role
from felles.transaksjon import tjeneste
from handlingsplan.models import Pot
from handlingsplan.services import pot_commit
from notifications.services import deadline_close, deadline_open
from workflow import regler, utfall
from workflow.models import Hendelse, Klage, Sak, Tilsagn, Vedtak

from .grunnlag import K, hendelse_record, minside_url, required_text
from .klage import (
    KLAGEORGAN_DAGER,
    OVERSENDELSE_DAGER,
    _letter_after_commit,
    akseptfrist_restart,
    klage_lock,
    klage_sak_close,
    staff_deadline,
    vurderer,
)
from .klagetilstand import klage_move
from .tilstand import sak_move

H = Hendelse.Type
R = Klage.Resultat


def _may_review(sak: Sak, by) -> None:
    """The programleder reviews their own (delegated) decision; the board's decision is
    reviewed by the board, whose resolution the chair leading the case records."""
    if sak.organ == Sak.Organ.STYRET:
        leder = vurderer(sak)
        if leder is None or leder.pk != by.pk:
            raise DomainError(
                _("Styret vurderer klagen på sitt vedtak; styrelederen fører styrets vedtak."),
                code="not_allowed",
            )
    elif not (by.is_superuser or has_role(by, Rolle.PROGRAMLEDER)):
        raise DomainError(_("Bare programlederen vurderer denne klagen."), code="not_allowed")


def klage_review(
    *,
    sak: Sak,
    by,
    omgjor: bool,
    begrunnelse: str,
    belop: int | None = None,
    pot: Pot | None = None,
    vilkar: str = "",
) -> Klage:
    """The deciding body's review (§ 33 second paragraph). It changes its decision to a grant
    of `belop` in all (a new decision with its letter; the amount not already granted is
    committed from `pot`), or keeps it, and the appeal is prepared for the appeal body."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Skriv vurderingen av klagen."))
    with tjeneste():
        sak, klage = klage_lock(sak)
        _may_review(sak, by)
        klage.underinstans_begrunnelse = begrunnelse
        klage.underinstans_vurdert = timezone.now()
        deadline_close(case=sak, kind=K.KLAGE_VURDERING)
        if not omgjor:
            klage_move(klage, "opprettholdt")
            klage.save(update_fields=["status", "underinstans_begrunnelse", "underinstans_vurdert"])
            hendelse_record(sak, H.KLAGE_OPPRETTHOLDT, by, begrunnelse)
            staff_deadline(sak, K.KLAGE_OVERSENDELSE, OVERSENDELSE_DAGER, sak.programleder)
            return klage
        klage_move(klage, "omgjor")
        klage.save(update_fields=["status", "underinstans_begrunnelse", "underinstans_vurdert"])
        _new_grant(
            sak,
            klage,
            by,
            organ=sak.organ,
            belop=belop,
            pot=pot,
            vilkar=vilkar,
            begrunnelse=begrunnelse,
        )
        hendelse_record(sak, H.KLAGE_OMGJORT, by, begrunnelse)
        hendelse_record(klage.paklaget, H.KLAGE_OMGJORT, by, begrunnelse)
        _letter_after_commit(klage, "omgjoringsbrev", by)
    return klage


def klage_forward(*, sak: Sak, by, uttalelse: str) -> Klage:
    """The programleder sends the appeal to the appeal body with the statement (§ 33 fourth
    paragraph); the applicant gets a copy of it."""
    uttalelse = required_text(uttalelse, "uttalelse", _("Skriv uttalelsen til klageorganet."))
    with tjeneste():
        sak, klage = klage_lock(sak)
        if not (by.is_superuser or has_role(by, Rolle.PROGRAMLEDER)):
            raise DomainError(_("Bare programlederen sender klager videre."), code="not_allowed")
        klage_move(klage, "oversend")
        klage.underinstans_begrunnelse = uttalelse
        klage.oversendt = timezone.now()
        klage.klageorgan = klage.paklaget.soknad.program.klageorgan
        klage.save(update_fields=["status", "underinstans_begrunnelse", "oversendt", "klageorgan"])
        deadline_close(case=sak, kind=K.KLAGE_OVERSENDELSE)
        hendelse_record(sak, H.KLAGE_OVERSENDT, by, klage.klageorgan)
        hendelse_record(klage.paklaget, H.KLAGE_OVERSENDT, by, klage.klageorgan)
        staff_deadline(sak, K.KLAGE_KLAGEORGAN, KLAGEORGAN_DAGER, sak.programleder)
        _letter_after_commit(klage, "oversendelse", by)
    return klage


def klage_body_decision(
    *,
    sak: Sak,
    by,
    resultat: str,
    dato: date,
    begrunnelse: str,
    brev: bytes | None = None,
    belop: int | None = None,
    pot: Pot | None = None,
    vilkar: str = "",
) -> Klage:
    """The appeal body's decision, recorded by the programleder with its date, reasons and
    the body's own letter (a PDF) or, without one, a notice we write. A change to a grant
    commits the money; a decision upheld moves nothing."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Skriv klageorganets begrunnelse."))
    if resultat not in R.values:
        raise DomainError(_("Velg klageorganets avgjørelse."), field="resultat")
    if dato > timezone.localdate():
        raise DomainError(_("Datoene kan ikke ligge fram i tid."), field="resultat_dato")
    if brev is not None and not bytes(brev).startswith(b"%PDF"):
        raise DomainError(_("Brevet må være en PDF-fil."), field="brev")
    with tjeneste():
        sak, klage = klage_lock(sak)
        if not (by.is_superuser or has_role(by, Rolle.PROGRAMLEDER)):
            raise DomainError(_("Bare programlederen registrerer klageorganets vedtak."))
        klage_move(klage, "avgjor")
        klage.resultat, klage.resultat_dato = resultat, dato
        klage.resultat_begrunnelse = begrunnelse
        klage.save(update_fields=["status", "resultat", "resultat_dato", "resultat_begrunnelse"])
        deadline_close(case=sak, kind=K.KLAGE_KLAGEORGAN)
        if resultat in (R.OMGJORT, R.DELVIS) and belop:
            _new_grant(
                sak,
                klage,
                by,
                organ=Sak.Organ.KLAGEORGAN,
                belop=belop,
                pot=pot,
                vilkar=vilkar,
                begrunnelse=begrunnelse,
            )
        else:
            klage_sak_close(sak)
            akseptfrist_restart(klage.paklaget, klage)
        tekst = f"{klage.get_resultat_display()} ({klage.klageorgan})"
        hendelse_record(sak, H.KLAGE_AVGJORT, by, tekst)
        hendelse_record(klage.paklaget, H.KLAGE_AVGJORT, by, tekst)
        _letter_after_commit(klage, "klagevedtak", by, upload=bytes(brev) if brev else None)
    return klage


def _already_granted(paklaget: Sak) -> Tilsagn | None:
    return (
        Tilsagn.objects.select_for_update()
        .select_related("forpliktelse__pot")
        .filter(
            vedtak__sak=paklaget,
            status__in=[Tilsagn.Status.VENTER_AKSEPT, Tilsagn.Status.AKSEPTERT],
        )
        .first()
    )


def _new_grant(sak, klage, by, *, organ, belop, pot, vilkar, begrunnelse) -> Vedtak:
    """A decision granting `belop` in all: the part not already granted is committed from the
    pot and waits for the applicant's acceptance, as a grant does."""
    paklaget = klage.paklaget
    soknad = paklaget.soknad
    innstilling = getattr(paklaget, "innstilling", None)
    tidligere = _already_granted(paklaget)
    har = tidligere.belop if tidligere else 0
    if not belop or belop <= har:
        raise DomainError(
            _("Skriv beløpet som innvilges i alt; det må være mer enn %(har)s.") % {"har": kr(har)},
            field="belop",
        )
    if belop > regler.omsokt_belop(soknad):
        raise DomainError(_("Beløpet er større enn det søkeren søkte om."), field="belop")
    if innstilling is not None:
        regler.stotteintensitet_check(innstilling, belop)
    if pot is None:
        pot = tidligere.forpliktelse.pot if tidligere else getattr(innstilling, "pot", None)
    if pot is None or not utfall.potter_for_vedtak(soknad.program).filter(pk=pot.pk).exists():
        raise DomainError(
            _("Velg en pott i programmets handlingsplan for %(ar)d.")
            % {"ar": timezone.localdate().year},
            field="pot",
        )
    vedtak = Vedtak.objects.create(
        sak=sak,
        utfall=Vedtak.Utfall.INNVILGET,
        organ=organ,
        vedtatt_av=by,
        belop=belop,
        vilkar=(vilkar or "").strip() or (innstilling.vilkar if innstilling else ""),
        begrunnelse=begrunnelse,
        referanse=f"{sak.saksnummer}-V",
    )
    tillegg = belop - har
    forpliktelse = pot_commit(
        pot=pot, amount=tillegg, reference=vedtak.referanse, by=by, reason=soknad.tittel
    )
    frist = timezone.now() + timedelta(days=soknad.program.akseptfrist_dager)
    Tilsagn.objects.create(
        vedtak=vedtak, forpliktelse=forpliktelse, belop=tillegg, akseptfrist=frist
    )
    sak_move(sak, "klage_innvilg")
    sak.save(update_fields=["status"])
    hendelse_record(sak, H.VEDTAK, by, f"{vedtak.get_utfall_display()}, {kr(belop)}")
    akseptfrist_restart(paklaget, klage)
    if soknad.kontakt_epost:
        deadline_open(
            kind=K.AKSEPT,
            title=_("Aksept av tilsagn: %(nr)s") % {"nr": sak.saksnummer},
            due_at=frist,
            email=soknad.kontakt_epost,
            language=soknad.sprak,
            case=sak,
            link=minside_url(paklaget),
            key=f"sak:{sak.pk}:aksept",
        )
    return vedtak
