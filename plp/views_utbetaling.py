"""Payout pages: the applicant's (Min side style) and the staff pages (in the staff frame).

Thin: they read through plp.utbetaling_selectors, write through one service via the forms,
and check access with the one rule of the selectors."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View

from felles.access import may_handle, may_read_all
from felles.formatting import kr
from plp import utbetaling_selectors as sel
from plp.forms_utbetaling import BehandlingForm, BetaltForm, UtbetalingForm
from plp.models import Utbetaling, UtbetalingVedlegg
from plp.services.utbetaling import utbetaling_ramme
from plp.services.utbetaling_betaling import til_betaling, utbetalinger_export
from soknader.views.minside import soker_required

S = Utbetaling.Status


def _ramme(fase):
    siste = fase.utbetalinger.order_by("-nummer").first()
    kostnader = sum(k.belop for k in siste.kostnader.all()) if siste else 0
    return utbetaling_ramme(fase=fase, kostnader=kostnader)


@soker_required
def fase_utbetaling(request, pk):
    """A phase's payouts and the form for a new request."""
    fase = sel.fase_for_soker(request.user, pk)
    form = UtbetalingForm(request.POST or None, request.FILES or None, fase=fase)
    if request.method == "POST" and form.is_valid() and form.save(request.user):
        messages.success(
            request,
            _("Utbetalingsanmodningen er sendt. Saksnummer: %(nr)s.")
            % {"nr": form.result.sak.saksnummer},
        )
        return redirect("plp_utbetaling:vis", pk=form.result.pk)
    return render(
        request,
        "plp/utbetaling/fase.html",
        {
            "fase": fase,
            "ramme": _ramme(fase),
            "utbetalinger": sel.fase_utbetalinger(fase),
            "form": form,
        },
    )


@soker_required
def utbetaling_vis(request, pk):
    """One request; a returned one can be corrected and sent again here."""
    utbetaling = sel.utbetaling_for(request.user, pk)
    form = None
    if utbetaling.status == S.RETURNERT:
        initial = {
            "belop": utbetaling.belop_sokt,
            "kontonummer": utbetaling.kontonummer,
            "fremdrift": utbetaling.fremdrift,
            "avvik": utbetaling.avvik,
            **{f"kost_{k.kategori}": k.belop for k in utbetaling.kostnader.all()},
        }
        form = UtbetalingForm(
            request.POST or None,
            request.FILES or None,
            fase=utbetaling.fase,
            utbetaling=utbetaling,
            initial=initial,
        )
        if request.method == "POST" and form.is_valid() and form.save(request.user):
            messages.success(request, _("Utbetalingsanmodningen er sendt inn igjen."))
            return redirect("plp_utbetaling:vis", pk=pk)
    return render(
        request,
        "plp/utbetaling/vis.html",
        {"utbetaling": utbetaling, "form": form, "brev": sel.utbetaling_brev(utbetaling)},
    )


def _file(content, *, filename: str, content_type: str, as_attachment=True) -> FileResponse:
    response = FileResponse(
        content, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@soker_required
def vedlegg(request, pk):
    found = UtbetalingVedlegg.objects.select_related("utbetaling").filter(pk=pk).first()
    if found is None or not sel.utbetaling_visible(request.user, found.utbetaling):
        raise Http404
    return _file(found.fil.open("rb"), filename=found.filnavn, content_type=found.innholdstype)


@soker_required
def brev(request, pk):
    utbetaling = sel.utbetaling_for(request.user, pk)
    found = sel.utbetaling_brev(utbetaling)
    if found is None:
        raise Http404
    import io

    return _file(
        io.BytesIO(bytes(found.pdf)), filename=found.filnavn, content_type="application/pdf"
    )


# -- Staff ---------------------------------------------------------------------------------


class _Staff(AccessMixin, View):
    def allowed(self, user) -> bool:
        return may_read_all(user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed(request.user):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class OversiktView(_Staff):
    def get(self, request):
        return render(
            request,
            "plp/utbetaling/staff/oversikt.html",
            {
                "til_behandling": sel.til_behandling(),
                "til_betaling": list(til_betaling()),
                "betalt_sum": sel.betalt_sum(),
                "kan_behandle": may_handle(request.user),
                "idag": timezone.localdate(),
            },
        )


class BehandleView(_Staff):
    def _page(self, request, utbetaling, form):
        return render(
            request,
            "plp/utbetaling/staff/behandle.html",
            {
                "utbetaling": utbetaling,
                "ramme": utbetaling_ramme(
                    fase=utbetaling.fase,
                    kostnader=sum(k.belop for k in utbetaling.kostnader.all()),
                ),
                "form": form,
                "brev": sel.utbetaling_brev(utbetaling),
                "kan_behandle": may_handle(request.user) and utbetaling.status == S.INNSENDT,
            },
        )

    def get(self, request, pk):
        utbetaling = sel.utbetaling_for(request.user, pk)
        return self._page(request, utbetaling, BehandlingForm())

    def post(self, request, pk):
        if not may_handle(request.user):
            raise Http404
        utbetaling = sel.utbetaling_for(request.user, pk)
        form = BehandlingForm(request.POST)
        if form.is_valid() and form.save(utbetaling, request.user):
            u = form.result
            if u.status == S.RETURNERT:
                messages.success(request, _("Anmodningen er returnert til søkeren."))
            else:
                messages.success(
                    request,
                    _("Utbetaling på %(belop)s er godkjent og ført mot tilsagnet.")
                    % {"belop": kr(u.belop_godkjent)},
                )
            return redirect("utbetaling:index")
        return self._page(request, utbetaling, form)


class EksportView(_Staff):
    def allowed(self, user) -> bool:
        return may_handle(user)

    def post(self, request):
        content, ids = utbetalinger_export()
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="utbetalinger-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


class BetaltView(_Staff):
    def allowed(self, user) -> bool:
        return may_handle(user)

    def post(self, request, pk):
        utbetaling = sel.utbetaling_for(request.user, pk)
        form = BetaltForm(request.POST)
        if form.is_valid() and form.save(utbetaling, request.user):
            messages.success(
                request,
                _("%(nr)s er registrert som betalt.") % {"nr": utbetaling.sak.saksnummer},
            )
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect(reverse("utbetaling:index"))
