"""The public application form: six steps on a draft reached by its secret link."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from felles.errors import DomainError

from .. import enhetsregisteret, epost, forms, rules, services
from ..models import Finansieringslinje, Soknad, Vedlegg
from ..ratelimit import client_address, rate_limit_hit
from ..selectors import program_current, soknad_detail, soknad_for_draft_token
from ..snapshot import soknad_as_dict

F = Finansieringslinje.Kilde


def start(request):
    program = program_current()
    if request.method == "POST":
        if program is None:
            raise Http404
        limit, window = getattr(settings, "SOKNAD_RATE_NY", (30, 3600))
        if not rate_limit_hit(f"start:{client_address(request)}", limit=limit, window=window):
            return render(request, "soknader/for_mange.html", status=429)
        soknad = services.soknad_create(program=program, sprak=_language())
        return redirect("soknader:steg", token=soknad.utkast_token, steg=1)
    return render(request, "soknader/start.html", {"program": program})


def _step_url(token: str, steg: int) -> str:
    # The draft's token is known only from the link the applicant followed: it is not stored.
    return reverse("soknader:steg", kwargs={"token": token, "steg": steg})


def _next(request, token, steg):
    if "tilbake" in request.POST and steg > 1:
        return redirect(_step_url(token, steg - 1))
    if "lagre" in request.POST:
        messages.success(request, _("Utkastet er lagret."))
        return redirect(_step_url(token, steg))
    return redirect(_step_url(token, min(steg + 1, 6)))


def steg(request, token, steg):
    soknad = soknad_for_draft_token(token)
    if not soknad.er_utkast:
        return redirect("soknader:sendt", token=token)
    handler = STEPS.get(steg)
    if handler is None:
        raise Http404
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "soknad": soknad,
        "steg": steg,
        "alle_steg": rules.STEG,
        "token": token,
        "utkast_url": settings.SITE_URL + _step_url(token, 1),
    }
    result = handler(request, soknad, context)
    if not isinstance(result, dict):
        return result
    context.update(result)
    return render(request, f"soknader/steg{steg}.html", context)


def _extra_rows(request) -> int:
    return 3 if "flere_rader" in request.POST else 1


def _organisasjon(request, soknad, context):
    # Validating a ModelForm writes the input onto its instance: keep what was stored.
    earlier_address, earlier_orgnr, checked = soknad.kontakt_epost, soknad.orgnr, soknad.org_kilde
    form = forms.OrganisasjonForm(request.POST or None, instance=soknad)
    if request.method != "POST":
        return {"form": form}
    Svar = enhetsregisteret.Svar
    if "hent" in request.POST:
        # Fill in from the register; the other fields are checked when the step is sent.
        form.is_valid()
        orgnr = form.cleaned_data.get("orgnr")
        if orgnr is None:
            return {"form": _only_errors_of(form, "orgnr")}
        oppslag = enhetsregisteret.enhet_lookup(orgnr)
        _register_message(request, oppslag)
        fields = dict(form.cleaned_data)
        fields.update(_register_fields(oppslag))
        if oppslag.svar != Svar.FUNNET:
            fields.update(_flags_cleared())
        services.soknad_draft_save(soknad=soknad, fields=fields)
        return redirect(_step_url(context["token"], 1) + "#org_navn")
    if not form.is_valid():
        return {"form": form}
    fields = dict(form.cleaned_data)
    fields["sprak"] = _language()
    if fields["orgnr"] != earlier_orgnr or not checked:
        oppslag = enhetsregisteret.enhet_lookup(fields["orgnr"])
        if oppslag.svar == Svar.FUNNET:
            # What the applicant typed stands; the register adds the facts behind it.
            found = _register_fields(oppslag)
            for name in ("org_form", "org_antall_ansatte", "org_konkurs", "org_under_avvikling"):
                fields[name] = found[name]
            fields["org_kilde"] = Soknad.Kilde.REGISTER
        else:
            fields.update(_flags_cleared())
            messages.info(request, _UNCHECKED[oppslag.svar])
    saved = services.soknad_draft_save(soknad=soknad, fields=fields)
    if saved.kontakt_epost != earlier_address:
        epost.utkastlenke_send(saved, token=context["token"])
        messages.info(
            request,
            _("Vi har sendt lenken til utkastet til %(epost)s.") % {"epost": saved.kontakt_epost},
        )
    return _next(request, context["token"], 1)


_UNCHECKED = {
    enhetsregisteret.Svar.UKJENT: gettext_lazy(
        "Organisasjonsnummeret finnes ikke i Enhetsregisteret. "
        "Opplysningene du skrev inn, blir brukt."
    ),
    enhetsregisteret.Svar.SLETTET: gettext_lazy(
        "Organisasjonen er slettet fra Enhetsregisteret. Opplysningene du skrev inn, blir brukt."
    ),
    enhetsregisteret.Svar.IKKE_TILGJENGELIG: gettext_lazy(
        "Vi fikk ikke svar fra Enhetsregisteret nå. Opplysningene du skrev inn, blir brukt."
    ),
}


def _language() -> str:
    language = translation.get_language() or "nb"
    return language if language in ("nb", "en") else "nb"


def _flags_cleared() -> dict:
    return {
        "org_kilde": Soknad.Kilde.MANUELL,
        "org_form": "",
        "org_antall_ansatte": None,
        "org_konkurs": False,
        "org_under_avvikling": False,
    }


def _only_errors_of(form, name):
    for other in list(form.errors):
        if other != name:
            del form.errors[other]
    return form


def _register_fields(oppslag) -> dict:
    if oppslag.svar != enhetsregisteret.Svar.FUNNET:
        return {"org_kilde": Soknad.Kilde.MANUELL}
    enhet = oppslag.enhet
    return {
        "org_navn": enhet.navn,
        "org_form": enhet.organisasjonsform,
        "org_adresse": enhet.adresse,
        "org_postnummer": enhet.postnummer,
        "org_poststed": enhet.poststed,
        "org_naeringskode": enhet.naeringskode,
        "org_antall_ansatte": enhet.antall_ansatte,
        "org_konkurs": enhet.konkurs,
        "org_under_avvikling": enhet.under_avvikling,
        "org_kilde": Soknad.Kilde.REGISTER,
    }


def _register_message(request, oppslag):
    if oppslag is None:
        return
    S = enhetsregisteret.Svar
    if oppslag.svar == S.FUNNET:
        messages.info(
            request,
            _(
                "Vi hentet navn, adresse og næringskode fra Enhetsregisteret. "
                "Se over at de stemmer."
            ),
        )
    elif oppslag.svar == S.UKJENT:
        messages.warning(
            request,
            _("Organisasjonsnummeret finnes ikke i Enhetsregisteret. Fyll inn opplysningene selv."),
        )
    elif oppslag.svar == S.SLETTET:
        messages.warning(
            request,
            _("Organisasjonen er slettet fra Enhetsregisteret. Fyll inn opplysningene selv."),
        )
    else:
        messages.warning(
            request,
            _("Vi fikk ikke svar fra Enhetsregisteret nå. Fyll inn opplysningene selv."),
        )


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
        lines = formset.lines() if formset_ok else []
        if formset_ok and not lines and "flere_rader" not in request.POST:
            formset._non_form_errors = formset.error_class(
                [_("Legg inn minst én aktivitet med tidsplan.")], renderer=formset.renderer
            )
            formset_ok = False
        if form_ok and formset_ok:
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            fields["tidligere_fase"] = form.cleaned_data["tidligere_saksnummer"]
            services.soknad_draft_save(soknad=soknad, fields=fields, aktiviteter=lines)
            if "flere_rader" in request.POST:
                return redirect(_step_url(context["token"], 2) + "?rader=3#aktiviteter")
            return _next(request, context["token"], 2)
    elif request.GET.get("rader"):
        formset = forms.aktivitet_formset(extra=3)(initial=initial, prefix="akt")
    return {"form": form, "formset": formset}


def _okonomi(request, soknad, context):
    soknad = soknad_detail(soknad)
    program = soknad.program
    initial_costs = [
        {
            "kategori": k.kategori,
            "beskrivelse": k.beskrivelse,
            "timer": k.timer,
            "timesats": k.timesats,
            "belop": k.belop,
        }
        for k in soknad.kostnader.all()
    ]
    initial_fin = {f.kilde: f.belop for f in soknad.finansiering.all()}
    extra = 3 if request.GET.get("rader") or "flere_rader" in request.POST else 1
    costs = forms.kostnad_formset(extra=extra)(
        request.POST or None, initial=initial_costs, prefix="kost"
    )
    financing = forms.FinansieringForm(request.POST or None, initial=initial_fin)
    balance_errors = []
    if request.method == "POST":
        costs_ok, fin_ok = costs.is_valid(), financing.is_valid()
        lines = costs.lines() if costs_ok else []
        if costs_ok and not lines and "flere_rader" not in request.POST:
            costs._non_form_errors = costs.error_class(
                [_("Legg inn minst én kostnadslinje.")], renderer=costs.renderer
            )
            costs_ok = False
        if costs_ok and fin_ok and "flere_rader" not in request.POST:
            total = sum(line["belop"] for line in lines)
            amounts = financing.belop()
            try:
                rules.balance_check(kostnader_sum=total, finansiering_sum=sum(amounts.values()))
            except DomainError as exc:
                balance_errors.append(exc.message)
                fin_ok = False
            try:
                rules.intensity_check(
                    belop=amounts[F.PROGRAMMET],
                    kostnader_sum=total,
                    program=program,
                    fase=soknad.fase,
                )
            except DomainError as exc:
                financing.add_error(F.PROGRAMMET, exc.message)
                fin_ok = False
        if costs_ok and (fin_ok or "flere_rader" in request.POST):
            services.soknad_draft_save(
                soknad=soknad,
                kostnader=lines,
                finansiering=financing.belop() if financing.is_valid() else None,
            )
            if "flere_rader" in request.POST:
                return redirect(_step_url(context["token"], 3) + "?rader=3#kostnader")
            return _next(request, context["token"], 3)
    return {
        "costs": costs,
        "financing": financing,
        "balance_errors": balance_errors,
        "balance_summary": [("finansiering-feil", e) for e in balance_errors],
        "program": program,
        "stotteintensitet": program.stotteintensitet_for(soknad.fase),
        "kostnad_total": sum(k["belop"] for k in initial_costs),
    }


def _stotte(request, soknad, context):
    soknad = soknad_detail(soknad)
    initial = [
        {"type": s.type, "giver": s.giver, "ordning": s.ordning, "belop": s.belop, "dato": s.dato}
        for s in soknad.offentlig_stotte.all()
    ]
    extra = 3 if request.GET.get("rader") or "flere_rader" in request.POST else 1
    jobs = forms.ArbeidsplasserForm(request.POST or None, instance=soknad)
    aid = forms.stotte_formset(extra=extra)(request.POST or None, initial=initial, prefix="stotte")
    if request.method == "POST":
        jobs_ok, aid_ok = jobs.is_valid(), aid.is_valid()
        if jobs_ok and aid_ok:
            services.soknad_draft_save(
                soknad=soknad,
                fields={name: jobs.cleaned_data[name] for name in jobs.Meta.fields},
                offentlig_stotte=aid.lines(),
            )
            if "flere_rader" in request.POST:
                return redirect(_step_url(context["token"], 4) + "?rader=3#stotte")
            return _next(request, context["token"], 4)
    bagatell = rules.bagatell_status(
        stotte=soknad.offentlig_stotte.all(),
        belop=rules.soknadsbelop(soknad.finansiering.all()),
        program=soknad.program,
        today=timezone.localdate(),
    )
    return {"jobs": jobs, "aid": aid, "bagatell": bagatell, "program": soknad.program}


def _vedlegg(request, soknad, context):
    form = forms.VedleggForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "last_opp" not in request.POST:
            return _next(request, context["token"], 5)
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
                return redirect(_step_url(context["token"], 5))
    return {"form": form, "vedlegg": soknad.vedlegg.all()}


def _send(request, soknad, context):
    detail = soknad_detail(soknad)
    problems = rules.soknad_problems(detail)
    form = forms.SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not problems:
        if not rate_limit_hit(
            f"send:{client_address(request)}",
            limit=settings.SOKNAD_RATE_INNSENDING[0],
            window=settings.SOKNAD_RATE_INNSENDING[1],
        ):
            return render(request, "soknader/for_mange.html", status=429)
        try:
            services.soknad_submit(soknad=soknad, by=request.user)
        except services.SoknadIncomplete as exc:
            problems = exc.problems
        else:
            return redirect("soknader:sendt", token=context["token"])
    bagatell = rules.bagatell_status(
        stotte=detail.offentlig_stotte.all(),
        belop=rules.soknadsbelop(detail.finansiering.all()),
        program=detail.program,
        today=timezone.localdate(),
    )
    return {
        "form": form,
        "problems": problems,
        "data": soknad_as_dict(detail),
        "detail": detail,
        "bagatell": bagatell,
    }


STEPS = {1: _organisasjon, 2: _prosjekt, 3: _okonomi, 4: _stotte, 5: _vedlegg, 6: _send}


@require_POST
def vedlegg_slett(request, token, pk):
    soknad = soknad_for_draft_token(token)
    vedlegg = get_object_or_404(Vedlegg, pk=pk, soknad=soknad)
    try:
        services.vedlegg_delete(vedlegg=vedlegg)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Vedlegget «%(navn)s» er slettet.") % {"navn": vedlegg.filnavn})
    return redirect(_step_url(token, 5))


def vedlegg_utkast(request, token, pk):
    """An attachment of a draft, for whoever holds the draft's secret link."""
    soknad = soknad_for_draft_token(token)
    if not soknad.er_utkast:
        raise Http404
    vedlegg = get_object_or_404(Vedlegg, pk=pk, soknad=soknad)
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


def sendt(request, token):
    soknad = soknad_for_draft_token(token)
    if soknad.er_utkast:
        return redirect(_step_url(token, 1))
    return render(
        request,
        "soknader/sendt.html",
        {"soknad": soknad, "svarfrist_dager": epost.svarfrist_dager()},
    )
