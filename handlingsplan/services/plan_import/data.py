"""What a plan file holds, as frozen dataclasses, read before anything touches the database."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .reader import PlanfilFeil


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
    resolusjon: str = ""  # the board's resolution of the plan's discrepancies, at approval


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
