"""Staff pages for the impact indicators: every indicator with its value per year, and one
indicator's page where the programleder records a year's value. Everyone on the staff side
sees them; only the programleder and administrators enter values or add indicators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from felles.access import may_handle
from handlingsplan import selectors
from handlingsplan.forms_indikator import IndikatorForm, IndikatorverdiForm
from handlingsplan.views import StaffRequiredMixin


def may_record_indicators(user) -> bool:
    """The programleder and administrators enter values; the board and observers read."""
    return may_handle(user)


class IndikatorMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.method == "POST" and not may_record_indicators(request.user):
            raise PermissionDenied
        self.program = selectors.indikator_program(request.GET.get("program", ""))
        if self.program is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            program=self.program, kan_registrere=may_record_indicators(self.request.user), **kwargs
        )


class IndikatorListeView(IndikatorMixin, FormView):
    template_name = "handlingsplan/staff/indikatorer.html"
    form_class = IndikatorForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            oversikt=selectors.indikator_oversikt(self.program), **kwargs
        )

    def form_valid(self, form):
        if not form.save():
            return self.form_invalid(form)
        messages.success(
            self.request, _("Indikatoren «%(navn)s» er lagt til.") % {"navn": form.result.navn}
        )
        return redirect(reverse("handlingsplan:indikator", args=[form.result.pk]))


class IndikatorView(IndikatorMixin, FormView):
    template_name = "handlingsplan/staff/indikator.html"
    form_class = IndikatorverdiForm

    def get_oversikt(self):
        if not hasattr(self, "_oversikt"):
            oversikt = selectors.indikator_oversikt(self.program, indikator_id=self.kwargs["pk"])
            if not oversikt.rader:
                raise Http404
            self._oversikt = oversikt
        return self._oversikt

    def get_form_kwargs(self):
        rad = self.get_oversikt().rader[0]
        return {**super().get_form_kwargs(), "indikator": rad.indikator, "user": self.request.user}

    def get_initial(self):
        """?ar=2023 opens that year; its value, if any, is filled in to be changed."""
        rad = self.get_oversikt().rader[0]
        try:
            ar = int(self.request.GET.get("ar", ""))
        except ValueError:
            return {}
        verdi = rad.verdier.get(ar)
        if verdi is None:
            return {"ar": ar}
        return {
            "ar": ar,
            "verdi": f"{verdi.verdi.normalize():f}".replace(".", ","),
            "enhet": verdi.enhet,
            "kilde": verdi.kilde,
            "merknad": verdi.merknad,
        }

    def get_context_data(self, **kwargs):
        oversikt = self.get_oversikt()
        rad = oversikt.rader[0]
        return super().get_context_data(
            oversikt=oversikt, rad=rad, indikator=rad.indikator, **kwargs
        )

    def form_valid(self, form):
        if not form.save():
            return self.form_invalid(form)
        verdi = form.result
        messages.success(
            self.request,
            _("Verdien for %(ar)s er lagret.") % {"ar": verdi.ar},
        )
        return redirect(reverse("handlingsplan:indikator", args=[verdi.indikator_id]))
