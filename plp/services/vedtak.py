"""Decisions on a running phase, each with a letter: change requests (scope, time, budget,
prosjektleder; a deadline extension is one) decided by the programleder, or the board above
the delegated limit; and repayment claims, with the clawback in the ledger."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import kr
from felles.pdf import render_pdf
from felles.roles import Rolle, has_role
from felles.transaksjon import tjeneste
from handlingsplan.services import forpliktelse_clawback
from notifications.services import OutgoingAttachment
from plp import frister
from plp.models import Endringssoknad, Fase, Tilbakebetaling
from workflow.models import Hendelse, Sak
from workflow.services.grunnlag import hendelse_record
from workflow.services.tilstand import sak_move

from .felles import not_closed, required_text, send_to_project
from .saksflyt import prosjektsak_start, prosjektsak_videre
from .tilstand import fase_lock, fase_move, prosjekt_lock

T = Endringssoknad.Type
ES = Endringssoknad.Status


def endring_submit(
    *,
    fase: Fase,
    type: str,  # noqa: A002
    beskrivelse: str,
    ny_sluttdato: datetime.date | None = None,
    nytt_kostnadsgrunnlag: int | None = None,
    ny_prosjektleder_navn: str = "",
    ny_prosjektleder_epost: str = "",
) -> Endringssoknad:
    """The project asks for a change. Above the programleder's delegated limit (the phase's
    grant), the board decides."""
    beskrivelse = required_text(
        beskrivelse, "beskrivelse", _("Beskriv endringen og hvorfor den trengs.")
    )
    if type not in T.values:
        raise DomainError(_("Velg hva som skal endres."), field="type")
    if type == T.TID and ny_sluttdato is None:
        raise DomainError(_("Oppgi ny sluttdato."), field="ny_sluttdato")
    if type == T.BUDSJETT and not nytt_kostnadsgrunnlag:
        raise DomainError(_("Oppgi nytt kostnadsgrunnlag."), field="nytt_kostnadsgrunnlag")
    if type == T.PROSJEKTLEDER and not (ny_prosjektleder_navn and ny_prosjektleder_epost):
        raise DomainError(
            _("Oppgi navn og e-post til ny prosjektleder."), field="ny_prosjektleder_navn"
        )
    with tjeneste():
        fase = fase_lock(fase)
        not_closed(fase.prosjekt)
        if fase.status not in (Fase.Status.IKKE_STARTET, Fase.Status.LOPENDE):
            raise DomainError(_("Endringer kan bare søkes mens fasen pågår."), code="wrong_state")
        if type == T.TID and fase.sluttdato and ny_sluttdato <= fase.sluttdato:
            raise DomainError(
                _("Ny sluttdato må være etter dagens sluttdato."), field="ny_sluttdato"
            )
        if type == T.BUDSJETT and nytt_kostnadsgrunnlag < fase.tilskudd:
            raise DomainError(
                _("Kostnadsgrunnlaget kan ikke bli lavere enn tilskuddet (%(t)s).")
                % {"t": kr(fase.tilskudd)},
                field="nytt_kostnadsgrunnlag",
            )
        styret = fase.tilskudd > fase.prosjekt.program.delegert_grense
        endring = Endringssoknad.objects.create(
            fase=fase,
            type=type,
            beskrivelse=beskrivelse,
            ny_sluttdato=ny_sluttdato,
            nytt_kostnadsgrunnlag=nytt_kostnadsgrunnlag,
            ny_prosjektleder_navn=ny_prosjektleder_navn.strip(),
            ny_prosjektleder_epost=ny_prosjektleder_epost.strip().lower(),
            status=ES.STYRET if styret else ES.INNSENDT,
            organ="styret" if styret else "programleder",
        )
        n = Endringssoknad.objects.filter(fase=fase).count()
        sak = Sak.objects.create(
            endringssoknad=endring,
            saksnummer=f"{fase.sak.saksnummer}-E{n}",
            status=Sak.Status.STYRET if styret else Sak.Status.TIL_VEDTAK,
            organ=Sak.Organ.STYRET if styret else Sak.Organ.PROGRAMLEDER,
            programleder=fase.prosjekt.programleder,
        )
        hendelse_record(sak, Hendelse.Type.STARTET)
        prosjektsak_start(sak)
    return endring


def endring_decide(
    *, endring: Endringssoknad, by, innvilget: bool, begrunnelse: str
) -> Endringssoknad:
    """The decision on a change request, with a letter. A request for the board is decided
    by the chair on the board's behalf."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Begrunn vedtaket."))
    with tjeneste():
        endring = Endringssoknad.objects.select_for_update().get(pk=endring.pk)
        if endring.status not in (ES.INNSENDT, ES.STYRET):
            raise DomainError(_("Endringssøknaden er allerede avgjort."), code="done")
        if endring.status == ES.STYRET and not (by.is_superuser or has_role(by, Rolle.STYRELEDER)):
            raise DomainError(
                _("Endringen er over programleders delegerte grense; styret avgjør den."),
                code="board",
            )
        fase = fase_lock(endring.fase)
        if innvilget:
            _apply(fase, endring)
        endring.status = ES.INNVILGET if innvilget else ES.AVSLATT
        endring.vedtatt_av, endring.vedtatt = by, timezone.now()
        endring.vedtaksbegrunnelse = begrunnelse
        endring.brev = render_pdf(
            "plp/pdf/endringsbrev.html",
            {
                "endring": endring,
                "fase": fase,
                "prosjekt": fase.prosjekt,
                "program": fase.prosjekt.program,
                "dato": timezone.localdate(),
            },
            language=fase.sak.soknad.sprak,
        )
        endring.save()
        sak = Sak.objects.select_for_update().get(endringssoknad=endring)
        sak_move(sak, "innvilg_endring" if innvilget else "avsla")
        sak.avsluttet = endring.vedtatt
        sak.save(update_fields=["status", "avsluttet"])
        hendelse_record(sak, Hendelse.Type.VEDTAK, by, begrunnelse)
        prosjektsak_videre(sak, by)
        send_to_project(
            fase,
            template="plp_endring_vedtak",
            key=f"plp:endring:{endring.pk}",
            legal=True,
            granted=innvilget,
            change=endring.get_type_display(),
            attachments=[
                OutgoingAttachment(
                    filename=f"endring-{endring.pk}.pdf",
                    content=bytes(endring.brev),
                    mimetype="application/pdf",
                )
            ],
        )
    return endring


