"""The case's states and the moves between them, as one viewflow.fsm state machine.

Services move a case only through these transitions; the flow only routes on the state
they set. A move that is not allowed from the case's state is refused with a message."""

from django.utils.translation import gettext as _
from viewflow import fsm

from felles.errors import DomainError
from workflow.models import Sak

S = Sak.Status
APEN = [S.KONTROLL, S.VENTER_SVAR, S.VURDERING, S.TIL_VEDTAK, S.STYRET, S.VENTER_AKSEPT]
AVSLUTTET = frozenset(set(S) - set(APEN))


class SakTilstand:
    status = fsm.State(S, default=S.KONTROLL)

    def __init__(self, sak: Sak):
        self.sak = sak

    @status.getter()
    def _get_status(self):
        return self.sak.status

    @status.setter()
    def _set_status(self, value):
        self.sak.status = value

    @status.transition(source=S.KONTROLL, target=S.VURDERING)
    def komplett(self):
        """The application is complete: on to the assessment."""

    @status.transition(source=S.KONTROLL, target=S.VENTER_SVAR)
    def be_om_opplysninger(self):
        """Something is missing: the applicant is asked."""

    @status.transition(source=S.VENTER_SVAR, target=S.KONTROLL)
    def svar_mottatt(self):
        """The applicant answered: back to the completeness check."""

    @status.transition(source=S.VENTER_SVAR)
    def forleng_svarfrist(self):
        """The answer deadline moves; the case waits on."""

    @status.transition(source=S.VURDERING, target=S.TIL_VEDTAK)
    def til_programleder(self):
        """Within the delegated limit: the programleder decides."""

    @status.transition(source=S.VURDERING, target=S.STYRET)
    def til_styret(self):
        """Above the limit, or chosen: the board decides."""

    @status.transition(source=S.STYRET)
    def stem(self):
        """The board is voting: declarations and votes are taken."""

    @status.transition(source=[S.TIL_VEDTAK, S.STYRET], target=S.VENTER_AKSEPT)
    def innvilg(self):
        """Granted: the commitment waits for the applicant's acceptance."""

    @status.transition(source=[S.TIL_VEDTAK, S.STYRET], target=S.AVSLATT)
    def avsla(self):
        """Rejected."""

    @status.transition(source=S.VENTER_AKSEPT, target=S.AKSEPTERT)
    def aksepter(self):
        """The applicant accepted the grant in time."""

    @status.transition(source=S.VENTER_AKSEPT, target=S.BORTFALT)
    def bortfall(self):
        """Not accepted in time: the grant lapses."""

    @status.transition(source=[S.VENTER_AKSEPT, S.AKSEPTERT], target=S.OPPHEVET)
    def opphev(self):
        """The deciding body cancelled the grant after advance notice (omgjøring)."""

    @status.transition(source=S.KLAGE, target=S.VENTER_AKSEPT)
    def klage_innvilg(self):
        """An appeal granted money: the new commitment waits for the applicant's acceptance."""

    @status.transition(source=S.KLAGE, target=S.KLAGE_AVSLUTTET)
    def klage_avslutt(self):
        """The appeal is decided or dismissed, and nothing waits."""

    @status.transition(source=S.KONTROLL, target=S.GODKJENT)
    def godkjenn(self):
        """A project's report is checked and approved (plp)."""

    @status.transition(source=[S.TIL_VEDTAK, S.STYRET], target=S.INNVILGET)
    def innvilg_endring(self):
        """A project's change request is granted (plp); no money is committed."""

    @status.transition(source=APEN, target=S.TRUKKET)
    def trekk(self):
        """The applicant withdrew."""

    @status.transition(source=APEN, target=S.AVBRUTT)
    def avbryt(self):
        """The programleder dismissed the case before any decision (avvisning)."""


def _wrong_state(sak: Sak) -> DomainError:
    return DomainError(
        _("Saken er ikke i riktig steg for dette (status: %(status)s).")
        % {"status": sak.get_status_display()},
        code="wrong_state",
    )


def sak_move(sak: Sak, transition: str) -> None:
    """Move `sak` by the named transition, or refuse with a message for a person."""
    try:
        getattr(SakTilstand(sak), transition)()
    except fsm.TransitionNotAllowed:
        raise _wrong_state(sak) from None


def sak_require(sak: Sak, *transitions: str) -> None:
    """Refuse unless one of the named transitions may be taken from the case's state."""
    tilstand = SakTilstand(sak)
    if not any(getattr(tilstand, name).can_proceed() for name in transitions):
        raise _wrong_state(sak)
