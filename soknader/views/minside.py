"""Min side: the applicant's own pages, after logging in by a one-time link."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from sesame.views import LoginView

from felles.errors import DomainError

from .. import forms, lenker, services
from ..minside_status import minside_status, minside_status_many
from ..models import InnsendtSoknad, Vedlegg
from ..ratelimit import client_address, rate_limit_hit
from ..selectors import (
    soknad_detail,
    soknad_for_user,
    soknad_for_user_by_saksnummer,
    soknader_for_user,
)
from ..tilgang import soknad_visible_to
from .skjema import vedlegg_response


def soker_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(reverse("soknader:minside_logg_inn") + f"?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


@soker_required
def id_address(request, pk, name):
    """An id address of a submitted application (`min-side/soknad/5/...`, in e-mails already
    sent): to its saksnummer address, a form's post kept as a post (307)."""
    soknad = soknad_for_user(request.user, pk)
    if not soknad.saksnummer:
        return render(request, "soknader/ikke_funnet.html", status=404)
    return HttpResponseRedirect(reverse(name, kwargs={"saksnummer": soknad.saksnummer}), status=307)


def logg_inn(request):
    form = forms.InnloggingForm(request.POST or None)
    neste = lenker.minside_next(request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["epost"].strip().lower()
        limit, window = settings.SOKNAD_RATE_INNLOGGINGSLENKE
        ip_ok = rate_limit_hit(
            f"lenke-ip:{client_address(request)}", limit=limit * 4, window=window
        )
        address_ok = rate_limit_hit(f"lenke-epost:{address}", limit=limit, window=window)
        if not ip_ok:
            return render(request, "soknader/for_mange.html", status=429)
        if address_ok:
            services.innloggingslenke_request(
                epost_adresse=address, language=request.LANGUAGE_CODE, neste=neste
            )
        # The same answer whether or not the address is known, and when over the limit.
        return render(request, "soknader/minside/lenke_sendt.html", {"epost": address})
    return render(request, "soknader/minside/logg_inn.html", {"form": form, "neste": neste})


class Innlogging(LoginView):
    """The login link: opens the Min side page it was asked for from (`next`), or Min side.
    A used or expired link explains itself and offers a new one on the same page."""

    next_page = "soknader:minside"

    def get_redirect_url(self):
        return lenker.minside_next(self.request.GET.get("next"))

    def login_failed(self):
        return render(
            self.request,
            "soknader/minside/lenke_ugyldig.html",
            {
                "form": forms.InnloggingForm(),
                "neste": self.get_redirect_url(),
                "valid_minutes": settings.SESAME_MAX_AGE // 60,
            },
            status=410,
        )


@require_POST
def logg_ut(request):
    logout(request)
    messages.info(request, _("Du er logget ut."))
    return redirect("soknader:minside_logg_inn")


@soker_required
def oversikt(request):
    soknader = list(soknader_for_user(request.user).order_by("-opprettet"))
    statuses = minside_status_many(soknader)
    rows = [(s, statuses[s.pk]) for s in soknader]
    return render(request, "soknader/minside/oversikt.html", {"rows": rows})


@soker_required
def soknad(request, pk):
    """A draft on Min side. A submitted application's id address (in links already sent)
    leads to its saksnummer address."""
    soknad = soknad_for_user(request.user, pk)
    if soknad.saksnummer:
        return redirect(soknad.minside_path)
    return _soknad_page(request, soknad)


@soker_required
def sak(request, saksnummer):
    """A submitted application on Min side, at its saksnummer."""
    return _soknad_page(request, soknad_for_user_by_saksnummer(request.user, saksnummer))


def _soknad_page(request, soknad):
    """One application on Min side; its case, once it has one, is shown by the case app's
    template tags (`{% load saker %}`)."""
    soknad = soknad_detail(soknad)
    status = minside_status(soknad)
    kopi = getattr(soknad, "innsendt_kopi", None) if not soknad.er_utkast else None
    return render(
        request,
        "soknader/minside/soknad.html",
        {
            "soknad": soknad,
            "status": status,
            "data": kopi.data if kopi else None,
            "kopi": kopi,
        },
    )


@require_POST
@soker_required
def fortsett(request, pk):
    """Open a draft from Min side: its secret is renewed (earlier links stop working), this
    browser's session holds the draft, and the form opens at an address without the secret."""
    soknad = soknad_for_user(request.user, pk)
    try:
        services.utkast_token_issue(soknad=soknad)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(soknad.minside_path)
    messages.info(
        request,
        _("Utkastet har fått en ny lenke. Lenken du fikk på e-post, virker ikke lenger."),
    )
    lenker.draft_hold(request.session, soknad)
    return redirect("soknader:steg", pk=soknad.pk, steg=1)


@soker_required
def slett(request, pk):
    soknad = soknad_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.soknad_draft_delete(soknad=soknad)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(soknad.minside_path)
        messages.success(request, _("Utkastet er slettet."))
        return redirect("soknader:minside")
    return render(request, "soknader/minside/bekreft.html", {"soknad": soknad, "handling": "slett"})


def vedlegg(request, pk):
    """An attachment of a submitted application, for whoever may see it (soknader.tilgang);
    a draft's attachments are only at the draft's own address."""
    if not request.user.is_authenticated:
        return redirect(reverse("soknader:minside_logg_inn") + f"?next={request.path}")
    vedlegg = get_object_or_404(Vedlegg.objects.select_related("soknad"), pk=pk)
    if not soknad_visible_to(request.user, vedlegg.soknad):
        return render(request, "soknader/ikke_funnet.html", status=404)
    return vedlegg_response(vedlegg)


def innsendt_pdf(request, pk):
    """The PDF of what was submitted, for whoever may see the application (soknader.tilgang)."""
    if not request.user.is_authenticated:
        return redirect(reverse("soknader:minside_logg_inn") + f"?next={request.path}")
    innsendt = InnsendtSoknad.objects.select_related("soknad").filter(soknad_id=pk).first()
    if innsendt is None or not soknad_visible_to(request.user, innsendt.soknad):
        return render(request, "soknader/ikke_funnet.html", status=404)
    pdf = services.innsendt_pdf_ensure(innsendt=innsendt)
    response = HttpResponse(bytes(pdf.innhold), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filnavn}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
