"""Min side during case handling: answering a request for information, accepting a grant,
and reading the letters."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from felles.errors import DomainError

from ..behandling import services as sb
from ..behandling import vedtak as sv
from ..models import Behandling, Brev
from ..selectors import soknad_for_user
from .minside import soker_required


def _behandling(request, pk) -> Behandling:
    soknad = soknad_for_user(request.user, pk)
    try:
        return Behandling.objects.select_related("soknad__program").get(soknad=soknad)
    except Behandling.DoesNotExist:
        raise Http404 from None


@soker_required
@require_POST
def svar(request, pk):
    sak = _behandling(request, pk)
    try:
        sb.opplysninger_svar(behandling=sak, svar=request.POST.get("svar", ""), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Takk, svaret er sendt til programlederen."))
    return redirect("soknader:minside_soknad", pk=pk)


@soker_required
@require_POST
def aksept(request, pk):
    sak = _behandling(request, pk)
    try:
        sv.tilsagn_aksepter(behandling=sak, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Tilsagnet er akseptert."))
    return redirect("soknader:minside_soknad", pk=pk)


@soker_required
def brev(request, pk):
    found = get_object_or_404(Brev.objects.select_related("behandling"), pk=pk)
    soknad_for_user(request.user, found.behandling.soknad_id)  # 404 unless theirs
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.filnavn}"'
    return response
