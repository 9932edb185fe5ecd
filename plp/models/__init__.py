from .prosjekt import Fase, FaseBudsjettpost, Kostnadskategori, Prosjekt

__all__ = ["Fase", "FaseBudsjettpost", "Kostnadskategori", "Prosjekt"]
