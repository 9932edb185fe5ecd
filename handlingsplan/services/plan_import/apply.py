"""Writing a checked plan file to the database: create what is missing, update what differs.

Runs inside the caller's transaction. A second run with the same file writes nothing.
Pots are filled once, through the ledger; after that a budget only changes by reallocation.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from felles.formatting import kr
from handlingsplan.models import (
    Arbeidsplassmal,
    Bagatellregime,
    Delmal,
    Finansiering,
    Finansieringskilde,
    Handlingsplan,
    Indikator,
    Innsatsomrade,
    Pot,
    Program,
    ProgramlederTimer,
    Strategi,
)
from handlingsplan.services.bagatell import bagatellregimer_ensure
from handlingsplan.services.ledger import pot_allocate
from handlingsplan.services.plan import STATUS_ORDER, handlingsplan_advance

from .data import PlanData, StrategiData


@dataclass
class Endringer:
    """What the import wrote, per model."""

    opprettet: Counter = field(default_factory=Counter)
    endret: Counter = field(default_factory=Counter)
    slettet: Counter = field(default_factory=Counter)
    potter_fylt: int = 0
    statussteg: int = 0

    @property
    def antall(self) -> int:
        return (
            sum(self.opprettet.values())
            + sum(self.endret.values())
            + sum(self.slettet.values())
            + self.potter_fylt
            + self.statussteg
        )


def _sync(model: type[models.Model], changes: Endringer, lookup: dict, values: dict):
    """get-or-create by `lookup`, then bring `values` up to date; counts what it did."""
    obj = model.objects.filter(**lookup).first()
    name = model._meta.verbose_name_plural
    if obj is None:
        changes.opprettet[name] += 1
        return model.objects.create(**lookup, **values)
    differing = [key for key, value in values.items() if getattr(obj, key) != value]
    if differing:
        for key in differing:
            setattr(obj, key, values[key])
        obj.save(
            update_fields=[k.removesuffix("_id") if k.endswith("_id") else k for k in differing]
        )
        changes.endret[name] += 1
    return obj


def _delete(queryset, changes: Endringer) -> None:
    n = queryset.count()
    if n:
        changes.slettet[queryset.model._meta.verbose_name_plural] += n
        queryset.delete()


def _program(data: PlanData, changes: Endringer) -> Program:
    values = {k: v for k, v in data.program.items() if k != "slug"}
    existing = Program.objects.select_for_update().filter(slug=data.program["slug"]).first()
    if existing is None:
        changes.opprettet[Program._meta.verbose_name_plural] += 1
        # Settings are defaults: set when the program is created, then the administrator's.
        return Program.objects.create(slug=data.program["slug"], **values, **data.innstillinger)
    return _sync(Program, changes, {"pk": existing.pk}, values)


def _refuse_budget_change(
    data: PlanData, plan: Handlingsplan, s: StrategiData, stored: Strategi
) -> None:
    data.fail(
        f"{s.position}.budsjett",
        _(
            "Strategi %(letter)s i handlingsplanen for %(year)s er allerede importert med "
            "budsjett %(stored)s og har en pott; fila sier %(new)s. Budsjettet endres ikke ved "
            "ny import: endringer etter import gjøres ved omfordeling mellom pottene, med vedtak."
        )
        % {
            "letter": s.bokstav,
            "year": plan.ar,
            "stored": kr(stored.budsjett),
            "new": kr(s.budsjett),
        },
    )


def _strategies(data: PlanData, plan: Handlingsplan, areas: dict, changes: Endringer, by) -> None:
    stored = {
        s.bokstav: s for s in Strategi.objects.filter(handlingsplan=plan).select_related("pot")
    }
    extra = sorted(set(stored) - {s.bokstav for s in data.strategier})
    if extra:
        data.fail(
            "innsatsomrader",
            _(
                "Strategiene %(letters)s finnes i handlingsplanen for %(year)s, men ikke i fila. "
                "En import sletter ikke strategier."
            )
            % {"letters": ", ".join(extra), "year": plan.ar},
        )
    reason = _("Handlingsplan %(year)s") % {"year": plan.ar}
    for area_data in data.omrader:
        for s in area_data.strategier:
            old = stored.get(s.bokstav)
            has_pot = old is not None and hasattr(old, "pot")
            if has_pot and old.budsjett != s.budsjett:
                _refuse_budget_change(data, plan, s, old)
            strategy = _sync(
                Strategi,
                changes,
                {"handlingsplan": plan, "bokstav": s.bokstav},
                {
                    "innsatsomrade_id": areas[area_data.nummer].pk,
                    "navn": s.navn,
                    "mulige_tiltak": s.mulige_tiltak,
                    "delmal_tekst": s.delmal_tekst,
                    "resultatmal_arbeidsplasser": s.resultatmal_arbeidsplasser,
                    "budsjett": s.budsjett,
                },
            )
            _sub_goals(strategy, s, changes)
            if not has_pot:
                pot = Pot.objects.create(strategi=strategy)
                changes.opprettet[Pot._meta.verbose_name_plural] += 1
                if s.budsjett:
                    pot_allocate(pot=pot, amount=s.budsjett, reason=reason, by=by)
                    changes.potter_fylt += 1


def _sub_goals(strategy: Strategi, s: StrategiData, changes: Endringer) -> None:
    existing = list(strategy.delmal.order_by("id"))
    for index, goal in enumerate(s.delmal):
        values = {
            "tekst": goal.tekst or strategy.delmal_tekst[:300],
            "type": goal.type,
            "antall": goal.antall,
            "milepael": goal.milepael,
        }
        if index < len(existing):
            _sync(Delmal, changes, {"pk": existing[index].pk}, values)
        else:
            Delmal.objects.create(strategi=strategy, **values)
            changes.opprettet[Delmal._meta.verbose_name_plural] += 1
    _delete(Delmal.objects.filter(pk__in=[d.pk for d in existing[len(s.delmal) :]]), changes)


def _status(data: PlanData, plan: Handlingsplan, changes: Endringer, by) -> None:
    """Take the plan forward to the file's status; never back (the database may be ahead)."""
    for step in data.statusendringer:
        if STATUS_ORDER.index(plan.status) < STATUS_ORDER.index(step.til):
            plan = handlingsplan_advance(
                plan=plan,
                to=step.til,
                date=step.dato,
                reference=step.referanse,
                by=by,
                resolusjon=step.resolusjon,
            )
            changes.statussteg += 1


