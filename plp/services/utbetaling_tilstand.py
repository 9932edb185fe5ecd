"""A payout request's states and the moves between them, as one viewflow.fsm state machine."""

from django.utils.translation import gettext as _
from viewflow import fsm

from felles.errors import DomainError
from plp.models import Utbetaling

S = Utbetaling.Status


class UtbetalingTilstand:
    status = fsm.State(S, default=S.INNSENDT)

    def __init__(self, utbetaling: Utbetaling):
        self.utbetaling = utbetaling

    @status.getter()
    def _get_status(self):
        return self.utbetaling.status

    @status.setter()
    def _set_status(self, value):
        self.utbetaling.status = value

    @status.transition(source=S.INNSENDT, target=S.GODKJENT)
    def godkjenn(self):
        """Approved, in full or reduced: the payout is posted against the commitment."""

    @status.transition(source=S.INNSENDT, target=S.RETURNERT)
    def returner(self):
        """Sent back with reasons; the applicant may correct and send it again."""

    @status.transition(source=S.RETURNERT, target=S.INNSENDT)
    def send_igjen(self):
        """The applicant sent the corrected request."""

    @status.transition(source=S.GODKJENT, target=S.BETALT)
    def betal(self):
        """The municipality's accounting has paid it."""


def utbetaling_move(utbetaling: Utbetaling, transition: str) -> None:
    try:
        getattr(UtbetalingTilstand(utbetaling), transition)()
    except fsm.TransitionNotAllowed:
        raise DomainError(
            _("Utbetalingsanmodningen er ikke i riktig steg for dette (status: %(status)s).")
            % {"status": utbetaling.get_status_display()},
            code="wrong_state",
        ) from None
