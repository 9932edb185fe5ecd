"""Recompute every total a plan states and list those that disagree.

The document's totals are claims. Everything here is computed from the base figures
(strategy budgets and result targets, hours, hourly cost, administration, financing, the
job targets per year); each stated figure is compared with its computed twin.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from felles.formatting import kr, timer
from handlingsplan.models import Delmal

from .data import OmradeData, PlanData


def jobs(n) -> str:
    return _("%(n)s arbeidsplasser") % {"n": n}


def percent(n) -> str:
    return f"{n} %"


def count(n) -> str:
    return str(n)


@dataclass(frozen=True)
class Avvik:
    """A stated figure that its own arithmetic contradicts."""

    hvor: str
    oppgitt: object
    beregnet: object
    vis: Callable[[object], str] = kr

    def line(self) -> str:
        return _("%(where)s: oppgitt %(stated)s, beregnet %(computed)s") % {
            "where": self.hvor,
            "stated": self.vis(self.oppgitt),
            "computed": self.vis(self.beregnet),
        }


def hours_cost(hours: Decimal, rate: int) -> int:
    return int((hours * rate).to_integral_value())


@dataclass(frozen=True)
class Totals:
    """The plan's figures as computed from its base data (what the database will hold)."""

    ramme_per_omrade: dict[int, int]
    timer: Decimal
    timekostnad_sum: int
    ramme_sum: int
    budsjett_sum: int
    finansiering_sum: int
    arbeidsplassmal_sum: int

    @classmethod
    def of(cls, plan: PlanData) -> "Totals":
        frames = {o.nummer: sum(s.budsjett for s in o.strategier) for o in plan.omrader}
        hours = sum((o.programleder_timer for o in plan.omrader), Decimal(0))
        hours_total = sum(hours_cost(o.programleder_timer, plan.timekostnad) for o in plan.omrader)
        return cls(
            ramme_per_omrade=frames,
            timer=hours,
            timekostnad_sum=hours_total,
            ramme_sum=sum(frames.values()),
            budsjett_sum=sum(frames.values()) + hours_total + plan.administrasjonsbudsjett,
            finansiering_sum=sum(f.belop for f in plan.finansiering),
            arbeidsplassmal_sum=sum(sum(o.arbeidsplassmal.values()) for o in plan.omrader),
        )


class _Checker:
    def __init__(self):
        self.found: list[Avvik] = []

    def compare(self, hvor: str, stated, computed, vis=kr) -> None:
        if stated is not None and stated != computed:
            self.found.append(Avvik(hvor, stated, computed, vis))


def _area_label(o: OmradeData) -> str:
    return _("Innsatsområde %(n)s %(name)s") % {"n": o.nummer, "name": o.navn}


def _check_job_targets(c: _Checker, plan: PlanData, totals: Totals) -> None:
    stated = plan.program_oppgitt
    goal = plan.program["mal_nye_arbeidsplasser"] + plan.program["mal_sikrede_arbeidsplasser"]
    c.compare(
        _("Hovedmål, arbeidsplasser (nye + sikrede)"), stated.get("mal_arbeidsplasser"), goal, jobs
    )
    table = _("Arbeidsplassmål 2021–2026")
    for o in plan.omrader:
        row = sum(o.arbeidsplassmal.values())
        label = _area_label(o)
        c.compare(f"{table}, {label}, sum", o.oppgitt.get("arbeidsplassmal_sum"), row, jobs)
        c.compare(
            _("%(area)s, målsetting %(year)s") % {"area": label, "year": plan.ar},
            o.oppgitt.get("malsetting_2021"),
            o.arbeidsplassmal.get(plan.ar, 0),
            jobs,
        )
        c.compare(
            _("%(area)s, målsetting for hele perioden") % {"area": label},
            o.oppgitt.get("malsetting_totalt"),
            row,
            jobs,
        )
    per_year = defaultdict(int)
    for o in plan.omrader:
        for year, n in o.arbeidsplassmal.items():
            per_year[year] += n
    for year, n in sorted(stated.get("arbeidsplassmal_per_ar", {}).items()):
        c.compare(
            _("%(table)s, sum %(year)s") % {"table": table, "year": year}, n, per_year[year], jobs
        )
    c.compare(
        _("%(table)s, sum i alt") % {"table": table},
        stated.get("arbeidsplassmal_totalt"),
        totals.arbeidsplassmal_sum,
        jobs,
    )
    c.compare(
        _("%(table)s, sum i alt mot hovedmålet") % {"table": table},
        goal,
        totals.arbeidsplassmal_sum,
        jobs,
    )
    c.compare(
        _("Mål for arbeidsplasser %(year)s i teksten") % {"year": plan.ar},
        stated.get("arbeidsplassmal_2021_tekst"),
        per_year[plan.ar],
        jobs,
    )


