"""Other money the projects triggered per program krone, from approved final reports: the
project's own financing, other financing and other capital it released (plp Sluttrapport),
against what the program paid on the same phases (net of clawbacks). One query."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from plp.models import Sluttrapport
from rapportering.tabell import ANTALL, DESIMAL, KR, Kolonne, Tabell


def per_krone(andre: int, program_kr: int) -> Decimal | None:
    if not program_kr:
        return None
    return (Decimal(andre) / Decimal(program_kr)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def tabell(program, ar: int | None, omrader) -> Tabell:
    rapporter = Sluttrapport.objects.filter(
        status=Sluttrapport.Status.GODKJENT, fase__prosjekt__program=program
    )
    if ar is not None:
        rapporter = rapporter.filter(fase__forpliktelse__pot__strategi__handlingsplan__ar=ar)
    tall: dict[int, dict] = defaultdict(dict)
    for r in (
        rapporter.values(omrade=F("fase__forpliktelse__pot__strategi__innsatsomrade_id"))
        .annotate(
            antall=Count("pk"),
            egen=Sum("egenfinansiering"),
            annen=Sum("annen_finansiering"),
            utlost=Sum("utlost_kapital"),
            utbetalt=Sum(F("fase__forpliktelse__utbetalt") - F("fase__forpliktelse__tilbakefort")),
        )
        .order_by("omrade")
    ):
        tall[r["omrade"]] = r

    t = Tabell(
        slug="utlost",
        tittel=_("Andre midler utløst per programkrone"),
        kolonner=[
            Kolonne(_("Innsatsområde")),
            Kolonne(_("Godkjente sluttrapporter"), ANTALL, summer=True),
            Kolonne(_("Egenfinansiering"), KR, summer=True),
            Kolonne(_("Annen finansiering"), KR, summer=True),
            Kolonne(_("Annen kapital utløst"), KR, summer=True),
            Kolonne(_("Andre midler i alt"), KR, summer=True),
            Kolonne(_("Utbetalt fra programmet"), KR, summer=True),
            Kolonne(_("Andre kroner per programkrone"), DESIMAL),
        ],
        beskrivelse=_(
            "Fra godkjente sluttrapporter: egenfinansiering, annen finansiering og annen "
            "kapital prosjektene utløste, delt på det programmet betalte ut til de samme fasene."
        ),
    )
    for o in omrader:
        r = tall.get(o.pk, {})
        andre = (r.get("egen") or 0) + (r.get("annen") or 0) + (r.get("utlost") or 0)
        utbetalt = r.get("utbetalt") or 0
        t.rader.append(
            [
                f"{o.nummer}. {o.navn}",
                r.get("antall", 0),
                r.get("egen") or 0,
                r.get("annen") or 0,
                r.get("utlost") or 0,
                andre,
                utbetalt,
                per_krone(andre, utbetalt),
            ]
        )
    return t
