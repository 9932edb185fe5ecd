"""The public application form: six steps on a draft reached by its secret link.

The link is followed once per browser session: the session then holds the draft and the
form's pages carry only the draft's id in their paths, never its secret (soknader.lenker).
"""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from felles.errors import DomainError

from .. import epost, forms, lenker, rules, services, skjema
from ..models import Vedlegg
from ..ratelimit import client_address, rate_limit_hit
from ..selectors import (
    program_current,
    soknad_detail,
    soknad_for_draft_held,
    soknad_for_draft_token,
)


def start(request):
    program = program_current()
    if request.method == "POST":
        if program is None:
            raise Http404
        limit, window = settings.SOKNAD_RATE_NY
        if not rate_limit_hit(f"start:{client_address(request)}", limit=limit, window=window):
            return render(request, "soknader/for_mange.html", status=429)
        soknad = services.soknad_create(program=program, sprak=_language())
        lenker.draft_hold(request.session, soknad)
        return redirect(_step_url(soknad.pk, 1))
    return render(request, "soknader/start.html", {"program": program})


def _step_url(pk: int, steg: int) -> str:
    return reverse("soknader:steg", kwargs={"pk": pk, "steg": steg})


def _next(request, pk, steg):
    if "tilbake" in request.POST and steg > 1:
        return redirect(_step_url(pk, steg - 1))
    if "lagre" in request.POST:
        messages.success(request, _("Utkastet er lagret."))
        return redirect(_step_url(pk, steg))
    return redirect(_step_url(pk, min(steg + 1, 6)))


def utkast(request, token, steg=1):
    """The draft's secret link, from its e-mail or the page's own box: the session holds the
    draft from now on, and the browser goes on to the step at an address without the secret.
    A form posted to the link itself is saved as the step's own address would save it."""
    soknad = soknad_for_draft_token(token)
    lenker.draft_hold(request.session, soknad)
    if request.method == "POST":
        return _step(request, soknad, steg)
    if not soknad.er_utkast:
        return redirect("soknader:sendt", pk=soknad.pk)
    return redirect(_step_url(soknad.pk, steg))


def utkast_sendt(request, token):
    soknad = soknad_for_draft_token(token)
    lenker.draft_hold(request.session, soknad)
    return redirect("soknader:sendt", pk=soknad.pk)


def steg(request, pk, steg):
    return _step(request, soknad_for_draft_held(request.session, pk), steg)


def _step(request, soknad, steg):
    if not soknad.er_utkast:
        return redirect("soknader:sendt", pk=soknad.pk)
    handler = STEPS.get(steg)
    if handler is None:
        raise Http404
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "soknad": soknad,
        "steg": steg,
        "alle_steg": rules.STEG,
        "pk": soknad.pk,
        "utkast_url": lenker.draft_link_url(soknad),
    }
    result = handler(request, soknad, context)
    if not isinstance(result, dict):
        return result
    context.update(result)
    return render(request, f"soknader/steg{steg}.html", context)


def _extra_rows(request) -> int:
    return 3 if "flere_rader" in request.POST else 1


def _show(request, result) -> None:
    for melding in result.meldinger:
        messages.add_message(request, melding.niva, melding.tekst)


def _non_form_error(formset, message) -> None:
    formset._non_form_errors = formset.error_class([message], renderer=formset.renderer)


def _language() -> str:
    language = translation.get_language() or "nb"
    return language if language in ("nb", "en") else "nb"


def _organisasjon(request, soknad, context):
    form = forms.OrganisasjonForm(request.POST or None, instance=soknad)
    if request.method != "POST":
        return {"form": form}
    if "hent" in request.POST:
        # Fill in from the register; the other fields are checked when the step is sent.
        form.is_valid()
        if form.cleaned_data.get("orgnr") is None:
            return {"form": _only_errors_of(form, "orgnr")}
        _show(request, services.soknad_enhet_fill(soknad=soknad, fields=form.cleaned_data))
        return redirect(_step_url(context["pk"], 1) + "#org_navn")
    if not form.is_valid():
        return {"form": form}
    result = services.soknad_organisasjon_save(
        soknad=soknad, fields=form.cleaned_data, sprak=_language()
    )
    _show(request, result)
    return _next(request, context["pk"], 1)


