"""Staff pages of the cancellation of a grant: the programleder's advance notice, and the
decision by the body that made the grant (the service refuses anyone else)."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from felles import access
from felles.errors import DomainError
from felles.roles import Rolle, has_role
from workflow import omgjoring_forms, regler, services
from workflow.models import Omgjoring, Sak


def _error(form, exc: DomainError):
    exc.add_to(form)
    return form


class VarselView(UserPassesTestMixin, FormView):
    form_class = omgjoring_forms.VarselForm
    template_name = "workflow/omgjoring_varsel.html"

    def test_func(self):
        return access.may_handle(self.request.user)

    def get_initial(self):
        sak = get_object_or_404(Sak.objects.select_related("soknad__program"), pk=self.kwargs["pk"])
        return {"dager": regler.regler_for(sak.soknad.program).merknadsfrist_dager}

    def get_context_data(self, **kwargs):
        sak = get_object_or_404(Sak.objects.select_related("soknad"), pk=self.kwargs["pk"])
        return super().get_context_data(sak=sak, **kwargs)

    def form_valid(self, form):
        sak = get_object_or_404(Sak, pk=self.kwargs["pk"])
        try:
            services.omgjoring_notify(sak=sak, by=self.request.user, **form.cleaned_data)
        except DomainError as exc:
            return self.form_invalid(_error(form, exc))
        messages.success(self.request, _("Forhåndsvarselet er sendt til søkeren."))
        return redirect(reverse("saker:sak", kwargs={"pk": sak.pk}))


class VedtakView(UserPassesTestMixin, FormView):
    form_class = omgjoring_forms.OmgjoringVedtakForm
    template_name = "workflow/omgjoring_vedtak.html"

    def test_func(self):
        user = self.request.user
        return access.may_handle(user) or (
            user.is_authenticated and has_role(user, Rolle.STYRELEDER, Rolle.STYREMEDLEM)
        )

    def omgjoring(self) -> Omgjoring:
        return get_object_or_404(
            Omgjoring.objects.select_related("sak__soknad", "vedtak"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(omgjoring=self.omgjoring(), **kwargs)

    def form_valid(self, form):
        omgjoring = self.omgjoring()
        data = form.cleaned_data
        try:
            services.omgjoring_decide(
                omgjoring=omgjoring,
                by=self.request.user,
                opphev=data["utfall"] == form.OPPHEV,
                hovedhensyn=data["hovedhensyn"],
                merknad_vurdering=data["merknad_vurdering"],
            )
        except DomainError as exc:
            return self.form_invalid(_error(form, exc))
        messages.success(self.request, _("Vedtaket er registrert."))
        return redirect(reverse("saker:sak", kwargs={"pk": omgjoring.sak_id}))
