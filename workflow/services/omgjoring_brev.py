"""The letter cancelling a grant: rendered by a worker once the decision has committed, kept
in the case file and e-mailed to the applicant with the letter attached."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from felles.pdf import render_pdf
from felles.transaksjon import tjeneste
from notifications.services import OutgoingAttachment
from workflow.models import Brev, Hendelse, Omgjoring, Sak

from .brevinnhold import grunnlag_for
from .grunnlag import hendelse_record, send_to_applicants

TEMPLATE = "workflow/pdf/opphevelsesbrev.html"


def omgjoring_brev_context(omgjoring: Omgjoring) -> dict:
    sak, vedtak = omgjoring.sak, omgjoring.vedtak
    tilsagn = vedtak.tilsagn
    pot = tilsagn.forpliktelse.pot
    return {
        "omgjoring": omgjoring,
        "vedtak": vedtak,
        "vedtak_dato": timezone.localdate(vedtak.vedtatt),
        "sak": sak,
        "soknad": sak.soknad,
        "program": sak.soknad.program,
        "tilsagn": tilsagn,
        "pot": pot,
        "frigjort": tilsagn.forpliktelse.frigjort,
        "grunnlag": grunnlag_for(sak, belop=vedtak.belop, pot=pot),
        "delegert": omgjoring.organ == Sak.Organ.PROGRAMLEDER,
        "dato": timezone.localdate(omgjoring.vedtatt),
    }


def omgjoring_brev_send(*, omgjoring_id: int, by_id: int | None = None) -> Brev:
    """Made once: a second call returns the letter kept."""
    omgjoring = Omgjoring.objects.select_related(
        "sak__soknad__program",
        "sak__innstilling",
        "vedtak__tilsagn__forpliktelse__pot__strategi__handlingsplan",
        "vedtak__tilsagn__forpliktelse__pot__strategi__innsatsomrade",
    ).get(pk=omgjoring_id, status=Omgjoring.Status.OPPHEVET)
    sak, soknad = omgjoring.sak, omgjoring.sak.soknad
    kind = Brev.Type.OPPHEVELSESBREV
    kept = Brev.objects.filter(sak=sak, type=kind).first()
    if kept is not None:
        return kept
    language = soknad.sprak or "nb"
    pdf = render_pdf(TEMPLATE, omgjoring_brev_context(omgjoring), language=language)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    with tjeneste():
        brev = Brev.objects.create(
            sak=sak, type=kind, sprak=language, filnavn=f"{kind}-{sak.saksnummer}.pdf", pdf=pdf
        )
        send_to_applicants(
            sak,
            template="decision_letter",
            key=f"omgjoring:{omgjoring.pk}",
            legal=True,
            attachments=[OutgoingAttachment(brev.filnavn, "application/pdf", pdf)],
            granted=False,
            outcome="opphevet",
            decided_by=omgjoring.organ,
            amount="",
            appeal_days=soknad.program.klagefrist_dager,
        )
        hendelse_record(sak, Hendelse.Type.BREV, by, brev.filnavn)
    return brev


def omgjoring_brev_sweep(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Letters of cancellations whose task never ran."""
    waiting = (
        Omgjoring.objects.filter(
            status=Omgjoring.Status.OPPHEVET, vedtatt__lt=timezone.now() - older_than
        )
        .exclude(sak__brev__type=Brev.Type.OPPHEVELSESBREV)
        .values_list("pk", "vedtatt_av_id")
    )
    made = 0
    for omgjoring_id, by_id in list(waiting):
        omgjoring_brev_send(omgjoring_id=omgjoring_id, by_id=by_id)
        made += 1
    return made