def _only_errors_of(form, name):
    for other in list(form.errors):
        if other != name:
            del form.errors[other]
    return form


def _prosjekt(request, soknad, context):
    soknad = soknad_detail(soknad)
    Aktiviteter = forms.aktivitet_formset(extra=_extra_rows(request) if request.POST else 1)
    initial = [
        {"navn": a.navn, "start": a.start, "slutt": a.slutt} for a in soknad.aktiviteter.all()
    ]
    form = forms.ProsjektForm(request.POST or None, instance=soknad, program=soknad.program)
    formset = Aktiviteter(request.POST or None, initial=initial, prefix="akt")
    if request.method == "POST":
        form_ok, formset_ok = form.is_valid(), formset.is_valid()
        if formset_ok:
            fields = None
            if form_ok:
                fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
                fields["tidligere_fase"] = form.cleaned_data["tidligere_saksnummer"]
            result = services.soknad_prosjekt_save(
                soknad=soknad,
                fields=fields,
                aktiviteter=formset.lines(),
                flere_rader="flere_rader" in request.POST,
            )
            for problem in result.problemer:
                _non_form_error(formset, problem.melding)
            if result.lagret and "flere_rader" in request.POST:
                return redirect(_step_url(context["pk"], 2) + "?rader=3#aktiviteter")
            if result.lagret:
                return _next(request, context["pk"], 2)
    elif request.GET.get("rader"):
        formset = forms.aktivitet_formset(extra=3)(initial=initial, prefix="akt")
    return {"form": form, "formset": formset}


def _okonomi(request, soknad, context):
    soknad = soknad_detail(soknad)
    initial_costs, initial_fin = skjema.okonomi_initial(soknad)
    more_rows = "flere_rader" in request.POST
    extra = 3 if request.GET.get("rader") or more_rows else 1
    costs = forms.kostnad_formset(extra=extra)(
        request.POST or None, initial=initial_costs, prefix="kost"
    )
    financing = forms.FinansieringForm(request.POST or None, initial=initial_fin)
    balance_errors = []
    if request.method == "POST" and costs.is_valid():
        result = services.soknad_okonomi_save(
            soknad=soknad,
            kostnader=costs.lines(),
            finansiering=financing.belop() if financing.is_valid() else None,
            flere_rader=more_rows,
        )
        if result.lagret and more_rows:
            return redirect(_step_url(context["pk"], 3) + "?rader=3#kostnader")
        if result.lagret:
            return _next(request, context["pk"], 3)
        for problem in result.problemer:
            if problem.felt == "kostnader":
                _non_form_error(costs, problem.melding)
            elif problem.felt == "finansiering":
                balance_errors.append(problem.melding)
            else:
                financing.add_error(problem.felt, problem.melding)
    return {
        "costs": costs,
        "financing": financing,
        "balance_errors": balance_errors,
        "balance_summary": [("finansiering-feil", e) for e in balance_errors],
        "program": soknad.program,
        "stotteintensitet": soknad.program.stotteintensitet_for(soknad.fase),
        "kostnad_total": sum(k["belop"] for k in initial_costs),
    }


