"""The plan file's structure: read into plain dataclasses before anything touches the database.

A wrong file stores nothing; every problem names its position (see reader.py).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from handlingsplan.models import Delmal, Handlingsplan

from .reader import PlanfilFeil, Reader, join, read_yaml

Status = Handlingsplan.Status


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


def _read_program(r: Reader, value) -> tuple[dict, dict, tuple[str, ...], dict]:
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
            r.integer(year, position, minimum=1900): r.integer(n, join(position, year))
            for year, n in table.items()
        }

    stated = r.stated(
        p.get("oppgitt", {}),
        "program.oppgitt",
        keys=["mal_arbeidsplasser", "arbeidsplassmal_totalt", "arbeidsplassmal_2021_tekst"],
        nested={"arbeidsplassmal_per_ar": per_year},
    )
    return program, settings, tuple(indicators), stated


def _read_financing(r: Reader, value) -> tuple[FinansieringData, ...]:
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


def _read_status(r: Reader, h: dict) -> tuple[str, tuple[StatusendringData, ...]]:
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


def _read_plan(r: Reader, value) -> dict:
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


def _read_delmal(r: Reader, value, position: str) -> DelmalData:
    d = r.mapping(value, position, required=["type", "antall", "milepael"], optional=["tekst"])
    return DelmalData(
        tekst=r.text(d.get("tekst"), f"{position}.tekst", blank=True, max_length=300),
        type=r.choice(d["type"], f"{position}.type", Delmal.Type),
        antall=r.integer(d["antall"], f"{position}.antall", minimum=1),
        milepael=r.choice(d["milepael"], f"{position}.milepael", Delmal.Milepael),
    )


def _read_strategy(r: Reader, value, position: str, *, has_targets: bool) -> StrategiData:
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


def _read_area(r: Reader, value, position: str, years: range) -> OmradeData:
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
    r = Reader(lines)
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
