"""Writes of the handlingsplan app: `from handlingsplan.services import pot_commit`."""

from .ledger import (
    forpliktelse_clawback,
    forpliktelse_pay,
    forpliktelse_release,
    ledger_verify,
    pot_allocate,
    pot_commit,
    pot_reallocate,
)

__all__ = [
    "forpliktelse_clawback",
    "forpliktelse_pay",
    "forpliktelse_release",
    "ledger_verify",
    "pot_allocate",
    "pot_commit",
    "pot_reallocate",
]

from .plan import handlingsplan_advance  # noqa: E402
from .plan_import import handlingsplan_import  # noqa: E402

__all__ += ["handlingsplan_advance", "handlingsplan_import"]