def _stotte(request, soknad, context):
    soknad = soknad_detail(soknad)
    extra = 3 if request.GET.get("rader") or "flere_rader" in request.POST else 1
    jobs = forms.ArbeidsplasserForm(request.POST or None, instance=soknad)
    linked = forms.TilknyttedeForm(request.POST or None, instance=soknad)
    aid = forms.stotte_formset(extra=extra)(
        request.POST or None, initial=skjema.stotte_initial(soknad), prefix="stotte"
    )
    if request.method == "POST":
        jobs_ok, aid_ok, linked_ok = jobs.is_valid(), aid.is_valid(), linked.is_valid()
        if jobs_ok and aid_ok and linked_ok:
            services.soknad_draft_save(
                soknad=soknad,
                fields={
                    **{name: jobs.cleaned_data[name] for name in jobs.Meta.fields},
                    "tilknyttede_orgnr": linked.cleaned_data["tilknyttede_orgnr"],
                },
                offentlig_stotte=aid.lines(),
            )
            if "flere_rader" in request.POST:
                return redirect(_step_url(context["pk"], 4) + "?rader=3#stotte")
            return _next(request, context["pk"], 4)
    return {
        "jobs": jobs,
        "linked": linked,
        "aid": aid,
        "bagatell": skjema.bagatell_for(soknad),
        "program": soknad.program,
    }


def _vedlegg(request, soknad, context):
    form = forms.VedleggForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "last_opp" not in request.POST:
            return _next(request, context["pk"], 5)
        if form.is_valid():
            try:
                vedlegg = services.vedlegg_add(
                    soknad=soknad, type=form.cleaned_data["type"], upload=form.cleaned_data["fil"]
                )
            except DomainError as exc:
                form.add_domain_error(exc, "fil")
            else:
                messages.success(
                    request, _("Vedlegget «%(navn)s» er lastet opp.") % {"navn": vedlegg.filnavn}
                )
                return redirect(_step_url(context["pk"], 5))
    return {"form": form, "vedlegg": soknad.vedlegg.all()}


def _send(request, soknad, context):
    detail = soknad_detail(soknad)
    oversikt = skjema.soknad_oversikt(detail)
    problems = oversikt.problems
    form = forms.SendForm(request.POST or None)
    # No rate limit here: the draft was limited where it was made, and an office of
    # applicants behind one address must be able to send every completed application.
    if request.method == "POST" and form.is_valid() and not problems:
        try:
            services.soknad_submit(soknad=soknad, by=request.user)
        except services.SoknadIncomplete as exc:
            problems = exc.problems
        else:
            return redirect("soknader:sendt", pk=soknad.pk)
    return {
        "form": form,
        "problems": problems,
        "data": oversikt.data,
        "detail": detail,
        "bagatell": oversikt.bagatell,
    }


STEPS = {1: _organisasjon, 2: _prosjekt, 3: _okonomi, 4: _stotte, 5: _vedlegg, 6: _send}


@require_POST
def vedlegg_slett(request, pk, vedlegg):
    soknad = soknad_for_draft_held(request.session, pk)
    vedlegg = get_object_or_404(Vedlegg, pk=vedlegg, soknad=soknad)
    try:
        services.vedlegg_delete(vedlegg=vedlegg)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Vedlegget «%(navn)s» er slettet.") % {"navn": vedlegg.filnavn})
    return redirect(_step_url(pk, 5))


def vedlegg_utkast(request, pk, vedlegg):
    """An attachment of a draft, for the browser that holds the draft."""
    soknad = soknad_for_draft_held(request.session, pk)
    if not soknad.er_utkast:
        raise Http404
    vedlegg = get_object_or_404(Vedlegg, pk=vedlegg, soknad=soknad)
    return vedlegg_response(vedlegg)


def vedlegg_response(vedlegg: Vedlegg) -> FileResponse:
    response = FileResponse(
        vedlegg.fil.open("rb"),
        as_attachment=True,
        filename=vedlegg.filnavn,
        content_type=vedlegg.innholdstype,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def sendt(request, pk):
    soknad = soknad_for_draft_held(request.session, pk)
    if soknad.er_utkast:
        return redirect(_step_url(pk, 1))
    return render(
        request,
        "soknader/sendt.html",
        {"soknad": soknad, "kontrollfrist_dager": epost.kontrollfrist_dager(soknad)},
    )
