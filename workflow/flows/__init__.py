from .klage import KlageFlow
from .soknad import SoknadFlow

__all__ = ["KlageFlow", "SoknadFlow"]
