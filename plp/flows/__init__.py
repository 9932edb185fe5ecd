from .prosjekt import ProsjektFlow

__all__ = ["ProsjektFlow"]
