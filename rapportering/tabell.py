"""What every report is made of: tables with typed columns, and charts drawn from them.

A section of the reporting pages returns a `Rapportdel`: its tables and the charts that show
them. The same objects are rendered on the page, written to Excel and CSV, and printed in the
annual report, so a figure is computed once and reads the same everywhere."""

from dataclasses import dataclass, field, fields

# Column types: how a value is shown and how it is written to Excel.
TEKST, KR, ANTALL, PROSENT, DESIMAL, DATO = "tekst", "kr", "antall", "prosent", "desimal", "dato"


class Summerbar:
    """A dataclass of figures that adds up field by field: `total += other`."""

    def __iadd__(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


@dataclass(frozen=True)
class Kolonne:
    navn: str
    type: str = TEKST
    # The totals row adds up this column (Excel writes it as a SUM formula).
    summer: bool = False


@dataclass(frozen=True)
class Celle:
    """A value with a link to what lies behind it (the ledger entries of a figure)."""

    verdi: object
    lenke: str = ""


@dataclass
class Tabell:
    slug: str
    tittel: str
    kolonner: list[Kolonne]
    rader: list[list] = field(default_factory=list)
    beskrivelse: str = ""

    @property
    def har_sum(self) -> bool:
        return any(k.summer for k in self.kolonner) and bool(self.rader)

    def verdier(self, rad: list) -> list:
        return [c.verdi if isinstance(c, Celle) else c for c in rad]

    def celler(self) -> list[list[tuple]]:
        """Each row as (value, column) pairs, for the templates."""
        return [list(zip(rad, self.kolonner, strict=False)) for rad in self.rader]

    def sumceller(self) -> list[tuple]:
        return list(zip(self.summer(), self.kolonner, strict=False))

    def summer(self) -> list:
        """The totals row: the sum of each summed column, None elsewhere."""
        totals = []
        for i, kolonne in enumerate(self.kolonner):
            if kolonne.summer:
                totals.append(sum((self.verdier(r)[i] or 0) for r in self.rader))
            else:
                totals.append(None)
        return totals


@dataclass(frozen=True)
class Serie:
    navn: str
    verdier: list


@dataclass
class Diagram:
    """A bar chart; `tabell` is the slug of the table beside it that holds its numbers."""

    tittel: str
    kategorier: list[str]
    serier: list[Serie]
    tabell: str
    enhet: str = ""


@dataclass
class Rapportdel:
    tabeller: list[Tabell] = field(default_factory=list)
    diagrammer: list[Diagram] = field(default_factory=list)
    merknader: list[str] = field(default_factory=list)

    def tabell(self, slug: str) -> Tabell:
        for t in self.tabeller:
            if t.slug == slug:
                return t
        raise KeyError(slug)
