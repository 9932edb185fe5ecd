"""The appeal's pages: the applicant's appeal on Min side, staff registering an appeal
received by letter, and the appeal's task pages in the staff site. Each parses input,
calls one service, and presents the result."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from viewflow.workflow.flow.views import mixins

from felles import access
from felles.errors import DomainError
from soknader.selectors import soknad_for_user, soknad_for_user_by_saksnummer
from soknader.views.minside import soker_required
from workflow import klage_forms as forms
from workflow import neste, services, utfall
from workflow.models import Klage, Sak
from workflow.services.prosess import prosess_sak_known

# -- Min side -----------------------------------------------------------------------------


@soker_required
def klage_ny(request, saksnummer):
    """The applicant appeals the decision of their application's case."""
    soknad = soknad_for_user_by_saksnummer(request.user, saksnummer)
    sak = Sak.objects.select_related("vedtak", "soknad__program").filter(soknad=soknad).first()
    if sak is None or not hasattr(sak, "vedtak"):
        raise Http404
    form = forms.KlageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.klage_register(
                sak=sak, by=request.user, kanal=Klage.Kanal.MIN_SIDE, **form.cleaned_data
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Klagen er sendt. Du får en bekreftelse på e-post."))
            return redirect(soknad.minside_path)
    return render(
        request, "workflow/minside/klage.html", {"soknad": soknad, "sak": sak, "form": form}
    )


@soker_required
@require_POST
def klage_aksept(request, pk):
    """The applicant accepts a grant made after an appeal."""
    klage = get_object_or_404(Klage.objects.select_related("sak"), pk=pk)
    soknad = soknad_for_user(request.user, klage.paklaget.soknad_id)
    try:
        services.tilsagn_accept(sak=klage.sak, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Tilsagnet er akseptert."))
    return redirect(soknad.minside_path)


# -- Staff: an appeal received by letter --------------------------------------------------


class KlageRegistrerView(UserPassesTestMixin, FormView):
    form_class = forms.KlageBrevForm
    template_name = "workflow/klage/registrer.html"

    def test_func(self):
        return access.may_handle(self.request.user)

    def get_context_data(self, **kwargs):
        sak = get_object_or_404(Sak.objects.select_related("soknad"), pk=self.kwargs["pk"])
        return super().get_context_data(sak=sak, **kwargs)

    def form_valid(self, form):
        sak = get_object_or_404(Sak, pk=self.kwargs["pk"])
        try:
            klage = services.klage_register(
                sak=sak, by=self.request.user, kanal=Klage.Kanal.BREV, **form.cleaned_data
            )
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        if klage.for_sent:
            messages.warning(self.request, _("Klagen kom etter fristen."))
        else:
            messages.success(self.request, _("Klagen er registrert."))
        return redirect(reverse("saker:sak", kwargs={"pk": sak.pk}))


# -- Staff: the appeal's tasks ------------------------------------------------------------


class KlageTaskView(mixins.TaskSuccessUrlMixin, FormView):
    template_name = "workflow/klage/task.html"

    @property
    def sak(self) -> Sak:
        if not hasattr(self, "_sak"):
            self._sak = Sak.objects.select_related(
                "klage__vedtak", "klage__paklaget__soknad__program", "vedtak__tilsagn"
            ).get(prosess_id=self.request.activation.process.pk)
        return self._sak

    def get_context_data(self, **kwargs):
        klage = self.sak.klage
        return super().get_context_data(
            sak=self.sak,
            klage=klage,
            paklaget=klage.paklaget,
            soknad=klage.paklaget.soknad,
            **kwargs,
        )

    def act(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            klage = self.act(form)
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        prosess_sak_known(self.request.activation.process, Sak.objects.get(klage=klage))
        self.request.activation.execute()
        messages.success(
            self.request, neste.etter_oppgave(self.sak.saksnummer, self.request.activation)
        )
        return redirect(self.get_success_url())


class FristView(KlageTaskView):
    form_class = forms.FristForm

    def act(self, form):
        data = form.cleaned_data
        return services.klage_late_decide(
            sak=self.sak,
            by=self.request.user,
            behandle=data["valg"] == forms.FristForm.BEHANDLE,
            begrunnelse=data["begrunnelse"],
        )


class PotsMixin:
    def get_form_kwargs(self):
        program = self.sak.klage.paklaget.soknad.program
        return {**super().get_form_kwargs(), "pots": utfall.potter_for_vedtak(program)}


class UnderinstansView(PotsMixin, KlageTaskView):
    form_class = forms.UnderinstansForm

    def act(self, form):
        data = form.cleaned_data
        if data["valg"] == forms.UnderinstansForm.AVVIS:
            return services.klage_dismiss(
                sak=self.sak, by=self.request.user, begrunnelse=data["begrunnelse"]
            )
        return services.klage_review(
            sak=self.sak,
            by=self.request.user,
            omgjor=data["valg"] == forms.UnderinstansForm.OMGJOR,
            begrunnelse=data["begrunnelse"],
            belop=data["belop"],
            pot=data["pot"],
            vilkar=data["vilkar"],
        )


class OversendView(KlageTaskView):
    form_class = forms.OversendForm

    def act(self, form):
        return services.klage_forward(
            sak=self.sak, by=self.request.user, uttalelse=form.cleaned_data["uttalelse"]
        )


class KlageorganView(PotsMixin, KlageTaskView):
    form_class = forms.KlageorganForm

    def act(self, form):
        data = form.cleaned_data
        return services.klage_body_decision(
            sak=self.sak,
            by=self.request.user,
            resultat=data["resultat"],
            dato=data["resultat_dato"],
            begrunnelse=data["begrunnelse"],
            brev=data["brev"],
            belop=data["belop"],
            pot=data["pot"],
            vilkar=data["vilkar"],
        )
