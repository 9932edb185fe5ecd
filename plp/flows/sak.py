"""A project's own case (a payout request, a final report, a change request) in the staff
inbox. Read top to bottom.

The flow only routes: the case's task opens the existing staff form for it, and the service
that decides (plp.services) completes the task. A case returned to the project waits until
the project sends it again.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from felles.access import FlowAccess
from plp.models import Sluttrapport, Utbetaling
from plp.views import oppgave as views
from workflow.models import Sak, Saksbehandling

BEHANDLE = "workflow.behandle_sak"
SAK = "{{ process.data.saksnummer }} – {{ process.data.prosjekt }}"


class ProsjektsakFlow(FlowAccess, flow.Flow):
    process_class = Saksbehandling
    lock_impl = lock.select_for_update_lock
    process_title = _("Prosjektsaker")
    process_description = _(
        "Utbetalingsanmodninger, sluttrapporter og endringssøknader fra prosjektene."
    )
    process_summary_template = SAK

    start = flow.StartHandle(this.start_case).Next(this.hvem)

    # Who has the case now: decided, back with the project, or with the programleder.
    hvem = (
        flow.Switch()
        .Case(this.ferdig, this.is_decided)
        .Case(this.venter, this.is_with_project)
        .Case(this.utbetaling, this.is_payout)
        .Case(this.sluttrapport, this.is_final_report)
        .Default(this.endring)
    )
    utbetaling = (
        flow.View(views.OppgaveView.as_view())
        .Annotation(title=_("Utbetalingsanmodning"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.decider)
        .Next(this.hvem)
    )
    sluttrapport = (
        flow.View(views.OppgaveView.as_view())
        .Annotation(title=_("Sluttrapport til kontroll"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.decider)
        .Next(this.hvem)
    )
    endring = (
        flow.View(views.OppgaveView.as_view())
        .Annotation(title=_("Endringssøknad til vedtak"), summary_template=SAK)
        .Assign(this.decider)
        .Next(this.hvem)
    )
    # Returned to the project: resumed when it is sent again.
    venter = (
        flow.Handle(this.sent_again).Annotation(title=_("Venter på prosjektet")).Next(this.hvem)
    )

    ferdig = flow.End().Annotation(title=_("Saken er avgjort"))

    # -- Callbacks ---------------------------------------------------------------------------

    def start_case(self, activation, sak):
        activation.process.artifact = sak
        activation.process.data = {
            "saksnummer": sak.saksnummer,
            "prosjekt": sak.emne.fase.prosjekt.navn,
        }
        activation.process._sak = sak
        return activation.process

    def sent_again(self, activation):
        """Resumed by plp.services (utbetaling_resubmit, sluttrapport_submit)."""

    # -- Who does what -----------------------------------------------------------------------

    def decider(self, activation):
        from plp.selectors import prosjektsak_beslutter

        return prosjektsak_beslutter(_case(activation))

    # -- Named predicates on the case --------------------------------------------------------

    def is_decided(self, activation):
        return _case(activation, fresh=True).avsluttet is not None

    def is_with_project(self, activation):
        sak = _case(activation)
        if sak.plp_utbetaling_id:
            return sak.plp_utbetaling.status == Utbetaling.Status.RETURNERT
        if sak.sluttrapport_id:
            return sak.sluttrapport.status == Sluttrapport.Status.RETURNERT
        return False

    def is_payout(self, activation):
        return _case(activation).plp_utbetaling_id is not None

    def is_final_report(self, activation):
        return _case(activation).sluttrapport_id is not None


def _case(activation, fresh=False) -> Sak:
    """The case, read once per step (`fresh` when the routing starts again)."""
    process = activation.process
    sak = getattr(process, "_sak", None)
    if sak is None or fresh:
        sak = Sak.objects.select_related("plp_utbetaling", "sluttrapport", "endringssoknad").get(
            pk=process.artifact_object_id
        )
        process._sak = sak
    return sak
