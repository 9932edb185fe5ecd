"""The appeal's letters as PDF, kept in the appeal case's file and e-mailed to the applicant:
the dismissal (avvisningsbrev), the deciding body's new decision (omgjøringsbrev), the copy
of the statement sent to the appeal body (oversendelse), and the appeal body's decision (its
own letter when staff upload it, otherwise a notice we write). Made after the step's
transaction has committed, never under a row lock."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from felles.formatting import dato, kr
from felles.pdf import render_pdf
from felles.transaksjon import tjeneste
from notifications.services import OutgoingAttachment
from workflow.models import Brev, Hendelse, Klage

from .grunnlag import hendelse_record, send_to_applicants

TEMPLATES = "workflow/pdf"


def klage_context(klage: Klage) -> dict:
    sak = klage.sak
    paklaget = klage.paklaget
    soknad = paklaget.soknad
    vedtak = getattr(sak, "vedtak", None)
    return {
        "klage": klage,
        "sak": sak,
        "paklaget": paklaget,
        "soknad": soknad,
        "program": soknad.program,
        "vedtak": vedtak,
        "tilsagn": getattr(vedtak, "tilsagn", None) if vedtak else None,
        "delegert": klage.vedtak.organ == "programleder",
        "dato": timezone.localdate(),
    }


def klage_kvittering(klage: Klage) -> None:
    """The applicant hears that the appeal was received, and whether it came in time."""
    send_to_applicants(
        klage.paklaget,
        template="appeal_received",
        key=f"klage:{klage.pk}:mottatt",
        appeal_reference=klage.sak.saksnummer,
        received=dato(klage.mottatt),
        late=klage.for_sent,
        deadline=dato(klage.frist),
    )


def klage_brev_send(*, klage_id: int, kind: str, by_id: int | None = None, upload=None) -> Brev:
    """Render (or keep the uploaded) letter of kind `kind`, file it in the appeal case and
    e-mail it. Made once: a second call returns the letter kept."""
    klage = Klage.objects.select_related(
        "sak__vedtak__tilsagn", "paklaget__soknad__program", "vedtak"
    ).get(pk=klage_id)
    sak = klage.sak
    kept = Brev.objects.filter(sak=sak, type=kind).first()
    if kept is not None:
        return kept
    soknad = klage.paklaget.soknad
    language = soknad.sprak or "nb"
    if upload is not None:
        pdf = bytes(upload)
    else:
        pdf = render_pdf(f"{TEMPLATES}/klage_{kind}.html", klage_context(klage), language=language)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    vedtak = getattr(sak, "vedtak", None)
    with tjeneste():
        brev = Brev.objects.create(
            sak=sak, type=kind, sprak=language, filnavn=f"{kind}-{sak.saksnummer}.pdf", pdf=pdf
        )
        send_to_applicants(
            sak,
            template="appeal_letter",
            key=f"klage:{klage.pk}:{kind}",
            legal=True,
            attachments=[OutgoingAttachment(brev.filnavn, "application/pdf", pdf)],
            kind=kind,
            appeal_reference=sak.saksnummer,
            appeal_body=klage.klageorgan or soknad.program.klageorgan,
            result=klage.get_resultat_display() if klage.resultat else "",
            amount=kr(vedtak.belop) if vedtak else "",
        )
        hendelse_record(sak, Hendelse.Type.BREV, by, brev.filnavn)
    return brev
