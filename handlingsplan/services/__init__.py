"""Writes of the handlingsplan app: `from handlingsplan.services import pot_commit`.

ledger.py only moves money; omfordeling.py is the reallocation decision, which also
tells the board.
"""

from .bagatell import (
    bagatell_satser,
    bagatellregime_for,
    bagatellregimer_ensure,
    eurokurs_for,
)
from .indikator import indikator_add, indikatorverdi_record
from .ledger import (
    forpliktelse_clawback,
    forpliktelse_lock,
    forpliktelse_pay,
    forpliktelse_release,
    ledger_verify,
    pot_allocate,
    pot_commit,
    pot_transfer,
)
from .omfordeling import pot_reallocate
from .plan import handlingsplan_advance
from .plan_import import handlingsplan_import
from .timer import timer_registrer

__all__ = [
    "bagatell_satser",
    "bagatellregime_for",
    "bagatellregimer_ensure",
    "eurokurs_for",
    "forpliktelse_clawback",
    "forpliktelse_lock",
    "forpliktelse_pay",
    "forpliktelse_release",
    "handlingsplan_advance",
    "handlingsplan_import",
    "indikator_add",
    "indikatorverdi_record",
    "ledger_verify",
    "pot_allocate",
    "pot_commit",
    "pot_reallocate",
    "pot_transfer",
    "timer_registrer",
]
