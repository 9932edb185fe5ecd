"""Min side during case handling: answering a request for information, accepting a grant,
commenting on a notice that the grant may be cancelled, reading the letters, and withdrawing
an application (through its case when it has one)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from felles.errors import DomainError
from soknader.selectors import soknad_for_user_by_saksnummer, soknader_for_user
from soknader.tilgang import soknad_visible_to
from soknader.views.minside import soker_required
from workflow import services
from workflow.models import Brev, Sak


def _sak(request, saksnummer, *, with_letters=False) -> Sak:
    """The case of the applicant's application with this saksnummer (404 when they may not
    see it), in one query."""
    found = Sak.objects.select_related("soknad__program", "vedtak__tilsagn").filter(
        soknad__in=soknader_for_user(request.user), soknad__saksnummer=saksnummer
    )
    if with_letters:
        found = found.prefetch_related("brev")
    sak = found.first()
    if sak is None:
        raise Http404
    return sak


@soker_required
@require_POST
def svar(request, saksnummer):
    sak = _sak(request, saksnummer)
    try:
        services.opplysninger_answer(sak=sak, svar=request.POST.get("svar", ""), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Takk, svaret er sendt til programlederen."))
    return redirect(sak.soknad.minside_path)


@soker_required
def aksept(request, saksnummer):
    """The grant's conditions, and acceptance once the applicant confirms having read them."""
    sak = _sak(request, saksnummer, with_letters=request.method != "POST")
    if sak.status != Sak.Status.VENTER_AKSEPT:
        messages.error(request, _("Det er ikke noe tilsagn som venter på aksept i denne saken."))
        return redirect(sak.soknad.minside_path)
    feil = ""
    if request.method == "POST":
        if request.POST.get("bekreft") != "ja":
            feil = _("Kryss av for at du har lest vilkårene før du aksepterer.")
        else:
            try:
                services.tilsagn_accept(sak=sak, by=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Tilsagnet er akseptert."))
            return redirect(sak.soknad.minside_path)
    return render(
        request,
        "workflow/minside/aksept.html",
        {"sak": sak, "feil": feil},
        status=400 if feil else 200,
    )


@soker_required
@require_POST
def merknad(request, saksnummer):
    """The applicant's comment on a notice that the grant may be cancelled."""
    sak = _sak(request, saksnummer)
    try:
        services.omgjoring_comment(
            sak=sak, by=request.user, merknad=request.POST.get("merknad", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Takk, merknadene er sendt til programmet."))
    return redirect(sak.soknad.minside_path)


@soker_required
def brev(request, pk):
    found = get_object_or_404(
        Brev.objects.select_related("sak__soknad", "sak__klage__paklaget__soknad"), pk=pk
    )
    if not soknad_visible_to(request.user, found.sak.gjelder_soknad):
        raise Http404
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.filnavn}"'
    return response


@soker_required
def trekk(request, saksnummer):
    soknad = soknad_for_user_by_saksnummer(request.user, saksnummer)
    if request.method == "POST":
        try:
            services.sak_withdraw(soknad=soknad, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Søknaden %(nr)s er trukket.") % {"nr": soknad.saksnummer})
        return redirect(soknad.minside_path)
    takk_nei = Sak.objects.filter(soknad=soknad, status=Sak.Status.VENTER_AKSEPT).exists()
    return render(
        request,
        "soknader/minside/bekreft.html",
        {"soknad": soknad, "handling": "trekk", "takk_nei": takk_nei},
    )
