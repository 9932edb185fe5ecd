"""Decision letters as PDF: the tilsagnsbrev or avslagsbrev, rendered by a worker once the
decision's transaction has committed (never under a row lock), kept in the case file exactly
as sent, and e-mailed to the applicant with the letter attached. A sweep makes the letters
whose task was never run."""

import logging
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from felles.formatting import kr
from felles.pdf import render_pdf
from felles.transaksjon import tjeneste
from notifications.services import OutgoingAttachment
from workflow.models import Brev, Hendelse, Sak, Vedtak

from .brevinnhold import grunnlag_for
from .grunnlag import hendelse_record, send_to_applicants

TEMPLATES = "workflow/pdf"
logger = logging.getLogger(__name__)


def _eur(belop: int, program) -> int:
    return int((Decimal(belop) / program.nok_per_eur).quantize(Decimal(1), ROUND_HALF_UP))


BREVTYPE = {
    Vedtak.Utfall.INNVILGET: Brev.Type.TILSAGNSBREV,
    Vedtak.Utfall.AVSLATT: Brev.Type.AVSLAGSBREV,
    Vedtak.Utfall.AVVIST: Brev.Type.AVVISNINGSBREV,
}


def brev_context(vedtak: Vedtak) -> dict:
    sak = vedtak.sak
    soknad = sak.soknad
    program = soknad.program
    innstilling = getattr(sak, "innstilling", None)
    tilsagn = getattr(vedtak, "tilsagn", None)
    # The pot the money was committed from: the chair may have chosen another.
    pot = tilsagn.forpliktelse.pot if tilsagn else (innstilling.pot if innstilling else None)
    return {
        "vedtak": vedtak,
        "sak": sak,
        "soknad": soknad,
        "program": program,
        "innstilling": innstilling,
        "tilsagn": tilsagn,
        "pot": pot,
        "grunnlag": grunnlag_for(sak, belop=vedtak.belop, pot=pot),
        "delegert": vedtak.organ == Sak.Organ.PROGRAMLEDER,
        "bagatell_eur": vedtak.bagatell_eur
        if vedtak.bagatell_eur is not None
        else (_eur(vedtak.belop, program) if vedtak.belop else 0),
        "dato": timezone.localdate(vedtak.vedtatt),
    }


def vedtak_brev_send(*, vedtak_id: int, by_id: int | None = None) -> Brev:
    """Render the decision letter in the applicant's language, keep it in the case file and
    send it with the decision e-mail. Made once: a second call returns the letter kept."""
    vedtak = Vedtak.objects.select_related(
        "bagatellregime",
        "sak__soknad__program",
        "sak__innstilling__pot__strategi__innsatsomrade",
        "sak__innstilling__pot__strategi__handlingsplan",
        "tilsagn__forpliktelse__pot__strategi__innsatsomrade",
        "tilsagn__forpliktelse__pot__strategi__handlingsplan",
    ).get(pk=vedtak_id)
    sak, soknad = vedtak.sak, vedtak.sak.soknad
    kind = BREVTYPE[vedtak.utfall]
    kept = Brev.objects.filter(sak=sak, type=kind).first()
    if kept is not None:
        return kept
    language = soknad.sprak or "nb"
    pdf = render_pdf(f"{TEMPLATES}/{kind}.html", brev_context(vedtak), language=language)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    with tjeneste():
        brev = Brev.objects.create(
            sak=sak,
            type=kind,
            sprak=language,
            filnavn=f"{kind}-{sak.saksnummer}.pdf",
            pdf=pdf,
        )
        send_to_applicants(
            sak,
            template="decision_letter",
            key=f"vedtak:{vedtak.pk}",
            legal=True,
            attachments=[OutgoingAttachment(brev.filnavn, "application/pdf", pdf)],
            granted=vedtak.innvilget,
            outcome=vedtak.utfall,
            decided_by=vedtak.organ,
            amount=kr(vedtak.belop) if vedtak.innvilget else "",
            appeal_days=soknad.program.klagefrist_dager,
        )
        hendelse_record(sak, Hendelse.Type.BREV, by, brev.filnavn)
    return brev


def brev_enqueue(vedtak_id: int, by_id: int | None) -> None:
    from workflow.tasks import vedtak_brev_enqueue

    vedtak_brev_enqueue(vedtak_id, by_id)


def vedtak_brev_sweep(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Make the letter of every decision that has none after `older_than`."""
    waiting = Vedtak.objects.filter(
        vedtatt__lt=timezone.now() - older_than, sak__brev__isnull=True, sak__klage__isnull=True
    ).values_list("pk", "vedtatt_av_id")
    made = 0
    for vedtak_id, by_id in list(waiting):
        vedtak_brev_send(vedtak_id=vedtak_id, by_id=by_id)
        made += 1
    return made
