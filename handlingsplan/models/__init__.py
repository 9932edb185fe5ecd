from .bagatell import Bagatellregime, Eurokurs
from .indikator import Indikatorverdi
from .ledger import Forpliktelse, Postering, Pot
from .plan import (
    Delmal,
    Finansiering,
    Handlingsplan,
    HandlingsplanStatusendring,
    ProgramlederTimer,
    Strategi,
)
from .program import (
    Arbeidsplassmal,
    FaseInnstilling,
    Finansieringskilde,
    Indikator,
    Innsatsomrade,
    PlpFase,
    Program,
)
from .timer import Timeregistrering

__all__ = [
    "Arbeidsplassmal",
    "Bagatellregime",
    "Delmal",
    "Eurokurs",
    "FaseInnstilling",
    "Finansiering",
    "Finansieringskilde",
    "Forpliktelse",
    "Handlingsplan",
    "HandlingsplanStatusendring",
    "Indikator",
    "Indikatorverdi",
    "Innsatsomrade",
    "PlpFase",
    "Pot",
    "Postering",
    "Program",
    "ProgramlederTimer",
    "Strategi",
    "Timeregistrering",
]
