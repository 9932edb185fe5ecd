from .soknad import SoknadFlow

__all__ = ["SoknadFlow"]
