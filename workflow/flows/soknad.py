"""From a submitted application to a decision and its acceptance. Read top to bottom.

Each step calls one service of workflow.services; the predicates below only route on the
case's state that those services set.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from felles.access import FlowAccess
from workflow import nodes, regler, views
from workflow.models import Sak, Saksbehandling, Tilsagn
from workflow.nodes import LederView, PerMemberSplit
from workflow.services import sak_start
from workflow.services.prosess import prosess_sak, prosess_sak_begin

B = Sak.Status
BEHANDLE = "workflow.behandle_sak"
# Each task in the inbox names its case, so a person with many tasks can tell them apart.
SAK = "{{ process.data.saksnummer }}: {{ process.data.tittel }}"


class SoknadFlow(FlowAccess, flow.Flow):
    process_class = Saksbehandling
    lock_impl = lock.select_for_update_lock
    process_title = _("Søknad")
    process_description = _("Søknader fra innsending til vedtak og aksept.")
    process_summary_template = "{{ process.data.saksnummer }}: {{ process.data.tittel }}"

    start = (
        flow.StartHandle(this.start_case)
        .Annotation(title=_("Søknaden er sendt inn"))
        .Next(this.kontroll)
    )

    kontroll = (
        nodes.View(views.KontrollView.as_view())
        .Annotation(title=_("Kompletthetskontroll"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.programleder_of_case)
        .Next(this.er_komplett)
    )
    er_komplett = (
        flow.If(this.is_complete)
        .Annotation(title=_("Er søknaden komplett?"))
        .Then(this.vurdering)
        .Else(this.venter_svar)
    )
    venter_svar = (
        flow.Handle(this.answer_received)
        .Annotation(title=_("Venter på svar fra søker"))
        .Next(this.kontroll)
    )

    vurdering = (
        nodes.View(views.VurderingView.as_view())
        .Annotation(title=_("Vurdering og innstilling"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.programleder_of_case)
        .Next(this.styret)
    )

    delegert_vedtak = (
        nodes.View(views.DelegertVedtakView.as_view())
        .Annotation(title=_("Vedtak (delegert)"), summary_template=SAK)
        .Permission(BEHANDLE)
        .Assign(this.programleder_of_case)
        .Next(this.innvilget)
    )

    # Who decides: within the delegated limit the programleder, else every board member.
    styret = (
        PerMemberSplit(this.board_members)
        .Annotation(title=_("Hvem vedtar: styret eller programleder"))
        .Next(this.stemme)
        .Also(this.stemmefrist)
        .Instead(this.is_delegated, this.delegert_vedtak)
    )
    stemme = (
        nodes.View(views.StemmeView.as_view())
        .Annotation(title=_("Habilitet og stemme"), summary_template=SAK)
        .Assign(this.member_of_task)
        .Next(this.stemmer_inne)
    )
    stemmefrist = (
        flow.Timer(this.vote_deadline)
        .Annotation(title=_("Frist for å stemme"))
        .Next(this.stemmer_inne)
    )
    stemmer_inne = (
        flow.Join(continue_on_condition=this.voting_closed)
        .Annotation(title=_("Alle stemmer er inne"))
        .Next(this.bekreft)
    )
    # The chair leading the case confirms: the styreleder, or a settestyreleder when the
    # styreleder is disqualified in it (forvaltningsloven § 6).
    bekreft = (
        LederView(views.BekreftView.as_view())
        .Annotation(title=_("Styreleder bekrefter vedtaket"), summary_template=SAK)
        .Assign(this.chair)
        .Next(this.innvilget)
    )

    innvilget = (
        flow.If(this.is_granted)
        .Annotation(title=_("Innvilget eller avslått?"))
        .Then(this.aksept)
        .Else(this.avslatt)
    )
    aksept = (
        flow.Handle(this.acceptance_settled)
        .Annotation(title=_("Venter på søkers aksept"))
        .Next(this.akseptert_eller_ikke)
    )
    akseptert_eller_ikke = (
        flow.If(this.is_accepted)
        .Annotation(title=_("Akseptert eller falt bort?"))
        .Then(this.akseptert)
        .Else(this.bortfalt)
    )

    akseptert = flow.End().Annotation(title=_("Innvilget og akseptert"))
    avslatt = flow.End().Annotation(title=_("Avslått"))
    bortfalt = flow.End().Annotation(title=_("Tilsagnet falt bort"))

    # -- Callbacks: one line into a service ----------------------------------------------

    def start_case(self, activation, soknad):
        return prosess_sak_begin(activation.process, sak_start(soknad=soknad))

    def answer_received(self, activation):
        """Resumed by the applicant's answer (workflow.services.opplysninger_answer)."""

    def acceptance_settled(self, activation):
        """Resumed by acceptance or lapse (workflow.services.tilsagn_accept, tilsagn_lapse)."""

    # -- Who does what --------------------------------------------------------------------

    def programleder_of_case(self, activation):
        return _case(activation).programleder

    def board_members(self, activation):
        return [member.pk for member in regler.styret(_case(activation))]

    def member_of_task(self, activation):
        # The owner is stored by id: the split already chose among the active members.
        from django.contrib.auth import get_user_model

        return get_user_model()(pk=activation.task.data["medlem"])

    def chair(self, activation):
        return regler.moteleder(_case(activation)).user

    def vote_deadline(self, activation):
        return _case(activation).stemmefrist

    # -- Named predicates on the case -----------------------------------------------------

    def is_complete(self, activation):
        return _case(activation).status == B.VURDERING

    def is_delegated(self, activation):
        return _case(activation).status == B.TIL_VEDTAK

    def voting_closed(self, activation, active_tasks=None):
        sak = _case(activation)
        if not hasattr(sak, "_stemmetall"):  # once per request: the join asks per branch
            sak._stemmetall = regler.stemmetall(sak)
        return sak._stemmetall.avsluttet

    def is_granted(self, activation):
        return _case(activation).status == B.VENTER_AKSEPT

    def is_accepted(self, activation):
        return _case(activation).vedtak.tilsagn.status == Tilsagn.Status.AKSEPTERT


def _case(activation) -> Sak:
    return prosess_sak(activation.process)
