"""The payout notice: an e-mail to the project's people in the application's language, and,
when the amount was reduced, the decision letter (an individual decision, with the rights
to appeal) kept in the case file and attached."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from felles.formatting import kr
from felles.pdf import render_pdf
from felles.transaksjon import tjeneste
from notifications.services import OutgoingAttachment, message_send
from plp.models import Utbetaling
from workflow.models import Brev, Hendelse, Sak
from workflow.services.grunnlag import hendelse_record

BREV = Brev.Type.UTBETALINGSBREV


def adresser(utbetaling: Utbetaling) -> list[str]:
    prosjekt = utbetaling.fase.prosjekt
    return sorted(
        {a for a in (prosjekt.prosjektleder_epost, prosjekt.prosjektansvarlig_epost) if a}
    )


def sprak(utbetaling: Utbetaling) -> str:
    return utbetaling.fase.sak.soknad.sprak or "nb" if utbetaling.fase.sak.soknad_id else "nb"


def brev_context(utbetaling: Utbetaling, sak: Sak) -> dict:
    fase = utbetaling.fase
    return {
        "utbetaling": utbetaling,
        "sak": sak,
        "fase": fase,
        "prosjekt": fase.prosjekt,
        "program": fase.prosjekt.program,
        "kostnader": list(utbetaling.kostnader.all()),
        "delegert": True,
        "dato": timezone.localdate(utbetaling.behandlet),
    }


def _letter(utbetaling: Utbetaling, sak: Sak, language: str, by) -> Brev:
    kept = Brev.objects.filter(sak=sak, type=BREV).first()
    if kept is not None:
        return kept
    pdf = render_pdf(
        "plp/pdf/utbetalingsbrev.html", brev_context(utbetaling, sak), language=language
    )
    brev = Brev.objects.create(
        sak=sak, type=BREV, sprak=language, filnavn=f"{BREV}-{sak.saksnummer}.pdf", pdf=pdf
    )
    hendelse_record(sak, Hendelse.Type.BREV, by, brev.filnavn)
    return brev


def utbetaling_varsel_send(*, utbetaling: Utbetaling, by=None) -> Brev | None:
    """Tell the project what was decided (made once per decision)."""
    utbetaling = Utbetaling.objects.select_related(
        "fase__prosjekt__program", "fase__sak__soknad"
    ).get(pk=utbetaling.pk)
    sak = Sak.objects.get(plp_utbetaling=utbetaling)
    language = sprak(utbetaling)
    returnert = utbetaling.status == Utbetaling.Status.RETURNERT
    with tjeneste():
        brev = _letter(utbetaling, sak, language, by) if utbetaling.redusert else None
        attachments = (
            [OutgoingAttachment(brev.filnavn, "application/pdf", bytes(brev.pdf))] if brev else []
        )
        url = settings.SITE_URL + reverse("plp_utbetaling:vis", args=[utbetaling.pk])
        for address in adresser(utbetaling):
            message_send(
                to=address,
                template="plp_utbetaling",
                key=f"plp-utbetaling-varsel:{utbetaling.pk}:{utbetaling.behandlet.isoformat()}:{address}",
                language=language,
                case=utbetaling,
                legal=brev is not None,
                attachments=attachments,
                context={
                    "title": utbetaling.fase.prosjekt.navn,
                    "reference": sak.saksnummer,
                    "url": url,
                    "returned": returnert,
                    "reduced": utbetaling.redusert,
                    "requested": kr(utbetaling.belop_sokt),
                    "approved": kr(utbetaling.belop_godkjent) if not returnert else "",
                    "reason": utbetaling.begrunnelse,
                },
            )
    return brev
