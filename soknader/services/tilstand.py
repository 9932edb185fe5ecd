"""The application's status as a state machine: the one place its allowed moves are written.

`SoknadStatus` wraps a Soknad and moves its `status` field only along the transitions
declared here; any other move raises viewflow's TransitionNotAllowed, which
`status_move` turns into a DomainError with a message for the applicant. Services lock
the row before they move it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow import fsm

from felles.errors import DomainError

from ..models import Soknad

S = Soknad.Status


class SoknadStatus:
    """The allowed moves of an application's status, one transition method per move."""

    status = fsm.State(Soknad.Status, default=S.UTKAST)

    def __init__(self, soknad: Soknad):
        self.soknad = soknad

    @status.getter()
    def _status_get(self) -> str:
        return self.soknad.status

    @status.setter()
    def _status_set(self, value: str) -> None:
        self.soknad.status = value

    @status.transition(source=S.UTKAST, target=S.SENDT)
    def submit(self) -> None:
        """The applicant sends a complete draft."""

    @status.transition(source=S.SENDT, target=S.TRUKKET)
    def withdraw(self) -> None:
        """The applicant withdraws a submitted application before it is decided."""


def _sources(name: str) -> set[str]:
    return {t.source for t in getattr(SoknadStatus, name).get_transitions()}


def _target(name: str) -> str:
    [target] = {t.target for t in getattr(SoknadStatus, name).get_transitions()}
    return target


# States from which the applicant may withdraw: before the decision.
WITHDRAWABLE: set[str] = _sources("withdraw")

_REFUSED = {
    "withdraw": gettext_lazy("Søknaden kan ikke trekkes nå (status: %(status)s)."),
}
_REFUSED_OTHERWISE = gettext_lazy("Søknaden kan ikke endres fra «%(fra)s» til «%(til)s».")


def status_move(soknad: Soknad, transition: str) -> None:
    """Move `soknad` (locked by the caller) by the named transition of SoknadStatus."""
    try:
        getattr(SoknadStatus(soknad), transition)()
    except fsm.TransitionNotAllowed:
        message = _REFUSED.get(transition, _REFUSED_OTHERWISE)
        current = soknad.get_status_display()
        raise DomainError(
            message % {"status": current, "fra": current, "til": S(_target(transition)).label},
            code="wrong_state",
        ) from None


def soknad_lock(soknad: Soknad) -> Soknad:
    return Soknad.objects.select_for_update().select_related("program").get(pk=soknad.pk)


def require_draft(soknad: Soknad) -> None:
    if soknad.status != S.UTKAST:
        raise DomainError(
            _("Søknaden er allerede sendt inn og kan ikke endres."), code="not_a_draft"
        )
