"""Staff pages of the handlingsplan app: the plan overview, a pot's ledger, reallocation.

Thin: they read through `handlingsplan.selectors`, write through one service via
`OmfordelingForm`, and check who may do what.
"""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from felles.access import may_read_all
from felles.formatting import kr
from felles.roles import is_staff_member
from handlingsplan import selectors
from handlingsplan.forms import OmfordelingForm
from handlingsplan.models import Pot

OMFORDELE_PERMISSION = "handlingsplan.omfordele_pot"


def can_reallocate(user) -> bool:
    return is_staff_member(user) and user.has_perm(OMFORDELE_PERMISSION)


class StaffRequiredMixin(AccessMixin):
    """Anonymous people go to the login page; logged-in people without a staff role get 403."""

    raise_exception = False

    def allowed(self, user) -> bool:
        return is_staff_member(user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed(request.user):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class PlanOverviewView(StaffRequiredMixin, TemplateView):
    template_name = "handlingsplan/staff/oversikt.html"

    def get_context_data(self, **kwargs):
        try:
            ar = int(self.request.GET.get("ar", ""))
        except ValueError:
            ar = None
        return super().get_context_data(
            oversikt=selectors.plan_overview(ar=ar),
            kan_omfordele=can_reallocate(self.request.user),
            # A commitment links to its case for those who read every case; a board
            # member reads only the cases they have a task in.
            kan_se_saker=may_read_all(self.request.user),
            **kwargs,
        )


class PotDetailView(StaffRequiredMixin, TemplateView):
    template_name = "handlingsplan/staff/pot.html"

    def get_context_data(self, **kwargs):
        try:
            historikk = selectors.pot_history(
                pot_id=self.kwargs["pk"], types=self.request.GET.getlist("type")
            )
        except Pot.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(
            historikk=historikk,
            pot=historikk.pot,
            kan_omfordele=can_reallocate(self.request.user),
            # A commitment links to its case for those who read every case; a board
            # member reads only the cases they have a task in.
            kan_se_saker=may_read_all(self.request.user),
            **kwargs,
        )


class OmfordelingView(StaffRequiredMixin, FormView):
    """Reallocate money from one pot (preselected from the URL) to another in the same plan."""

    template_name = "handlingsplan/staff/omfordeling.html"
    form_class = OmfordelingForm

    def allowed(self, user) -> bool:
        return can_reallocate(user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.allowed(request.user):
            self.pot = get_object_or_404(
                Pot.objects.select_related("strategi__handlingsplan", "strategi__innsatsomrade"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "pots": selectors.reallocation_pots(
                handlingsplan_id=self.pot.strategi.handlingsplan_id
            ),
            "user": self.request.user,
        }

    def get_initial(self):
        # ?til=1: money is to go into this pot (offered when a grant finds it short).
        if self.request.GET.get("til"):
            return {"til_pot": self.pot.pk}
        return {"fra_pot": self.pot.pk}

    def get_context_data(self, **kwargs):
        return super().get_context_data(pot=self.pot, **kwargs)

    def form_valid(self, form):
        if not form.save():
            return self.form_invalid(form)
        out, into = form.result
        messages.success(
            self.request,
            _("Omfordelt %(amount)s fra %(from)s til %(to)s.")
            % {
                "amount": kr(out.belop),
                "from": out.pot.strategi.bokstav,
                "to": into.pot.strategi.bokstav,
            },
        )
        return redirect(reverse("handlingsplan:pot", kwargs={"pk": out.pot_id}))
