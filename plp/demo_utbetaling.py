"""Demo payouts for `make run`: on the running demo phases, one payout paid and one approved
and waiting for the accounting; on a phase whose final report is approved, the final payout
waiting for the programleder (a task in their inbox)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from plp.models import Fase, Utbetaling
from plp.services.utbetaling import utbetaling_decide, utbetaling_ramme, utbetaling_submit
from plp.services.utbetaling_betaling import utbetaling_mark_paid

KONTO = "86011117947"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _request(fase: Fase, type=Utbetaling.Type.DELUTBETALING) -> Utbetaling | None:  # noqa: A002
    kostnader = {b.kategori: b.belop * 2 // 5 for b in fase.budsjett.all()}
    maks = utbetaling_ramme(fase=fase, kostnader=sum(kostnader.values())).maks
    if not kostnader or maks <= 0:
        return None
    return utbetaling_submit(
        fase=fase,
        by=None,
        type=type,
        belop=maks,
        kontonummer=KONTO,
        kostnader=kostnader,
        fremdrift="Milepælene for første halvdel er nådd.",
        vedlegg=[("faktura", SimpleUploadedFile("fakturaer.pdf", PDF, "application/pdf"))],
    )


@transaction.atomic
def demo_utbetalinger_ensure() -> list[Utbetaling]:
    """Payouts on the running demo phases, unless there are payouts already."""
    if Utbetaling.objects.exists():
        return []
    related = ("prosjekt__program", "prosjekt__programleder", "forpliktelse", "sak")
    faser = list(
        Fase.objects.filter(status=Fase.Status.LOPENDE).select_related(*related).order_by("pk")[:2]
    )
    faser += Fase.objects.filter(
        status=Fase.Status.AVSLUTTET, prosjekt__status="aktiv"
    ).select_related(*related)[:1]
    made = []
    for i, fase in enumerate(faser):
        slutt = fase.status == Fase.Status.AVSLUTTET
        u = _request(
            fase, Utbetaling.Type.SLUTTUTBETALING if slutt else Utbetaling.Type.DELUTBETALING
        )
        if u is None:
            continue
        made.append(u)
        if i < 2:
            u = utbetaling_decide(utbetaling=u, by=fase.prosjekt.programleder, utfall="godkjenn")
        if i == 0:
            utbetaling_mark_paid(
                utbetaling=u, betalt_dato=timezone.localdate(), by=fase.prosjekt.programleder
            )
    return made
