from .prosjekt import ProsjektFlow
from .sak import ProsjektsakFlow

__all__ = ["ProsjektFlow", "ProsjektsakFlow"]
