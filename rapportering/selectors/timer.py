"""The programleder's hours: recorded per focus area (handlingsplan Timeregistrering, by
month) against the hours each year's plan set aside (ProgramlederTimer), and what they cost
at the plan's internal hourly cost. Two queries."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from handlingsplan.models import ProgramlederTimer, Timeregistrering
from rapportering.tabell import DESIMAL, KR, PROSENT, Kolonne, Tabell


def kostnad(timer: Decimal, timekostnad: int) -> int:
    return int((Decimal(timer) * timekostnad).to_integral_value(ROUND_HALF_UP))


def planlagte(planer: list[dict]) -> list[tuple[int, int, Decimal]]:
    """(year, focus area id, hours) for each plan's programleder hours. One query."""
    return list(
        ProgramlederTimer.objects.filter(handlingsplan_id__in=[p["pk"] for p in planer])
        .values_list("handlingsplan__ar", "innsatsomrade_id", "timer")
        .order_by("handlingsplan__ar", "innsatsomrade_id")
    )


def planlagt_kostnad(planer: list[dict], planlagt) -> dict[int, int]:
    """Each year's planned hours at its plan's hourly cost."""
    sats = {p["ar"]: p["timekostnad"] for p in planer}
    per_ar: dict[int, int] = defaultdict(int)
    for ar, _omrade, timer in planlagt:
        per_ar[ar] += kostnad(timer, sats.get(ar, 0))
    return per_ar


def tabell(program, ar: int | None, planer: list[dict], omrader, planlagt) -> Tabell:
    sats = {p["ar"]: p["timekostnad"] for p in planer}
    registrert = Timeregistrering.objects.filter(program=program)
    if ar is not None:
        registrert = registrert.filter(maned__year=ar)
    brukt_timer: dict[int, Decimal] = defaultdict(Decimal)
    brukt_kr: dict[int, int] = defaultdict(int)
    for r in (
        registrert.values("innsatsomrade_id", "maned__year")
        .annotate(timer=Sum("timer"))
        .order_by("innsatsomrade_id", "maned__year")
    ):
        brukt_timer[r["innsatsomrade_id"]] += r["timer"]
        brukt_kr[r["innsatsomrade_id"]] += kostnad(r["timer"], sats.get(r["maned__year"], 0))
    plan_timer: dict[int, Decimal] = defaultdict(Decimal)
    plan_kr: dict[int, int] = defaultdict(int)
    for a, omrade_id, timer in planlagt:
        plan_timer[omrade_id] += timer
        plan_kr[omrade_id] += kostnad(timer, sats.get(a, 0))

    t = Tabell(
        slug="timer",
        tittel=_("Timer brukt mot planlagt"),
        kolonner=[
            Kolonne(_("Innsatsområde")),
            Kolonne(_("Planlagte timer"), DESIMAL, summer=True),
            Kolonne(_("Registrerte timer"), DESIMAL, summer=True),
            Kolonne(_("Gjenstående timer"), DESIMAL, summer=True),
            Kolonne(_("Planlagt kostnad"), KR, summer=True),
            Kolonne(_("Kostnad brukt"), KR, summer=True),
            Kolonne(_("Andel brukt"), PROSENT),
        ],
        beskrivelse=_(
            "Programlederens timer per innsatsområde, ført per måned, mot timene i "
            "handlingsplanen; kostnaden er timene ganger planens timekostnad for året."
        ),
    )
    for o in omrader:
        planlagt_t, brukt_t = plan_timer[o.pk], brukt_timer[o.pk]
        andel = None
        if planlagt_t:
            andel = (brukt_t * 100 / planlagt_t).quantize(Decimal("0.1"), ROUND_HALF_UP)
        t.rader.append(
            [
                f"{o.nummer}. {o.navn}",
                planlagt_t,
                brukt_t,
                planlagt_t - brukt_t,
                plan_kr[o.pk],
                brukt_kr[o.pk],
                andel,
            ]
        )
    return t
