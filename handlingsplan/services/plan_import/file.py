"""Reading and checking a plan file: every problem is reported with its position in the file.

The file is read into plain dataclasses before anything touches the database, so a
wrong file stores nothing. Positions look like `innsatsomrader[3].strategier[1].budsjett`
(list indexes count from 0), followed by the line in the file.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from handlingsplan.errors import DomainError
from handlingsplan.models import Delmal, Handlingsplan

Status = Handlingsplan.Status


class PlanfilFeil(DomainError):
    """The plan file is wrong. `position` names where, e.g. `innsatsomrader[3].strategier[1]`."""

    def __init__(self, message, *, position: str = "", line: int | None = None):
        where = position
        if line is not None:
            where = _("%(where)s (linje %(line)s)") % {"where": where or _("fila"), "line": line}
        text = f"{where}: {message}" if where else str(message)
        super().__init__(text, field=position or None, code="planfil")
        self.position = position
        self.line = line


@dataclass(frozen=True)
class DelmalData:
    tekst: str
    type: str
    antall: int
    milepael: str


@dataclass(frozen=True)
class StrategiData:
    position: str
    bokstav: str
    navn: str
    mulige_tiltak: str
    delmal_tekst: str
    resultatmal_arbeidsplasser: int | None
    budsjett: int
    delmal: tuple[DelmalData, ...]


@dataclass(frozen=True)
class OmradeData:
    position: str
    nummer: int
    navn: str
    beskrivelse: str
    har_arbeidsplassmal: bool
    arbeidsplassmal: dict[int, int]
    programleder_timer: Decimal
    strategier: tuple[StrategiData, ...]
    oppgitt: dict


@dataclass(frozen=True)
class FinansieringData:
    kilde: str
    belop: int
    merknad: str
    oppgitt: dict


@dataclass(frozen=True)
class StatusendringData:
    til: str
    dato: datetime.date
    referanse: str


@dataclass(frozen=True)
class PlanData:
    kilde: str
    program: dict
    innstillinger: dict
    indikatorer: tuple[str, ...]
    program_oppgitt: dict
    ar: int
    tittel: str
    status: str
    statusendringer: tuple[StatusendringData, ...]
    timekostnad: int
    administrasjonsbudsjett: int
    finansiering: tuple[FinansieringData, ...]
    plan_oppgitt: dict
    omrader: tuple[OmradeData, ...] = field(default=())
    linjer: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def fail(self, position: str, message: str):
        """Raise a PlanfilFeil for a problem found after reading (e.g. against the database)."""
        raise PlanfilFeil(message, position=position, line=self.linjer.get(position))

    @property
    def strategier(self) -> list[StrategiData]:
        return [s for o in self.omrader for s in o.strategier]


# -- YAML with positions -------------------------------------------------------------------


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _lines_of(node, path: str, lines: dict[str, int]) -> None:
    """Map every position to its line (1-based), refusing duplicate keys on the way."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = _join(path, key)
            if key in seen:
                raise PlanfilFeil(
                    _("Nøkkelen «%(key)s» står to ganger (første gang på linje %(first)s).")
                    % {"key": key, "first": seen[key]},
                    position=child,
                    line=key_node.start_mark.line + 1,
                )
            seen[key] = key_node.start_mark.line + 1
            _lines_of(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines_of(item, f"{path}[{index}]", lines)


def read_yaml(path: str | Path) -> tuple[object, dict[str, int]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanfilFeil(_("Fila %(path)s finnes ikke.") % {"path": path}) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanfilFeil(
            _("Kan ikke lese %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            _("linje %(line)s, kolonne %(column)s")
            % {"line": mark.line + 1, "column": mark.column + 1}
            if mark
            else ""
        )
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise PlanfilFeil(
            _("Fila er ikke gyldig YAML (%(where)s): %(problem)s")
            % {"where": where, "problem": problem}
        ) from None
    except yaml.YAMLError as exc:
        raise PlanfilFeil(_("Fila er ikke gyldig YAML: %(error)s") % {"error": exc}) from None
    lines: dict[str, int] = {}
    if node is not None:
        _lines_of(node, "", lines)
    return data, lines


# -- Checking values -------------------------------------------------------------------------


class _Reader:
    def __init__(self, lines: dict[str, int]):
        self.lines = lines

    def fail(self, position: str, message: str):
        line = self.lines.get(position)
        if line is None and "." in position:
            line = self.lines.get(position.rsplit(".", 1)[0])
        raise PlanfilFeil(message, position=position, line=line)

    def mapping(self, value, position: str, *, required=(), optional=(), any_keys=False) -> dict:
        if not isinstance(value, dict):
            self.fail(position, _("Her skal det stå en tabell med nøkler (mapping)."))
        keys = {str(k) for k in value}
        if any_keys:
            return value
        for key in required:
            if key not in keys:
                self.fail(position, _("Nøkkelen «%(key)s» mangler.") % {"key": key})
        allowed = set(required) | set(optional)
        for key in sorted(keys - allowed):
            self.fail(_join(position, key), _("Ukjent nøkkel «%(key)s».") % {"key": key})
        return value

    def sequence(self, value, position: str) -> list:
        if not isinstance(value, list):
            self.fail(position, _("Her skal det stå en liste."))
        return value

    def integer(self, value, position: str, *, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(
                position, _("Her skal det stå et helt tall, ikke «%(value)s».") % {"value": value}
            )
        if value > MAX_NUMBER:
            self.fail(position, _("Tallet er urimelig stort (står %(value)s).") % {"value": value})
        if value < minimum:
            message = (
                _("Tallet kan ikke være negativt (står %(value)s).")
                if minimum == 0
                else _("Tallet må være minst %(minimum)s (står %(value)s).")
            )
            self.fail(position, message % {"value": value, "minimum": minimum})
        return value

    def hours(self, value, position: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(
                position,
                _("Her skal det stå et antall timer, ikke «%(value)s».") % {"value": value},
            )
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            self.fail(position, _("Ugyldig antall timer."))
        if not hours.is_finite() or hours > MAX_NUMBER:
            self.fail(position, _("Ugyldig antall timer."))
        if hours < 0 or hours != hours.quantize(Decimal("0.1")):
            self.fail(
                position,
                _("Timer må være et ikke-negativt tall med høyst én desimal (står %(value)s).")
                % {"value": value},
            )
        return hours.quantize(Decimal("0.1"))

    def text(self, value, position: str, *, blank=False, max_length: int | None = None) -> str:
        if value is None and blank:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail(position, _("Her skal det stå en tekst."))
        value = " ".join(value.split())
        if not value and not blank:
            self.fail(position, _("Teksten kan ikke være tom."))
        if max_length and len(value) > max_length:
            self.fail(
                position,
                _("Teksten er for lang (%(length)s tegn, høyst %(max)s).")
                % {"length": len(value), "max": max_length},
            )
        return value

    def boolean(self, value, position: str) -> bool:
        if not isinstance(value, bool):
            self.fail(position, _("Her skal det stå true eller false."))
        return value

    def choice(self, value, position: str, choices) -> str:
        values = [c.value for c in choices]
        if value not in values:
            self.fail(
                position,
                _("Ugyldig verdi «%(value)s»; gyldige verdier er %(values)s.")
                % {"value": value, "values": ", ".join(values)},
            )
        return value

    def date(self, value, position: str) -> datetime.date:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        self.fail(position, _("Her skal det stå en dato på formen 2021-03-15."))

    def stated(self, value, position: str, *, keys, nested=None, hours=()) -> dict:
        """An `oppgitt` section: known keys only, each a whole number (or hours)."""
        nested = nested or {}
        section = self.mapping(value, position, optional=[*keys, *nested, *hours])
        result = {}
        for key, item in section.items():
            child = _join(position, key)
            if key in nested:
                result[key] = nested[key](item, child)
            elif key in hours:
                result[key] = self.hours(item, child)
            else:
                result[key] = self.integer(item, child)
        return result


# Far above any real plan, far below what the database columns hold.
MAX_NUMBER = 10**12

PROGRAM_KEYS = ["slug", "navn", "kommune", "start_ar", "slutt_ar", "arlig_ramme"]
PROGRAM_OPTIONAL = ["kommunenummer", "mal_nye_arbeidsplasser", "mal_sikrede_arbeidsplasser"]
SETTINGS_INT = [
    "delegert_grense",
    "maks_stotteintensitet",
    "egeninnsats_timesats",
    "akseptfrist_dager",
    "oppstartsfrist_maneder",
    "sluttfrist_grace_dager",
    "maks_utbetalt_for_sluttrapport",
    "revisorgrense",
    "klagefrist_dager",
    "rapportvarsel_dager",
    "bagatell_tak_eur",
    "bagatell_rapporteringsgrense_eur",
]
PERCENT_SETTINGS = {"maks_stotteintensitet", "maks_utbetalt_for_sluttrapport"}
BUDGET_ROW_KEYS = ["ramme", "timer", "kostnad", "sum_inkl_prosjektarbeid"]


def _read_program(r: _Reader, value) -> tuple[dict, dict, tuple[str, ...], dict]:
    p = r.mapping(
        value,
        "program",
        required=PROGRAM_KEYS,
        optional=[*PROGRAM_OPTIONAL, "innstillinger", "indikatorer", "oppgitt"],
    )
    program = {
        "slug": r.text(p["slug"], "program.slug", max_length=50),
        "navn": r.text(p["navn"], "program.navn", max_length=200),
        "kommune": r.text(p["kommune"], "program.kommune", max_length=100),
        "kommunenummer": r.text(p.get("kommunenummer"), "program.kommunenummer", blank=True),
        "start_ar": r.integer(p["start_ar"], "program.start_ar", minimum=1900),
        "slutt_ar": r.integer(p["slutt_ar"], "program.slutt_ar", minimum=1900),
        "arlig_ramme": r.integer(p["arlig_ramme"], "program.arlig_ramme"),
        "mal_nye_arbeidsplasser": r.integer(
            p.get("mal_nye_arbeidsplasser", 0), "program.mal_nye_arbeidsplasser"
        ),
        "mal_sikrede_arbeidsplasser": r.integer(
            p.get("mal_sikrede_arbeidsplasser", 0), "program.mal_sikrede_arbeidsplasser"
        ),
    }
    if program["kommunenummer"] and not (
        program["kommunenummer"].isdigit() and len(program["kommunenummer"]) == 4
    ):
        r.fail("program.kommunenummer", _("Kommunenummeret skal ha fire sifre, i anførselstegn."))
    if program["slutt_ar"] < program["start_ar"]:
        r.fail("program.slutt_ar", _("Siste år kan ikke være før første år."))

    settings: dict = {}
    if "innstillinger" in p:
        s = r.mapping(
            p["innstillinger"],
            "program.innstillinger",
            optional=[*SETTINGS_INT, "nok_per_eur", "bagatell_forordning"],
        )
        for key in SETTINGS_INT:
            if key in s:
                settings[key] = r.integer(s[key], f"program.innstillinger.{key}")
                if key in PERCENT_SETTINGS and settings[key] > 100:
                    r.fail(f"program.innstillinger.{key}", _("En prosent kan ikke være over 100."))
        if "nok_per_eur" in s:
            try:
                settings["nok_per_eur"] = Decimal(str(s["nok_per_eur"]))
            except InvalidOperation:
                r.fail("program.innstillinger.nok_per_eur", _("Her skal det stå en kurs."))
            if settings["nok_per_eur"] <= 0:
                r.fail("program.innstillinger.nok_per_eur", _("Kursen må være større enn 0."))
        if "bagatell_forordning" in s:
            settings["bagatell_forordning"] = r.text(
                s["bagatell_forordning"], "program.innstillinger.bagatell_forordning"
            )

    indicators = []
    for i, item in enumerate(r.sequence(p.get("indikatorer", []), "program.indikatorer")):
        name = r.text(item, f"program.indikatorer[{i}]", max_length=300)
        if name in indicators:
            r.fail(f"program.indikatorer[{i}]", _("Indikatoren står to ganger."))
        indicators.append(name)

    def per_year(value, position):
        table = r.mapping(value, position, any_keys=True)
        return {
            r.integer(year, position, minimum=1900): r.integer(n, _join(position, year))
            for year, n in table.items()
        }

    stated = r.stated(
        p.get("oppgitt", {}),
        "program.oppgitt",
        keys=["mal_arbeidsplasser", "arbeidsplassmal_totalt", "arbeidsplassmal_2021_tekst"],
        nested={"arbeidsplassmal_per_ar": per_year},
    )
    return program, settings, tuple(indicators), stated


def _read_financing(r: _Reader, value) -> tuple[FinansieringData, ...]:
    rows, names = [], set()
    for i, item in enumerate(r.sequence(value, "handlingsplan.finansiering")):
        pos = f"handlingsplan.finansiering[{i}]"
        f = r.mapping(item, pos, required=["kilde", "belop"], optional=["merknad", "oppgitt"])
        name = r.text(f["kilde"], f"{pos}.kilde", max_length=200)
        if name in names:
            r.fail(f"{pos}.kilde", _("Finansieringskilden står to ganger."))
        names.add(name)
        rows.append(
            FinansieringData(
                kilde=name,
                belop=r.integer(f["belop"], f"{pos}.belop"),
                merknad=r.text(f.get("merknad"), f"{pos}.merknad", blank=True, max_length=300),
                oppgitt=r.stated(f.get("oppgitt", {}), f"{pos}.oppgitt", keys=["andel_prosent"]),
            )
        )
    return tuple(rows)


def _read_status(r: _Reader, h: dict) -> tuple[str, tuple[StatusendringData, ...]]:
    status = r.choice(h.get("status", Status.UTKAST), "handlingsplan.status", Status)
    steps = []
    for i, item in enumerate(
        r.sequence(h.get("statusendringer", []), "handlingsplan.statusendringer")
    ):
        pos = f"handlingsplan.statusendringer[{i}]"
        s = r.mapping(item, pos, required=["til", "dato", "referanse"])
        steps.append(
            StatusendringData(
                til=r.choice(s["til"], f"{pos}.til", Status),
                dato=r.date(s["dato"], f"{pos}.dato"),
                referanse=r.text(s["referanse"], f"{pos}.referanse", max_length=300),
            )
        )
    reached = steps[-1].til if steps else Status.UTKAST
    if reached != status:
        r.fail(
            "handlingsplan.status",
            _("Statusen «%(status)s» stemmer ikke med siste statusendring («%(reached)s»).")
            % {"status": status, "reached": reached},
        )
    return status, tuple(steps)


def _read_plan(r: _Reader, value) -> dict:
    h = r.mapping(
        value,
        "handlingsplan",
        required=["ar", "tittel", "timekostnad", "administrasjonsbudsjett", "finansiering"],
        optional=["status", "statusendringer", "oppgitt"],
    )
    status, steps = _read_status(r, h)
    budget_table = {
        "sum_innsatsomrader": lambda v, pos: r.stated(
            v, pos, keys=["ramme", "sum_inkl_prosjektarbeid"]
        ),
        "prosjektarbeid": lambda v, pos: r.stated(v, pos, keys=["kostnad"], hours=["timer"]),
        "administrasjon": lambda v, pos: r.stated(v, pos, keys=["kostnad", "sum"]),
    }
    return {
        "ar": r.integer(h["ar"], "handlingsplan.ar", minimum=1900),
        "tittel": r.text(h["tittel"], "handlingsplan.tittel", max_length=300),
        "status": status,
        "statusendringer": steps,
        "timekostnad": r.integer(h["timekostnad"], "handlingsplan.timekostnad"),
        "administrasjonsbudsjett": r.integer(
            h["administrasjonsbudsjett"], "handlingsplan.administrasjonsbudsjett"
        ),
        "finansiering": _read_financing(r, h["finansiering"]),
        "plan_oppgitt": r.stated(
            h.get("oppgitt", {}),
            "handlingsplan.oppgitt",
            keys=[
                "finansiering_sum",
                "finansiering_andel_sum_prosent",
                "administrasjon_andel_av_ramme_prosent",
            ],
            nested={
                "budsjett_tabell": lambda v, pos: r.stated(
                    v,
                    pos,
                    keys=["sum_prosjektarbeid_og_administrasjon", "sum_totalt"],
                    nested=budget_table,
                )
            },
        ),
    }


def _read_delmal(r: _Reader, value, position: str) -> DelmalData:
    d = r.mapping(value, position, required=["type", "antall", "milepael"], optional=["tekst"])
    return DelmalData(
        tekst=r.text(d.get("tekst"), f"{position}.tekst", blank=True, max_length=300),
        type=r.choice(d["type"], f"{position}.type", Delmal.Type),
        antall=r.integer(d["antall"], f"{position}.antall", minimum=1),
        milepael=r.choice(d["milepael"], f"{position}.milepael", Delmal.Milepael),
    )


def _read_strategy(r: _Reader, value, position: str, *, has_targets: bool) -> StrategiData:
    s = r.mapping(
        value,
        position,
        required=["bokstav", "navn", "budsjett"],
        optional=["mulige_tiltak", "delmal_tekst", "resultatmal_arbeidsplasser", "delmal"],
    )
    letter = r.text(s["bokstav"], f"{position}.bokstav", max_length=2)
    if not letter.isalpha() or not letter.isupper():
        r.fail(f"{position}.bokstav", _("Bokstaven skal være en stor bokstav, f.eks. «A»."))
    jobs = None
    if "resultatmal_arbeidsplasser" in s:
        if not has_targets:
            r.fail(
                f"{position}.resultatmal_arbeidsplasser",
                _("Innsatsområdet har ikke mål for arbeidsplasser; fjern resultatmålet."),
            )
        jobs = r.integer(s["resultatmal_arbeidsplasser"], f"{position}.resultatmal_arbeidsplasser")
    elif has_targets:
        r.fail(position, _("Nøkkelen «resultatmal_arbeidsplasser» mangler."))
    goals = r.sequence(s.get("delmal", []), f"{position}.delmal")
    return StrategiData(
        position=position,
        bokstav=letter,
        navn=r.text(s["navn"], f"{position}.navn", max_length=200),
        mulige_tiltak=r.text(s.get("mulige_tiltak"), f"{position}.mulige_tiltak", blank=True),
        delmal_tekst=r.text(s.get("delmal_tekst"), f"{position}.delmal_tekst", blank=True),
        resultatmal_arbeidsplasser=jobs,
        budsjett=r.integer(s["budsjett"], f"{position}.budsjett"),
        delmal=tuple(
            _read_delmal(r, item, f"{position}.delmal[{i}]") for i, item in enumerate(goals)
        ),
    )


def _read_area(r: _Reader, value, position: str, years: range) -> OmradeData:
    a = r.mapping(
        value,
        position,
        required=["nummer", "navn", "har_arbeidsplassmal", "programleder_timer", "strategier"],
        optional=["beskrivelse", "arbeidsplassmal", "oppgitt"],
    )
    has_targets = r.boolean(a["har_arbeidsplassmal"], f"{position}.har_arbeidsplassmal")
    targets: dict[int, int] = {}
    if has_targets:
        if "arbeidsplassmal" not in a:
            r.fail(position, _("Nøkkelen «arbeidsplassmal» mangler."))
        table = r.mapping(a["arbeidsplassmal"], f"{position}.arbeidsplassmal", any_keys=True)
        for year, count in table.items():
            pos = f"{position}.arbeidsplassmal.{year}"
            year = r.integer(year, pos, minimum=1900)
            if year not in years:
                r.fail(
                    pos,
                    _("Året %(year)s er utenfor programperioden %(start)s–%(end)s.")
                    % {"year": year, "start": years.start, "end": years.stop - 1},
                )
            targets[year] = r.integer(count, pos)
    elif "arbeidsplassmal" in a:
        r.fail(
            f"{position}.arbeidsplassmal",
            _("Innsatsområdet har ikke mål for arbeidsplasser (har_arbeidsplassmal: false)."),
        )

    strategies = tuple(
        _read_strategy(r, item, f"{position}.strategier[{i}]", has_targets=has_targets)
        for i, item in enumerate(r.sequence(a["strategier"], f"{position}.strategier"))
    )
    goals_2_2 = lambda v, pos: tuple(  # noqa: E731
        _read_delmal(r, item, f"{pos}[{i}]") for i, item in enumerate(r.sequence(v, pos))
    )
    return OmradeData(
        position=position,
        nummer=r.integer(a["nummer"], f"{position}.nummer", minimum=1),
        navn=r.text(a["navn"], f"{position}.navn", max_length=200),
        beskrivelse=r.text(a.get("beskrivelse"), f"{position}.beskrivelse", blank=True),
        har_arbeidsplassmal=has_targets,
        arbeidsplassmal=targets,
        programleder_timer=r.hours(a["programleder_timer"], f"{position}.programleder_timer"),
        strategier=strategies,
        oppgitt=r.stated(
            a.get("oppgitt", {}),
            f"{position}.oppgitt",
            keys=[
                "arbeidsplassmal_sum",
                "malsetting_2021",
                "malsetting_totalt",
                "strategier_budsjett_sum",
                "strategier_resultatmal_sum",
            ],
            nested={
                "budsjett_tabell": lambda v, pos: r.stated(
                    v, pos, keys=["ramme", "kostnad", "sum_inkl_prosjektarbeid"], hours=["timer"]
                ),
                "delmal_kapittel_2_2": goals_2_2,
            },
        ),
    )


def plan_file_read(path: str | Path) -> PlanData:
    """Read and check a plan file. Raises PlanfilFeil with the position of the first problem."""
    data, lines = read_yaml(path)
    r = _Reader(lines)
    root = r.mapping(
        data, "", required=["program", "handlingsplan", "innsatsomrader"], optional=["kilde"]
    )
    program, settings, indicators, program_stated = _read_program(r, root["program"])
    plan = _read_plan(r, root["handlingsplan"])
    years = range(program["start_ar"], program["slutt_ar"] + 1)
    if plan["ar"] not in years:
        r.fail("handlingsplan.ar", _("Året er utenfor programperioden."))

    areas, numbers, names, letters = [], {}, {}, {}
    for i, item in enumerate(r.sequence(root["innsatsomrader"], "innsatsomrader")):
        area = _read_area(r, item, f"innsatsomrader[{i}]", years)
        for seen, key, label in ((numbers, area.nummer, "nummer"), (names, area.navn, "navn")):
            if key in seen:
                r.fail(
                    f"{area.position}.{label}",
                    _("Innsatsområdet «%(key)s» står allerede i %(other)s.")
                    % {"key": key, "other": seen[key]},
                )
            seen[key] = area.position
        for s in area.strategier:
            if s.bokstav in letters:
                r.fail(
                    f"{s.position}.bokstav",
                    _("Bokstaven %(letter)s er allerede brukt i %(other)s.")
                    % {"letter": s.bokstav, "other": letters[s.bokstav]},
                )
            letters[s.bokstav] = s.position
        areas.append(area)
    if not areas:
        r.fail("innsatsomrader", _("Planen må ha minst ett innsatsområde."))

    return PlanData(
        kilde=r.text(root.get("kilde"), "kilde", blank=True, max_length=300),
        program=program,
        innstillinger=settings,
        indikatorer=indicators,
        program_oppgitt=program_stated,
        omrader=tuple(areas),
        linjer=lines,
        **plan,
    )
