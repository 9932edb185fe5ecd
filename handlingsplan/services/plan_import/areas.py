"""The focus areas of a plan file, with their strategies and sub-goals."""

from django.utils.translation import gettext as _

from handlingsplan.models import Delmal

from .data import DelmalData, OmradeData, StrategiData
from .reader import Reader


def read_delmal(r: Reader, value, position: str) -> DelmalData:
    d = r.mapping(value, position, required=["type", "antall", "milepael"], optional=["tekst"])
    return DelmalData(
        tekst=r.text(d.get("tekst"), f"{position}.tekst", blank=True, max_length=300),
        type=r.choice(d["type"], f"{position}.type", Delmal.Type),
        antall=r.integer(d["antall"], f"{position}.antall", minimum=1),
        milepael=r.choice(d["milepael"], f"{position}.milepael", Delmal.Milepael),
    )


def read_strategy(r: Reader, value, position: str, *, has_targets: bool) -> StrategiData:
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
            read_delmal(r, item, f"{position}.delmal[{i}]") for i, item in enumerate(goals)
        ),
    )


def read_area(r: Reader, value, position: str, years: range) -> OmradeData:
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
        read_strategy(r, item, f"{position}.strategier[{i}]", has_targets=has_targets)
        for i, item in enumerate(r.sequence(a["strategier"], f"{position}.strategier"))
    )
    goals_2_2 = lambda v, pos: tuple(  # noqa: E731
        read_delmal(r, item, f"{pos}[{i}]") for i, item in enumerate(r.sequence(v, pos))
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
