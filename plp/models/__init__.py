from .dokumenter import Beslutningspunktnavn, Fasedokument, Milepael
from .prosess import Prosjektforlop
from .prosjekt import Fase, FaseBudsjettpost, Kostnadskategori, Prosjekt
from .rapporter import (
    Beslutningspunkt,
    DelmalTelling,
    MilepaelStatus,
    Oppfolging,
    Sluttrapport,
    SluttrapportKostnad,
    Statusrapport,
    StatusrapportKostnad,
)
from .referansegruppe import Referansegruppemedlem
from .utbetaling import Utbetaling, UtbetalingKostnad, UtbetalingVedlegg
from .vedtak import Endringssoknad, Tilbakebetaling

__all__ = [
    "Beslutningspunkt",
    "Beslutningspunktnavn",
    "DelmalTelling",
    "Endringssoknad",
    "Fase",
    "FaseBudsjettpost",
    "Fasedokument",
    "Kostnadskategori",
    "Milepael",
    "MilepaelStatus",
    "Oppfolging",
    "Prosjekt",
    "Prosjektforlop",
    "Referansegruppemedlem",
    "Sluttrapport",
    "SluttrapportKostnad",
    "Statusrapport",
    "StatusrapportKostnad",
    "Tilbakebetaling",
    "Utbetaling",
    "UtbetalingKostnad",
    "UtbetalingVedlegg",
]
