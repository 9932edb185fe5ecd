"""The appeal's states and the moves between them (forvaltningsloven §§ 31–34)."""

from django.utils.translation import gettext as _
from viewflow import fsm

from felles.errors import DomainError
from workflow.models import Klage

K = Klage.Status


class KlageTilstand:
    status = fsm.State(K, default=K.UNDERINSTANS)

    def __init__(self, klage: Klage):
        self.klage = klage

    @status.getter()
    def _get_status(self):
        return self.klage.status

    @status.setter()
    def _set_status(self, value):
        self.klage.status = value

    @status.transition(source=K.FOR_SENT, target=K.UNDERINSTANS)
    def behandle(self):
        """Late, but considered all the same (§ 31), with reasons."""

    @status.transition(source=[K.FOR_SENT, K.UNDERINSTANS], target=K.AVVIST)
    def avvis(self):
        """Dismissed (avvisning), itself a decision with a letter."""

    @status.transition(source=K.UNDERINSTANS, target=K.OMGJORT)
    def omgjor(self):
        """The deciding body changes its own decision (§ 33 second paragraph)."""

    @status.transition(source=K.UNDERINSTANS, target=K.TIL_OVERSENDELSE)
    def opprettholdt(self):
        """The deciding body keeps its decision: the appeal is prepared for the appeal body."""

    @status.transition(source=K.TIL_OVERSENDELSE, target=K.OVERSENDT)
    def oversend(self):
        """Sent to the appeal body with the statement (§ 33 fourth paragraph)."""

    @status.transition(source=K.OVERSENDT, target=K.AVGJORT)
    def avgjor(self):
        """The appeal body has decided; its decision is final (§ 28 third paragraph)."""


def klage_move(klage: Klage, transition: str) -> None:
    try:
        getattr(KlageTilstand(klage), transition)()
    except fsm.TransitionNotAllowed:
        raise DomainError(
            _("Klagen er ikke i riktig steg for dette (status: %(status)s).")
            % {"status": klage.get_status_display()},
            code="wrong_state",
        ) from None
