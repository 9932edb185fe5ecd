from .innsending import (
    ImmutableError,
    InnsendtSoknad,
    InnsendtSoknadPdf,
    Saksnummerteller,
    Soknadslogg,
    Tilgang,
)
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
    "InnsendtSoknadPdf",
    "Soknadslogg",
    "ImmutableError",
    "InnsendtSoknad",
    "Kostnadslinje",
    "OffentligStotte",
    "Saksnummerteller",
    "Soknad",
    "Tilgang",
    "Vedlegg",
]
