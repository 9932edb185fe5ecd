"""The action plans' financing: by source, and each year's financing against its budget (the
strategies' budgets, the programleder's planned hours at the plan's hourly cost, and the
administration budget). One query; the planned hours come from the caller."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from handlingsplan.models import Finansiering
from rapportering.selectors import timer
from rapportering.tabell import KR, PROSENT, Kolonne, Tabell


def prosent(del_: int, av: int) -> Decimal | None:
    if not av:
        return None
    return (Decimal(del_) * 100 / Decimal(av)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def tabeller(planer: list[dict], strategibudsjett: dict[int, int], planlagt) -> list[Tabell]:
    """Financing by source, and each year's financing against its budget. Two queries."""
    plan_ids = [p["pk"] for p in planer]
    kilder = (
        Finansiering.objects.filter(handlingsplan_id__in=plan_ids)
        .values("kilde__navn", "handlingsplan__ar")
        .annotate(belop=Sum("belop"))
        .order_by("kilde__navn")
    )
    per_kilde: dict[str, int] = defaultdict(int)
    per_plan: dict[int, int] = defaultdict(int)
    for k in kilder:
        per_kilde[k["kilde__navn"]] += k["belop"]
        per_plan[k["handlingsplan__ar"]] += k["belop"]
    i_alt = sum(per_kilde.values())
    kilde_tabell = Tabell(
        slug="penger-kilder",
        tittel=_("Finansiering etter kilde"),
        kolonner=[
            Kolonne(_("Kilde")),
            Kolonne(_("Beløp"), KR, summer=True),
            Kolonne(_("Andel av finansieringen"), PROSENT),
        ],
    )
    for navn, belop in per_kilde.items():
        kilde_tabell.rader.append([navn, belop, prosent(belop, i_alt)])

    timekost = timer.planlagt_kostnad(planer, planlagt)
    budsjett_tabell = Tabell(
        slug="penger-budsjett",
        tittel=_("Finansiering mot budsjett"),
        kolonner=[
            Kolonne(_("År")),
            Kolonne(_("Finansiering"), KR, summer=True),
            Kolonne(_("Strategienes budsjett"), KR, summer=True),
            Kolonne(_("Programledertimer (kr)"), KR, summer=True),
            Kolonne(_("Administrasjon"), KR, summer=True),
            Kolonne(_("Totalbudsjett"), KR, summer=True),
            Kolonne(_("Finansiering minus budsjett"), KR, summer=True),
        ],
        beskrivelse=_(
            "Totalbudsjettet er strategienes budsjett, programledertimene og administrasjonen."
        ),
    )
    for p in planer:
        a = p["ar"]
        total = strategibudsjett[a] + timekost.get(a, 0) + p["administrasjonsbudsjett"]
        budsjett_tabell.rader.append(
            [
                str(a),
                per_plan[a],
                strategibudsjett[a],
                timekost.get(a, 0),
                p["administrasjonsbudsjett"],
                total,
                per_plan[a] - total,
            ]
        )
    return [kilde_tabell, budsjett_tabell]
