"""A project from phase to phase (PLP). Read top to bottom.

The free edition of viewflow has no subprocess: at a decision point where the owner goes on,
the next phase's application is its own case (workflow's SoknadFlow), and this flow waits on
a Handle node until that case ends. Every step is done by a service of plp.services, which
resumes the node waiting for it; the predicates below only route on the state they set.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from felles.access import FlowAccess
from plp.models import Beslutningspunkt, Fase, Prosjekt, Prosjektforlop, Sluttrapport


class ProsjektFlow(FlowAccess, flow.Flow):
    process_class = Prosjektforlop
    lock_impl = lock.select_for_update_lock
    process_title = _("Prosjekt")
    process_description = _("Et prosjekt fra fase til fase etter PLP.")
    process_summary_template = "{{ process.data.navn }}"

    start = flow.StartHandle(this.start_project).Next(this.lopende)

    # The phase runs: status reports (and payout requests) until the final report is sent.
    lopende = (
        flow.Handle(this.final_report_sent)
        .Annotation(title=_("Fasen pågår"))
        .Next(this.sluttrapport_kontroll)
    )
    # The programleder checks the final report: approves it or returns it.
    sluttrapport_kontroll = (
        flow.Handle(this.final_report_checked)
        .Annotation(title=_("Programleder kontrollerer sluttrapporten"))
        .Next(this.godkjent)
    )
    godkjent = flow.If(this.is_approved).Then(this.beslutningspunkt).Else(this.lopende)
    # The owner decides, with the steering group: go on, change course, stop or hand over.
    beslutningspunkt = (
        flow.Handle(this.decided).Annotation(title=_("Beslutningspunkt")).Next(this.videre)
    )
    videre = flow.If(this.goes_on).Then(this.neste_fase).Else(this.avsluttet)
    # The next phase's application is a case of its own; wait until it ends.
    neste_fase = (
        flow.Handle(this.next_case_ended)
        .Annotation(title=_("Søknad om neste fase til behandling"))
        .Next(this.ny_fase)
    )
    ny_fase = flow.If(this.has_new_phase).Then(this.lopende).Else(this.avsluttet)

    avsluttet = flow.End().Annotation(title=_("Prosjektet er avsluttet"))

    # -- Callbacks ---------------------------------------------------------------------------

    def start_project(self, activation, prosjekt):
        activation.process.artifact = prosjekt
        activation.process.data = {"navn": prosjekt.navn}
        return activation.process

    def final_report_sent(self, activation):
        """Resumed by plp.services.sluttrapport_submit."""

    def final_report_checked(self, activation):
        """Resumed by plp.services.sluttrapport_approve or sluttrapport_return."""

    def decided(self, activation):
        """Resumed by plp.services.beslutningspunkt_decide."""

    def next_case_ended(self, activation):
        """Resumed when the next phase's case ends (plp.services.sak_avsluttet)."""

    # -- Predicates on the project's state ---------------------------------------------------

    def is_approved(self, activation):
        fase = _last_phase(activation)
        rapport = Sluttrapport.objects.filter(fase=fase).first()
        return rapport is not None and rapport.status == Sluttrapport.Status.GODKJENT

    def goes_on(self, activation):
        bp = Beslutningspunkt.objects.filter(fase=_last_phase(activation)).first()
        return bp is not None and bp.neste_soknad_id is not None

    def has_new_phase(self, activation):
        return _last_phase(activation).status == Fase.Status.IKKE_STARTET


def _last_phase(activation) -> Fase:
    prosjekt = Prosjekt.objects.get(pk=activation.process.artifact_object_id)
    return prosjekt.faser.order_by("-rekkefolge").first()
