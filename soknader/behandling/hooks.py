"""Receivers for what happens in a case, registered by the workflow app (dependencies one way).

A receiver is called inside the service's transaction, so a receiver that fails undoes
the change instead of leaving the case and its flow apart.
"""

from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum


class Hendelse(StrEnum):
    SVAR_MOTTATT = "svar_mottatt"
    AKSEPTERT = "akseptert"
    BORTFALT = "bortfalt"
    AVSLUTTET = "avsluttet"  # withdrawn by the applicant or closed by the programleder


_receivers: dict[str, list[Callable]] = defaultdict(list)


def on(event: Hendelse, receiver: Callable) -> Callable:
    """Register `receiver(behandling)` for `event`; registering twice has no effect."""
    if receiver not in _receivers[event]:
        _receivers[event].append(receiver)
    return receiver


def fire(event: Hendelse, behandling) -> None:
    for receiver in _receivers[event]:
        receiver(behandling)