def _check_areas(c: _Checker, plan: PlanData, totals: Totals) -> None:
    for o in plan.omrader:
        label = _area_label(o)
        frame = totals.ramme_per_omrade[o.nummer]
        c.compare(
            _("%(area)s, sum budsjett for strategiene") % {"area": label},
            o.oppgitt.get("strategier_budsjett_sum"),
            frame,
        )
        if o.har_arbeidsplassmal:
            result = sum(s.resultatmal_arbeidsplasser or 0 for s in o.strategier)
            c.compare(
                _("%(area)s, sum resultatmål for strategiene") % {"area": label},
                o.oppgitt.get("strategier_resultatmal_sum"),
                result,
                jobs,
            )
            c.compare(
                _("%(area)s, resultatmål for strategiene mot arbeidsplassmålet %(year)s")
                % {"area": label, "year": plan.ar},
                o.arbeidsplassmal.get(plan.ar, 0),
                result,
                jobs,
            )


def _check_budget_table(c: _Checker, plan: PlanData, totals: Totals) -> None:
    table = _("Budsjett %(year)s") % {"year": plan.ar}
    for o in plan.omrader:
        row = o.oppgitt.get("budsjett_tabell", {})
        where = f"{table}, {o.nummer}. {o.navn}"
        frame = totals.ramme_per_omrade[o.nummer]
        cost = hours_cost(o.programleder_timer, plan.timekostnad)
        c.compare(_("%(w)s, avsatt ramme til prosjekter") % {"w": where}, row.get("ramme"), frame)
        c.compare(
            _("%(w)s, timer avsatt") % {"w": where}, row.get("timer"), o.programleder_timer, timer
        )
        c.compare(_("%(w)s, kostnad for timene") % {"w": where}, row.get("kostnad"), cost)
        c.compare(
            _("%(w)s, sum inkl. prosjektarbeid") % {"w": where},
            row.get("sum_inkl_prosjektarbeid"),
            frame + cost,
        )
    stated = plan.plan_oppgitt.get("budsjett_tabell", {})
    areas = stated.get("sum_innsatsomrader", {})
    work = stated.get("prosjektarbeid", {})
    admin = stated.get("administrasjon", {})
    c.compare(
        _("%(t)s, sum innsatsområder, avsatt ramme") % {"t": table},
        areas.get("ramme"),
        totals.ramme_sum,
    )
    c.compare(
        _("%(t)s, sum innsatsområder inkl. prosjektarbeid") % {"t": table},
        areas.get("sum_inkl_prosjektarbeid"),
        totals.ramme_sum + totals.timekostnad_sum,
    )
    c.compare(
        _("%(t)s, prosjektarbeid, timer") % {"t": table}, work.get("timer"), totals.timer, timer
    )
    c.compare(
        _("%(t)s, prosjektarbeid, kostnad (timer × timekostnad)") % {"t": table},
        work.get("kostnad"),
        hours_cost(totals.timer, plan.timekostnad),
    )
    c.compare(
        _("%(t)s, administrasjon, kostnad") % {"t": table},
        admin.get("kostnad"),
        plan.administrasjonsbudsjett,
    )
    c.compare(
        _("%(t)s, administrasjon, sum") % {"t": table},
        admin.get("sum"),
        plan.administrasjonsbudsjett,
    )
    c.compare(
        _("%(t)s, sum prosjektarbeid og administrasjon") % {"t": table},
        stated.get("sum_prosjektarbeid_og_administrasjon"),
        totals.timekostnad_sum + plan.administrasjonsbudsjett,
    )
    c.compare(
        _("%(t)s, sum innsatsområder, prosjektarbeid og administrasjon") % {"t": table},
        stated.get("sum_totalt"),
        totals.budsjett_sum,
    )


