"""Case pages beside the flow: the whole case with its history and letters, closing a case,
and the programleder's choice when the applicant has not answered in time."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from felles import access
from felles.errors import DomainError
from felles.formatting import dato
from workflow import forms, sakside, selectors, services
from workflow.models import Brev, Sak


class CaseAccess(UserPassesTestMixin):
    """Staff who read everything; a board member only a case they have a task in."""

    def sak_pk(self) -> int:
        return self.kwargs["pk"]

    def test_func(self):
        return selectors.sak_visible_to(self.request.user, self.sak_pk())


class SakView(CaseAccess, TemplateView):
    template_name = "workflow/sak.html"

    def dispatch(self, request, *args, **kwargs):
        if url := sakside.project_case_url(kwargs["pk"]):  # a project's case: its page in plp
            return redirect(url)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        appeal = Sak.objects.filter(pk=kwargs["pk"], klage__isnull=False).first()
        if appeal is not None and appeal.prosess_id:  # an appeal's page is its process page
            return redirect("klager:process_detail", appeal.prosess_id)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        side = selectors.sak_page(self.kwargs["pk"], self.request.user)
        return super().get_context_data(
            **side, **sakside.sak_side(side["sak"], self.request.user), **kwargs
        )


class SaksnummerView(CaseAccess, TemplateView):
    """A case by its saksnummer or its decision's reference (as the ledger's commitments
    name it): to its page."""

    def sak_pk(self):
        nr = self.kwargs["saksnummer"]
        sak = Sak.objects.filter(Q(saksnummer=nr) | Q(vedtak__referanse=nr)).only("pk").first()
        if sak is None:
            raise Http404
        return sak.pk

    def dispatch(self, request, *args, **kwargs):
        if url := sakside.project_case_url(self.sak_pk()):  # a project's case: its page in plp
            return redirect(url)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return redirect(reverse("saker:sak", kwargs={"pk": self.sak_pk()}))


class BrevView(CaseAccess, TemplateView):
    def sak_pk(self):
        return get_object_or_404(Brev.objects.only("sak_id"), pk=self.kwargs["pk"]).sak_id

    def get(self, request, *args, **kwargs):
        brev = get_object_or_404(Brev, pk=kwargs["pk"])
        response = HttpResponse(bytes(brev.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{brev.filnavn}"'
        return response


class HandleAccess(UserPassesTestMixin):
    def test_func(self):
        return access.may_handle(self.request.user)


class AvsluttView(HandleAccess, FormView):
    form_class = forms.AvsluttForm
    template_name = "workflow/avslutt.html"

    def get_context_data(self, **kwargs):
        sak = get_object_or_404(Sak.objects.select_related("soknad"), pk=self.kwargs["pk"])
        return super().get_context_data(sak=sak, **kwargs)

    def form_valid(self, form):
        sak = get_object_or_404(Sak, pk=self.kwargs["pk"])
        try:
            services.sak_close(
                sak=sak, by=self.request.user, grunn=form.cleaned_data["grunn"], av_soker=False
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Saken er avsluttet."))
        return redirect(reverse("saker:sak", kwargs={"pk": sak.pk}))


class SvarfristView(HandleAccess, FormView):
    """The applicant has not answered: the programleder closes the case with a reason, or
    waits longer (the answer deadline moves, in the reminder engine too)."""

    form_class = forms.SvarfristForm
    template_name = "workflow/svarfrist.html"

    def get_context_data(self, **kwargs):
        sak = get_object_or_404(Sak.objects.select_related("soknad"), pk=self.kwargs["pk"])
        krav = sak.opplysningskrav.filter(besvart__isnull=True).last()
        return super().get_context_data(sak=sak, krav=krav, now=timezone.now(), **kwargs)

    def form_valid(self, form):
        sak = get_object_or_404(Sak, pk=self.kwargs["pk"])
        data = form.cleaned_data
        try:
            krav = services.svarfrist_decide(
                sak=sak,
                by=self.request.user,
                vent=data["valg"] == forms.SvarfristForm.VENT,
                dager=data["dager"],
                grunn=data["grunn"],
            )
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        if krav is not None:
            messages.success(self.request, _("Ny svarfrist: %(d)s.") % {"d": dato(krav.frist)})
        else:
            messages.success(self.request, _("Saken er avsluttet."))
        return redirect(reverse("saker:sak", kwargs={"pk": sak.pk}))


def not_found(*args, **kwargs):
    raise Http404
