"""The project's reference group, on the staff pages (the programleder) and on Min side
(the project): the members, a form to add one, and a button to remove each. Each form
calls one service; a refusal is shown on the page and nothing is saved."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import View

from felles.errors import DomainError
from plp import forms, services
from plp.models import Prosjekt
from plp.selectors import prosjekt_for_user
from plp.views.staff import HandleMixin
from soknader.views.minside import soker_required


def _add(request, prosjekt, form) -> bool:
    if not form.is_valid():
        return False
    try:
        services.referansegruppe_add(prosjekt=prosjekt, **form.cleaned_data)
    except DomainError as exc:
        exc.add_to(form)
        return False
    messages.success(request, _("%(navn)s er lagt til i referansegruppen.") % form.cleaned_data)
    return True


def _remove(request, prosjekt, medlem_id) -> None:
    try:
        services.referansegruppe_remove(prosjekt=prosjekt, medlem_id=medlem_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Medlemmet er fjernet fra referansegruppen."))


def _context(prosjekt, form, fjern_url):
    return {
        "prosjekt": prosjekt,
        "medlemmer": list(prosjekt.referansegruppe_medlemmer.all()),
        "form": form,
        "fjern_url": fjern_url,
        "kan_endre": prosjekt.status == Prosjekt.Status.AKTIV,
        "title": _("Referansegruppe"),
    }


class StaffReferansegruppeView(HandleMixin, View):
    template_name = "plp/staff/referansegruppe.html"

    def get(self, request, pk):
        return self._page(get_object_or_404(Prosjekt, pk=pk), forms.ReferansegruppeForm())

    def post(self, request, pk):
        prosjekt = get_object_or_404(Prosjekt, pk=pk)
        form = forms.ReferansegruppeForm(request.POST)
        if _add(request, prosjekt, form):
            return redirect("prosjekter:referansegruppe", pk=pk)
        return self._page(prosjekt, form)

    def _page(self, prosjekt, form):
        context = _context(prosjekt, form, "prosjekter:referansegruppe_fjern")
        return render(self.request, self.template_name, context)


class StaffFjernView(HandleMixin, View):
    def post(self, request, pk, medlem_pk):
        _remove(request, get_object_or_404(Prosjekt, pk=pk), medlem_pk)
        return redirect("prosjekter:referansegruppe", pk=pk)


@soker_required
def minside(request, pk):
    prosjekt = prosjekt_for_user(request.user, pk)
    form = forms.ReferansegruppeForm(request.POST or None)
    if request.method == "POST" and _add(request, prosjekt, form):
        return redirect("plp:referansegruppe", pk=pk)
    context = _context(prosjekt, form, "plp:referansegruppe_fjern")
    return render(request, "plp/minside/referansegruppe.html", context)


@soker_required
@require_POST
def minside_fjern(request, pk, medlem_pk):
    _remove(request, prosjekt_for_user(request.user, pk), medlem_pk)
    return redirect("plp:referansegruppe", pk=pk)
