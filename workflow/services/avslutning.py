"""What follows a case's end, for the apps above: an app registers `receiver(sak)` with
`on_sak_ended` from its AppConfig.ready, and the receiver is called inside the transaction
that ended the case (accepted, rejected, lapsed, withdrawn or closed), so a failing receiver
undoes the step. The project app (plp) creates the project's phase from an accepted grant
this way; workflow does not know it."""

from collections.abc import Callable

from workflow.models import Sak

_ended_receivers: list[Callable[[Sak], None]] = []


def on_sak_ended(receiver: Callable[[Sak], None]) -> Callable[[Sak], None]:
    """Register `receiver(sak)`; registering the same function twice has no effect."""
    if receiver not in _ended_receivers:
        _ended_receivers.append(receiver)
    return receiver


def sak_ended_announce(sak: Sak) -> None:
    for receiver in list(_ended_receivers):
        receiver(sak)
