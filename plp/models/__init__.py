from .prosjekt import Fase, FaseBudsjettpost, Kostnadskategori, Prosjekt
from .utbetaling import Utbetaling, UtbetalingKostnad, UtbetalingVedlegg

__all__ = [
    "Fase",
    "FaseBudsjettpost",
    "Kostnadskategori",
    "Prosjekt",
    "Utbetaling",
    "UtbetalingKostnad",
    "UtbetalingVedlegg",
]
