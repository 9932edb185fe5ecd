from .ledger import Forpliktelse, Postering, Pot
from .plan import (
    Arbeidsplassmal,
    Delmal,
    Finansiering,
    Finansieringskilde,
    Handlingsplan,
    HandlingsplanStatusendring,
    Indikator,
    Innsatsomrade,
    Program,
    ProgramlederTimer,
    Strategi,
)

__all__ = [
    "Arbeidsplassmal",
    "Delmal",
    "Finansiering",
    "Finansieringskilde",
    "Forpliktelse",
    "Handlingsplan",
    "HandlingsplanStatusendring",
    "Indikator",
    "Innsatsomrade",
    "Pot",
    "Postering",
    "Program",
    "ProgramlederTimer",
    "Strategi",
]
