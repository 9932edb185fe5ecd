from .sak import Hendelse, ImmutableError, InnsendtSoknad, Saksnummerteller, Tilgang
from .soknad import (
    Aktivitet,
    Fase,
    Finansieringslinje,
    Kostnadslinje,
    OffentligStotte,
    Soknad,
    Vedlegg,
)

__all__ = [
    "Aktivitet",
    "Fase",
    "Finansieringslinje",
    "Hendelse",
    "ImmutableError",
    "InnsendtSoknad",
    "Kostnadslinje",
    "OffentligStotte",
    "Saksnummerteller",
    "Soknad",
    "Tilgang",
    "Vedlegg",
]
