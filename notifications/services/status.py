"""An outbox row's status as a viewflow.fsm state machine: the one place its moves are written.

queued → sending → sent / failed; a sending row that failed for now goes back to queued;
the provider's webhook then moves a sent row to delivered / bounced / complained. A row
is locked by the caller before it moves. The sweep's bulk updates move stuck rows only
along moves written here (sending → queued, sending → failed).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow import fsm

from felles.errors import DomainError
from notifications.models import Message

S = Message.Status


class MessageStatus:
    """The allowed moves of one outbox row; each move stamps `status_changed_at`."""

    status = fsm.State(S, default=S.QUEUED)

    def __init__(self, message: Message, *, now=None):
        self.message = message
        self.now = now

    @status.getter()
    def _status_get(self) -> str:
        return self.message.status

    @status.setter()
    def _status_set(self, value: str) -> None:
        self.message.status = value
        self.message.status_changed_at = self.now or timezone.now()

    @status.transition(source=S.QUEUED, target=S.SENDING)
    def claim(self) -> None:
        """A worker takes the row to send it."""

    @status.transition(source=S.SENDING, target=S.SENT)
    def sent(self) -> None:
        """The provider accepted the e-mail."""

    @status.transition(source=S.SENDING, target=S.QUEUED)
    def retry(self) -> None:
        """Sending failed in a way that may pass: the row waits for the next attempt."""

    @status.transition(source=[S.QUEUED, S.SENDING], target=S.FAILED)
    def fail(self) -> None:
        """Sending failed for good."""

    @status.transition(source=S.SENT, target=S.DELIVERED)
    def delivered(self) -> None:
        """The provider reports the e-mail delivered."""

    @status.transition(source=[S.SENT, S.DELIVERED], target=S.BOUNCED)
    def bounced(self) -> None:
        """The recipient's server refused it, also after a first report of delivery."""

    @status.transition(source=[S.SENT, S.DELIVERED], target=S.COMPLAINED)
    def complained(self) -> None:
        """The recipient marked it as spam."""


def message_may(message: Message, transition: str) -> bool:
    """Whether the named move is allowed from the row's status."""
    return getattr(MessageStatus(message), transition).can_proceed()


def _target(transition: str) -> str:
    [target] = {t.target for t in getattr(MessageStatus, transition).get_transitions()}
    return target


def message_move(message: Message, transition: str, *, now=None) -> None:
    """Move a locked row by the named transition; a move not allowed is a DomainError."""
    try:
        getattr(MessageStatus(message, now=now), transition)()
    except fsm.TransitionNotAllowed:
        raise DomainError(
            _("E-posten kan ikke gå fra %(from)s til %(to)s.")
            % {"from": message.status, "to": _target(transition)},
            code="wrong_state",
        ) from None
