"""The board's meetings: the list, one meeting's agenda (saksliste) with its decisions, the
minutes (protokoll) as PDF, and planning a meeting."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from felles import access
from felles.errors import DomainError
from workflow import forms, selectors, services
from workflow.models import Mote


class MeetingAccess(UserPassesTestMixin):
    """The meeting view is for the board, the programleder and observers."""

    def test_func(self):
        return access.may_see_meetings(self.request.user)


class MoterView(MeetingAccess, TemplateView):
    template_name = "workflow/moter.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            moter=Mote.objects.order_by("-dato"),
            kan_planlegge=access.may_plan_meetings(self.request.user),
            **kwargs,
        )


class MoteView(MeetingAccess, TemplateView):
    template_name = "workflow/mote.html"

    def get_context_data(self, **kwargs):
        mote = get_object_or_404(Mote.objects.select_related("program"), pk=self.kwargs["pk"])
        return super().get_context_data(
            **selectors.mote_saksliste(mote, self.request.user),
            kan_planlegge=access.may_plan_meetings(self.request.user),
            **kwargs,
        )


class ProtokollView(MeetingAccess, TemplateView):
    def get(self, request, *args, **kwargs):
        mote = get_object_or_404(Mote.objects.select_related("program"), pk=kwargs["pk"])
        response = HttpResponse(
            selectors.protokoll_pdf(mote, request.user), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="protokoll-{mote.dato}.pdf"'
        return response


class MotePlanAccess(UserPassesTestMixin):
    """The programleder and the chair (and administrators) plan the board's meetings."""

    def test_func(self):
        return access.may_plan_meetings(self.request.user)


class MoteNyView(MotePlanAccess, FormView):
    form_class = forms.MoteForm
    template_name = "workflow/mote_skjema.html"
    mote = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mote": self.mote}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mote=self.mote, **kwargs)

    def save(self, data):
        return services.mote_create(by=self.request.user, **data)

    def form_valid(self, form):
        try:
            mote = self.save(form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        messages.success(self.request, _("Møtet er lagret."))
        return redirect(reverse("saker:mote", kwargs={"pk": mote.pk}))


class MoteEndreView(MoteNyView):
    def dispatch(self, request, *args, **kwargs):
        self.mote = get_object_or_404(Mote.objects.select_related("program"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def save(self, data):
        data.pop("program", None)
        return services.mote_update(mote=self.mote, by=self.request.user, **data)
