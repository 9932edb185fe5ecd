"""A project's and a phase's states and the moves between them, as viewflow.fsm machines.

Services move a project or a phase only through these; a move not allowed from the current
state is refused with a message that names the state."""

from django.utils.translation import gettext as _
from viewflow import fsm

from felles.errors import DomainError
from plp.models import Fase, Prosjekt

F = Fase.Status
P = Prosjekt.Status
FASE_AVSLUTTET = frozenset({F.AVSLUTTET, F.STOPPET, F.BORTFALT})


class FaseTilstand:
    status = fsm.State(F, default=F.IKKE_STARTET)

    def __init__(self, fase: Fase):
        self.fase = fase

    @status.getter()
    def _get(self):
        return self.fase.status

    @status.setter()
    def _set(self, value):
        self.fase.status = value

    @status.transition(source=F.IKKE_STARTET, target=F.LOPENDE)
    def start(self):
        """The project reports that the phase has started."""

    @status.transition(source=F.LOPENDE)
    def rapporter(self):
        """A status report while the phase runs."""

    @status.transition(source=F.LOPENDE, target=F.SLUTTRAPPORT)
    def send_sluttrapport(self):
        """The final report is sent: the programleder checks it."""

    @status.transition(source=F.SLUTTRAPPORT, target=F.LOPENDE)
    def returner_sluttrapport(self):
        """The programleder returns the final report to the project."""

    @status.transition(source=F.SLUTTRAPPORT, target=F.AVSLUTTET)
    def godkjenn_sluttrapport(self):
        """The final report is approved: the phase is done."""

    @status.transition(source=[F.IKKE_STARTET, F.LOPENDE], target=F.STOPPET)
    def stopp(self):
        """The owner stops the project while the phase runs."""

    @status.transition(source=[F.IKKE_STARTET, F.LOPENDE], target=F.BORTFALT)
    def bortfall(self):
        """Not started in time, or ended without a final report: the grant lapses."""

    @status.transition(source=[F.IKKE_STARTET, F.LOPENDE])
    def endre(self):
        """A change to the phase (time, scope, budget, prosjektleder) is decided."""


class ProsjektTilstand:
    status = fsm.State(P, default=P.AKTIV)

    def __init__(self, prosjekt: Prosjekt):
        self.prosjekt = prosjekt

    @status.getter()
    def _get(self):
        return self.prosjekt.status

    @status.setter()
    def _set(self, value):
        self.prosjekt.status = value

    @status.transition(source=P.AKTIV)
    def ny_fase(self):
        """A further phase is granted."""

    @status.transition(source=P.AKTIV, target=P.STOPPET)
    def stopp(self):
        """The owner stops the project at a decision point."""

    @status.transition(source=P.AKTIV, target=P.AVSLUTTET)
    def avslutt(self):
        """The project ends: its last phase is done or lapsed, or no further phase is granted."""

    @status.transition(source=P.AKTIV, target=P.OVERLEVERT)
    def overlever(self):
        """The project is handed over to operations at its last decision point."""


def _move(machine, name: str, label: str, current: str) -> None:
    step = getattr(machine, name)
    if not step.can_proceed():
        raise DomainError(
            _("Dette kan ikke gjøres nå: %(what)s er «%(status)s».")
            % {"what": label, "status": current},
            code="wrong_state",
        )
    try:
        step()
    except fsm.TransitionNotAllowed:  # pragma: no cover - can_proceed said yes
        raise DomainError(_("Dette kan ikke gjøres nå."), code="wrong_state") from None


def fase_move(fase: Fase, name: str) -> None:
    _move(FaseTilstand(fase), name, _("fasen"), fase.get_status_display())


def prosjekt_move(prosjekt: Prosjekt, name: str) -> None:
    if prosjekt.status != P.AKTIV:
        raise DomainError(
            _("Prosjektet er %(status)s. Det kan ikke endres eller rapporteres på lenger.")
            % {"status": prosjekt.get_status_display().lower()},
            code="closed",
        )
    _move(ProsjektTilstand(prosjekt), name, _("prosjektet"), prosjekt.get_status_display())


def fase_lock(fase: Fase) -> Fase:
    return (
        Fase.objects.select_for_update(of=("self",))
        .select_related("prosjekt__program", "forpliktelse", "sak__soknad")
        .get(pk=fase.pk)
    )


def prosjekt_lock(prosjekt: Prosjekt) -> Prosjekt:
    return Prosjekt.objects.select_for_update().get(pk=prosjekt.pk)
