from .klage import Klage
from .omgjoring import Omgjoring
from .prosess import Saksbehandling
from .sak import Behandlingsregler, Brev, Hendelse, Mote, Sak
from .styre import Bekreftelse, Habilitet, Habilitetsstemme, Settestyreleder, Stemme
from .vedtak import Tilsagn, Vedtak
from .vurdering import INNSTILLING_FELT, UNNTAK_HJEMMEL, Innstilling, Opplysningskrav, Unntak

__all__ = [
    "INNSTILLING_FELT",
    "UNNTAK_HJEMMEL",
    "Behandlingsregler",
    "Bekreftelse",
    "Brev",
    "Habilitet",
    "Habilitetsstemme",
    "Hendelse",
    "Klage",
    "Innstilling",
    "Mote",
    "Omgjoring",
    "Opplysningskrav",
    "Sak",
    "Saksbehandling",
    "Settestyreleder",
    "Stemme",
    "Tilsagn",
    "Unntak",
    "Vedtak",
]
