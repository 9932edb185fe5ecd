"""An appeal (klage) from its receipt to its end. Read top to bottom.

Each step calls one service of workflow.services.klage / klage_avgjorelse; the predicates
below only route on the appeal's state that those services set.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from felles.access import FlowAccess
from workflow import nodes
from workflow.models import Klage, Sak, Saksbehandling
from workflow.services.klage import klage_sak_open, vurderer
from workflow.services.prosess import prosess_sak, prosess_sak_begin
from workflow.views import klage as views

KS = Klage.Status
BEHANDLE = "workflow.behandle_sak"
SAK = "{{ process.data.saksnummer }}: {{ process.data.tittel }}"


class KlageFlow(FlowAccess, flow.Flow):
    process_class = Saksbehandling
    lock_impl = lock.select_for_update_lock
    process_title = _("Klage")
    process_description = _("Klager på vedtak: ny vurdering, oversendelse og klageorganets vedtak.")
    process_summary_template = SAK

    start = (
        flow.StartHandle(this.start_case)
        .Annotation(title=_("Klagen er mottatt"))
        .Next(this.er_for_sent)
    )
    er_for_sent = (
        flow.If(this.is_late)
        .Annotation(title=_("Kom klagen for sent?"))
        .Then(this.fristvurdering)
        .Else(this.underinstans)
    )

    # A late appeal: considered all the same (§ 31), or dismissed.
    fristvurdering = (
        nodes.View(views.FristView.as_view())
        .Annotation(title=_("Klage etter fristen: behandle eller avvise"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.programleder_of_case)
        .Next(this.avvist_eller_ikke)
    )
    avvist_eller_ikke = (
        flow.If(this.is_dismissed)
        .Annotation(title=_("Avvist eller behandles?"))
        .Then(this.avvist)
        .Else(this.underinstans)
    )

    # The deciding body reviews first (§ 33): the programleder, or the chair for the board.
    underinstans = (
        nodes.View(views.UnderinstansView.as_view())
        .Annotation(title=_("Ny vurdering av vedtaket etter klage"), summary_template=SAK)
        .Assign(this.reviewer)
        .Next(this.etter_vurdering)
    )
    etter_vurdering = (
        flow.Switch()
        .Annotation(title=_("Utfallet av den nye vurderingen"))
        .Case(this.avvist, this.is_dismissed)
        .Case(this.aksept, this.is_granted)
        .Default(this.oversend)
    )
    oversend = (
        nodes.View(views.OversendView.as_view())
        .Annotation(title=_("Send klagen til klageorganet"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.programleder_of_case)
        .Next(this.klageorgan)
    )
    klageorgan = (
        nodes.View(views.KlageorganView.as_view())
        .Annotation(title=_("Registrer klageorganets vedtak"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.programleder_of_case)
        .Next(this.etter_klageorgan)
    )
    etter_klageorgan = (
        flow.If(this.is_granted)
        .Annotation(title=_("Innvilget av klageorganet?"))
        .Then(this.aksept)
        .Else(this.avgjort)
    )

    aksept = (
        flow.Handle(this.acceptance_settled)
        .Annotation(title=_("Venter på søkers aksept"))
        .Next(this.ferdig)
    )

    avvist = flow.End().Annotation(title=_("Klagen er avvist"))
    avgjort = flow.End().Annotation(title=_("Klagen er avgjort"))
    ferdig = flow.End().Annotation(title=_("Tilsagn etter klage avgjort"))

    # -- Callbacks: one line into a service ----------------------------------------------

    def start_case(self, activation, klage):
        return prosess_sak_begin(activation.process, klage_sak_open(klage=klage))

    def acceptance_settled(self, activation):
        """Resumed by acceptance or lapse (workflow.services.tilsagn_accept, tilsagn_lapse)."""

    # -- Who does what --------------------------------------------------------------------

    def programleder_of_case(self, activation):
        return _case(activation).programleder

    def reviewer(self, activation):
        return vurderer(_case(activation))

    # -- Named predicates on the appeal ---------------------------------------------------

    def is_late(self, activation):
        return _klage(activation).status == KS.FOR_SENT

    def is_dismissed(self, activation):
        return _klage(activation).status == KS.AVVIST

    def is_granted(self, activation):
        return _case(activation).status == Sak.Status.VENTER_AKSEPT


def _case(activation) -> Sak:
    return prosess_sak(activation.process)


def _klage(activation) -> Klage:
    return _case(activation).klage