def _apply(fase: Fase, endring: Endringssoknad) -> None:
    fase_move(fase, "endre")
    if endring.type == T.TID:
        fase.sluttdato = endring.ny_sluttdato
        program = fase.prosjekt.program
        fase.utbetalingsfrist = endring.ny_sluttdato + datetime.timedelta(
            days=program.sluttfrist_grace_dager
        )
        fase.rest_varslet = None  # a new payout deadline, and a new notice when it passes
        fase.save(update_fields=["sluttdato", "utbetalingsfrist", "rest_varslet"])
        frister.close(fase, frister.SLUTTRAPPORT)
        frister.close(fase, frister.PlpFrist.UTBETALINGSFRIST)
        frister.open_for(
            fase,
            (
                frister.SLUTTRAPPORT,
                f"sluttrapport:{endring.ny_sluttdato.isoformat()}",
                endring.ny_sluttdato,
                _("Sluttrapport"),
            ),
            *frister.utbetalingsfrist_item(fase),
        )
    elif endring.type == T.BUDSJETT:
        fase.kostnadsgrunnlag = endring.nytt_kostnadsgrunnlag
        fase.save(update_fields=["kostnadsgrunnlag"])
    elif endring.type == T.PROSJEKTLEDER:
        prosjekt = prosjekt_lock(fase.prosjekt)
        prosjekt.prosjektleder_navn = endring.ny_prosjektleder_navn
        prosjekt.prosjektleder_epost = endring.ny_prosjektleder_epost
        prosjekt.save(update_fields=["prosjektleder_navn", "prosjektleder_epost"])
        fase.prosjekt = prosjekt


def tilbakebetaling_decide(*, fase: Fase, belop, begrunnelse: str, by) -> Tilbakebetaling:
    """Claim back money paid against conditions not met: the ledger records the clawback and
    the project gets a letter with its right to appeal."""
    begrunnelse = required_text(
        begrunnelse, "begrunnelse", _("Begrunn kravet: hvilke vilkår er ikke oppfylt?")
    )
    with tjeneste():
        fase = fase_lock(fase)
        n = Tilbakebetaling.objects.filter(fase=fase).count() + 1
        referanse = f"{fase.sak.saksnummer}-T{n}"
        postering = forpliktelse_clawback(
            forpliktelse=fase.forpliktelse,
            amount=belop,
            reason=begrunnelse,
            reference=referanse,
            by=by,
        )
        krav = Tilbakebetaling.objects.create(
            fase=fase,
            belop=postering.belop,
            begrunnelse=begrunnelse,
            vedtatt_av=by,
            referanse=referanse,
        )
        krav.brev = render_pdf(
            "plp/pdf/tilbakebetalingsbrev.html",
            {
                "krav": krav,
                "fase": fase,
                "prosjekt": fase.prosjekt,
                "program": fase.prosjekt.program,
                "dato": timezone.localdate(),
            },
            language=fase.sak.soknad.sprak,
        )
        krav.save(update_fields=["brev"])
        send_to_project(
            fase,
            template="plp_tilbakebetaling",
            key=f"plp:tilbakebetaling:{krav.pk}",
            legal=True,
            amount=kr(krav.belop),
            attachments=[
                OutgoingAttachment(
                    filename=f"tilbakebetaling-{krav.referanse}.pdf",
                    content=bytes(krav.brev),
                    mimetype="application/pdf",
                )
            ],
        )
    return krav
