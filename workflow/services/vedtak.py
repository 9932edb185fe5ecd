"""The decision: by the programleder within the delegated limit, or confirmed by the chair
leading the board's vote. Money is committed in the decision's transaction; once that has
committed, a worker renders the letter and sends it (never under a row lock)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import etter_commit, tjeneste
from handlingsplan.models import Pot
from handlingsplan.services import pot_commit
from notifications.services import deadline_close, deadline_open
from workflow import regler, utfall
from workflow.models import Hendelse, Sak, Tilsagn, Vedtak

from .avslutning import sak_ended_announce
from .bagatell import bagatell_check
from .brev import brev_enqueue
from .grunnlag import K, hendelse_record, minside_url, required_text, sak_lock
from .tilstand import sak_move, sak_require

H = Hendelse.Type
V = Vedtak.Utfall


def vedtak_decide(*, sak: Sak, by, hovedhensyn: str = "") -> Vedtak:
    """The programleder decides alone, as recommended (within the delegated limit), when
    declared impartial in the case. The main considerations the letter states are the
    recommendation's reasons, unless the decider writes their own."""
    from .habilitet import saksbehandler_check

    saksbehandler_check(sak, by)
    with tjeneste():
        sak = sak_lock(sak)
        sak_require(sak, "innvilg", "avsla")
        if sak.organ != Sak.Organ.PROGRAMLEDER:
            raise DomainError(_("Styret avgjør denne saken."), code="wrong_state")
        innstilling = sak.innstilling
        return _fatt(
            sak,
            by=by,
            innvilget=innstilling.innvilge,
            organ=Sak.Organ.PROGRAMLEDER,
            pot=innstilling.pot,
            belop=innstilling.belop,
            vilkar=innstilling.vilkar,
            begrunnelse=(hovedhensyn or "").strip() or innstilling.begrunnelse,
        )


def vedtak_confirm(
    *,
    sak: Sak,
    by,
    belop: int | None = None,
    vilkar: str | None = None,
    endringsbegrunnelse: str = "",
    pot: Pot | None = None,
    eurokurs: Decimal | None = None,
) -> Vedtak:
    """The chair confirms the board's decision when the vote is closed.

    The chair may change the amount, pot or conditions of a grant, with reasons. When the
    board goes against the recommendation, the chair writes the board's reasons, which the
    letter carries; granting against a recommendation to reject also needs a pot from this
    year's plan and an amount. `eurokurs` (NOK per EUR) replaces the program's rate of the
    day for the de minimis check and the letter. Only the chair leading the case confirms
    (bekrefter_sjekk), and a tie follows that chair's vote (see styrets_utfall)."""
    endringsbegrunnelse = (endringsbegrunnelse or "").strip()
    with tjeneste():
        inhabile = getattr(sak, "_inhabile", None)  # as the caller read them in this request
        sak = sak_lock(sak)
        if inhabile is not None:
            sak._inhabile = inhabile
        sak_require(sak, "innvilg", "avsla")
        if sak.organ != Sak.Organ.STYRET:
            raise DomainError(_("Saken er delegert til programleder."), code="wrong_state")
        leder = utfall.bekrefter_check(sak, by)
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
        utfallet = utfall.styrets_utfall(tall, leder.user, innstilling)
        endret = False
        if utfallet.innvilget:
            pot = _pot_for_vedtak(sak, innstilling, pot)
            belop = belop if belop is not None else innstilling.belop
            if not belop:
                raise DomainError(_("Skriv beløpet styret innvilger."), field="belop")
            regler.stotteintensitet_check(innstilling, belop)
            vilkar = innstilling.vilkar if vilkar is None else vilkar.strip()
            endret = (
                belop != innstilling.belop
                or vilkar != innstilling.vilkar
                or pot.pk != innstilling.pot_id
            )
        else:
            pot, belop, vilkar = None, None, ""
        if not utfallet.vedtatt:
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
            innvilget=utfallet.innvilget,
            organ=Sak.Organ.STYRET,
            pot=pot,
            belop=belop,
            vilkar=vilkar,
            begrunnelse=innstilling.begrunnelse if utfallet.vedtatt else endringsbegrunnelse,
            endringsbegrunnelse=endringsbegrunnelse if (endret or not utfallet.vedtatt) else "",
            tall=tall,
            ved_leder=utfallet.ved_leder,
            bekreftet_som=leder.rolle,
            eurokurs=eurokurs,
        )


def _pot_for_vedtak(sak: Sak, innstilling, pot: Pot | None) -> Pot:
    """The recommended pot, or another from this year's plan of the program."""
    if pot is None or pot.pk == innstilling.pot_id:
        if innstilling.pot is None:
            raise DomainError(
                _("Styret gikk mot innstillingen om avslag: velg potten tilskuddet tas fra."),
                field="pot",
            )
        return innstilling.pot
    if not utfall.potter_for_vedtak(sak.soknad.program).filter(pk=pot.pk).exists():
        raise DomainError(
            _("Velg en pott i programmets handlingsplan for %(ar)d.")
            % {"ar": timezone.localdate().year},
            field="pot",
        )
    return pot


def _fatt(
    sak: Sak,
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
    eurokurs: Decimal | None = None,
) -> Vedtak:
    soknad = sak.soknad
    bagatell = None
    if innvilget and sak.innstilling.bagatellmessig:
        # Before anything is written: over the ceiling, nothing is decided or committed.
        bagatell = bagatell_check(
            sak=sak, belop=belop, dato=timezone.localdate(), kurs=eurokurs, lock=True
        )
    vedtak = Vedtak.objects.create(
        sak=sak,
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
        referanse=f"{sak.saksnummer}-V",
        bagatellregime=bagatell.regime if bagatell else None,
        eurokurs=bagatell.kurs if bagatell else None,
        bagatell_eur=bagatell.denne_eur if bagatell else None,
        rapporteres=bool(bagatell and bagatell.rapporteres),
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
        sak_move(sak, "innvilg")
    else:
        sak_move(sak, "avsla")
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
    hendelse_record(sak, H.VEDTAK, by, detalj)
    if innvilget and soknad.kontakt_epost:
        deadline_open(
            kind=K.AKSEPT,
            title=_("Aksept av tilsagn: %(nr)s") % {"nr": sak.saksnummer},
            due_at=vedtak.tilsagn.akseptfrist,
            email=soknad.kontakt_epost,
            language=soknad.sprak,
            case=sak,
            link=minside_url(sak),
            key=f"sak:{sak.pk}:aksept",
        )
    if not innvilget:
        sak_ended_announce(sak)
    vedtak_id, by_id = vedtak.pk, getattr(by, "pk", None)
    etter_commit(lambda: brev_enqueue(vedtak_id, by_id))
    return vedtak
