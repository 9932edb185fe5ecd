from .klage import Klage
from .prosess import Saksbehandling
from .sak import Behandlingsregler, Brev, Hendelse, Mote, Sak
from .styre import Bekreftelse, Habilitet, Stemme
from .vedtak import Tilsagn, Vedtak
from .vurdering import INNSTILLING_FELT, UNNTAK_HJEMMEL, Innstilling, Opplysningskrav, Unntak

__all__ = [
    "INNSTILLING_FELT",
    "UNNTAK_HJEMMEL",
    "Behandlingsregler",
    "Bekreftelse",
    "Brev",
    "Habilitet",
    "Hendelse",
    "Klage",
    "Innstilling",
    "Mote",
    "Opplysningskrav",
    "Sak",
    "Saksbehandling",
    "Stemme",
    "Tilsagn",
    "Unntak",
    "Vedtak",
]
