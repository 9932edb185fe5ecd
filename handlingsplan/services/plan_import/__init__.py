"""Import of a yearly action plan from its data file: `handlingsplan_import(path=...)`.

reader.py reads YAML with positions; file.py and areas.py check the plan's structure into
the dataclasses of data.py (every error names its position); sums.py recomputes the totals
the document states; apply.py writes the plan in the caller's transaction.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from handlingsplan.models import Arbeidsplassmal, Handlingsplan, Pot, ProgramlederTimer

from .apply import Endringer, plan_apply
from .data import PlanData
from .file import plan_file_read
from .reader import PlanfilFeil
from .sums import Avvik, Totals, hours_cost, plan_sums_check

DEFAULT_PLAN_FILE = Path(__file__).resolve().parents[2] / "data" / "handlingsplan_2021.yaml"


@dataclass(frozen=True)
class ImportResultat:
    plan: Handlingsplan
    data: PlanData
    totals: Totals
    avvik: list[Avvik]
    endringer: Endringer


def handlingsplan_import(*, path: str | Path, by=None) -> ImportResultat:
    """Load a plan file all or nothing; a second run with the same file writes nothing."""
    data = plan_file_read(path)
    totals, avvik = plan_sums_check(data)
    try:
        with transaction.atomic():
            report = [
                {
                    "hvor": a.hvor,
                    "oppgitt": str(a.oppgitt),
                    "beregnet": str(a.beregnet),
                    "tekst": a.line(),
                }
                for a in avvik
            ]
            plan, endringer = plan_apply(data, by=by, avvik=report)
    except IntegrityError as exc:
        # E.g. an area renamed to the name another area already has in the database.
        raise PlanfilFeil(
            _("Fila strider mot data som allerede er lagret: %(error)s") % {"error": exc}
        ) from exc
    return ImportResultat(plan=plan, data=data, totals=totals, avvik=avvik, endringer=endringer)


__all__ = [
    "DEFAULT_PLAN_FILE",
    "Avvik",
    "Endringer",
    "ImportResultat",
    "PlanfilFeil",
    "handlingsplan_import",
    "plan_file_read",
    "plan_sums_check",
    "plan_summary",
]


def plan_summary(plan: Handlingsplan) -> dict:
    """The stored plan's key figures, read back from the database (all computed, none stated)."""
    program = plan.program
    areas = program.innsatsomrader.aggregate(
        n=Count("pk"), with_targets=Count("pk", filter=Q(har_arbeidsplassmal=True))
    )
    letters = list(plan.strategier.order_by("bokstav").values_list("bokstav", flat=True))
    pots = Pot.objects.filter(strategi__handlingsplan=plan).aggregate(
        n=Count("pk"), tildelt=Sum("tildelt", default=0)
    )
    hours = ProgramlederTimer.objects.filter(handlingsplan=plan).aggregate(
        t=Sum("timer", default=0)
    )["t"]
    jobs = Arbeidsplassmal.objects.filter(innsatsomrade__program=program).aggregate(
        n=Sum("antall", default=0)
    )["n"]
    costs = sum(t.kostnad for t in plan.programleder_timer.select_related("handlingsplan"))
    frames = plan.strategier.aggregate(s=Sum("budsjett", default=0))["s"]
    return {
        "omrader": areas["n"],
        "omrader_med_mal": areas["with_targets"],
        "strategier": len(letters),
        "bokstaver": f"{letters[0]}–{letters[-1]}" if letters else "",
        "potter": pots["n"],
        "tildelt": pots["tildelt"],
        "arbeidsplassmal": jobs,
        "nye": program.mal_nye_arbeidsplasser,
        "sikrede": program.mal_sikrede_arbeidsplasser,
        "timer": hours,
        "timekostnad": plan.timekostnad,
        "timer_kostnad": costs,
        "timer_kostnad_totalt": hours_cost(hours, plan.timekostnad),
        "administrasjon": plan.administrasjonsbudsjett,
        "rammer": frames,
        "budsjett": frames + costs + plan.administrasjonsbudsjett,
        "finansiering": plan.finansiering.aggregate(s=Sum("belop", default=0))["s"],
    }