def _check_financing(c: _Checker, plan: PlanData, totals: Totals) -> None:
    where = _("Finansiering %(year)s") % {"year": plan.ar}
    stated = plan.plan_oppgitt
    c.compare(
        _("%(w)s, sum") % {"w": where}, stated.get("finansiering_sum"), totals.finansiering_sum
    )
    shares = []
    for f in plan.finansiering:
        share = f.oppgitt.get("andel_prosent")
        if share is None:
            continue
        shares.append(share)
        computed = (
            int((Decimal(f.belop * 100) / totals.finansiering_sum).to_integral_value(ROUND_HALF_UP))
            if totals.finansiering_sum
            else 0
        )
        c.compare(
            _("%(w)s, andel %(source)s") % {"w": where, "source": f.kilde}, share, computed, percent
        )
    if shares:
        c.compare(
            _("%(w)s, sum andeler") % {"w": where},
            stated.get("finansiering_andel_sum_prosent"),
            sum(shares),
            percent,
        )
    c.compare(
        _("Finansiering %(year)s i alt mot budsjett %(year)s i alt") % {"year": plan.ar},
        totals.finansiering_sum,
        totals.budsjett_sum,
    )
    stated_admin_share = stated.get("administrasjon_andel_av_ramme_prosent")
    frame = plan.program["arlig_ramme"]
    if stated_admin_share is not None and frame:
        share = int(
            (Decimal(plan.administrasjonsbudsjett * 100) / frame).to_integral_value(ROUND_HALF_UP)
        )
        c.compare(
            _("Administrasjon, andel av årlig ramme (%(frame)s)") % {"frame": kr(frame)},
            stated_admin_share,
            share,
            percent,
        )


def _goal_counts(goals) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for g in goals:
        counts[(g.type, g.milepael)] += g.antall
    return counts


def _goal_text(counts: dict[tuple[str, str], int], kind: str) -> str:
    parts = [
        f"{n} {Delmal.Milepael(milestone).label}"
        for (t, milestone), n in sorted(counts.items())
        if t == kind and n
    ]
    return ", ".join(parts) or "0"


def _check_sub_goals(c: _Checker, plan: PlanData) -> None:
    """Chapter 2.2 lists each area's sub-goals again; they must match the strategy tables."""
    for o in plan.omrader:
        listed = o.oppgitt.get("delmal_kapittel_2_2")
        if listed is None:
            continue
        stated = _goal_counts(listed)
        computed = _goal_counts(g for s in o.strategier for g in s.delmal)
        for kind in sorted({t for t, _m in stated} | {t for t, _m in computed}):
            a, b = _goal_text(stated, kind), _goal_text(computed, kind)
            if a != b:
                c.found.append(
                    Avvik(
                        _("%(area)s, delmål «%(kind)s» i kap. 2.2 mot strategiene")
                        % {"area": _area_label(o), "kind": Delmal.Type(kind).label},
                        a,
                        b,
                        str,
                    )
                )


def plan_sums_check(plan: PlanData) -> tuple[Totals, list[Avvik]]:
    """Every stated total of the plan that disagrees with the figure computed from its parts."""
    totals = Totals.of(plan)
    c = _Checker()
    _check_job_targets(c, plan, totals)
    _check_areas(c, plan, totals)
    _check_budget_table(c, plan, totals)
    _check_financing(c, plan, totals)
    _check_sub_goals(c, plan)
    return totals, c.found