def plan_apply(data: PlanData, *, by=None, avvik=()) -> tuple[Handlingsplan, Endringer]:
    """Write the plan; `avvik`, the import's consistency report, is kept with it (before the
    file's status steps, which the board's approval checks against it)."""
    changes = Endringer()
    program = _program(data, changes)
    for order, name in enumerate(data.indikatorer, start=1):
        _sync(Indikator, changes, {"program": program, "navn": name}, {"rekkefolge": order})

    plan = _sync(
        Handlingsplan,
        changes,
        {"program": program, "ar": data.ar},
        {
            "tittel": data.tittel,
            "timekostnad": data.timekostnad,
            "administrasjonsbudsjett": data.administrasjonsbudsjett,
            "kilde": data.kilde,
        },
    )
    plan = Handlingsplan.objects.select_for_update().get(pk=plan.pk)

    for f in data.finansiering:
        source = _sync(Finansieringskilde, changes, {"program": program, "navn": f.kilde}, {})
        _sync(
            Finansiering,
            changes,
            {"handlingsplan": plan, "kilde": source},
            {"belop": f.belop, "merknad": f.merknad},
        )
    names = [f.kilde for f in data.finansiering]
    _delete(Finansiering.objects.filter(handlingsplan=plan).exclude(kilde__navn__in=names), changes)

    areas = {}
    for a in data.omrader:
        area = _sync(
            Innsatsomrade,
            changes,
            {"program": program, "nummer": a.nummer},
            {
                "navn": a.navn,
                "beskrivelse": a.beskrivelse,
                "har_arbeidsplassmal": a.har_arbeidsplassmal,
            },
        )
        areas[a.nummer] = area
        for year, n in sorted(a.arbeidsplassmal.items()):
            _sync(Arbeidsplassmal, changes, {"innsatsomrade": area, "ar": year}, {"antall": n})
        _delete(area.arbeidsplassmal.exclude(ar__in=list(a.arbeidsplassmal)), changes)
        _sync(
            ProgramlederTimer,
            changes,
            {"handlingsplan": plan, "innsatsomrade": area},
            {"timer": a.programleder_timer},
        )
    _delete(
        ProgramlederTimer.objects.filter(handlingsplan=plan).exclude(
            innsatsomrade__nummer__in=list(areas)
        ),
        changes,
    )

    _strategies(data, plan, areas, changes, by)
    report = list(avvik)
    if plan.avvik != report:
        Handlingsplan.objects.filter(pk=plan.pk).update(avvik=report)
        plan.avvik = report
    _status(data, plan, changes, by)
    plan.refresh_from_db()
    created = bagatellregimer_ensure()
    if created:
        changes.opprettet[Bagatellregime._meta.verbose_name_plural] += created
    return plan, changes
