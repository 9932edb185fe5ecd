"""Demo payouts for `make run`: on the running demo phases, one payout paid, one approved
and waiting for the accounting, one waiting for the programleder."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from plp.models import Fase, Utbetaling
from plp.services.utbetaling import utbetaling_decide, utbetaling_ramme, utbetaling_submit
from plp.services.utbetaling_betaling import utbetaling_mark_paid

KONTO = "86011117947"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _request(fase: Fase) -> Utbetaling | None:
    kostnader = {b.kategori: b.belop * 2 // 5 for b in fase.budsjett.all()}
    maks = utbetaling_ramme(fase=fase, kostnader=sum(kostnader.values())).maks
    if not kostnader or maks <= 0:
        return None
    return utbetaling_submit(
        fase=fase,
        by=None,
        type=Utbetaling.Type.DELUTBETALING,
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
    faser = (
        Fase.objects.filter(status=Fase.Status.LOPENDE)
        .select_related("prosjekt__program", "prosjekt__programleder", "forpliktelse", "sak")
        .order_by("pk")[:3]
    )
    made = []
    for i, fase in enumerate(faser):
        u = _request(fase)
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
