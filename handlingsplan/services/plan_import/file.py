"""The plan file's structure: read into plain dataclasses before anything touches the database.

A wrong file stores nothing; every problem names its position (see reader.py). The
program and the plan's own figures are read here, the focus areas in areas.py.
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from handlingsplan.models import Handlingsplan

from .areas import read_area
from .data import FinansieringData, PlanData, StatusendringData
from .reader import Reader, join, read_yaml

Status = Handlingsplan.Status


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
        s = r.mapping(item, pos, required=["til", "dato", "referanse"], optional=["resolusjon"])
        steps.append(
            StatusendringData(
                til=r.choice(s["til"], f"{pos}.til", Status),
                dato=r.date(s["dato"], f"{pos}.dato"),
                referanse=r.text(s["referanse"], f"{pos}.referanse", max_length=300),
                resolusjon=r.text(s.get("resolusjon"), f"{pos}.resolusjon", blank=True),
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
        area = read_area(r, item, f"innsatsomrader[{i}]", years)
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
