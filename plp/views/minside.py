"""Min side for a project: its phases and what is due next, and the project's forms.
Each form calls one service; a refusal is shown on the form and nothing is saved."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from felles.errors import DomainError
from plp import forms, services
from plp.models import Beslutningspunkt, Endringssoknad, Tilbakebetaling
from plp.selectors import (
    fase_for_user,
    frister_for,
    prosjekt_detail,
    prosjekt_for_user,
)
from soknader.views.minside import soker_required


def _refused(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@soker_required
def prosjekt(request, pk):
    found = prosjekt_detail(prosjekt_for_user(request.user, pk))
    return render(
        request,
        "plp/minside/prosjekt.html",
        {"prosjekt": found, "frister": frister_for(found), "faser": list(found.faser.all())},
    )


def _form_page(request, fase, form, title, intro=""):
    return render(
        request,
        "plp/minside/skjema.html",
        {"fase": fase, "prosjekt": fase.prosjekt, "form": form, "title": title, "intro": intro},
    )


def _done(request, fase, text):
    messages.success(request, text)
    return redirect("plp:minside_prosjekt", pk=fase.prosjekt_id)


@soker_required
def start(request, pk):
    fase = fase_for_user(request.user, pk)
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fase_start(fase=fase, startet=form.cleaned_data["startet"])
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Oppstarten er registrert."))
    return _form_page(request, fase, form, _("Meld oppstart"))


@soker_required
def statusrapport(request, pk):
    fase = fase_for_user(request.user, pk)
    form = forms.StatusrapportForm(request.POST or None, fase=fase)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.statusrapport_create(
                fase,
                per_dato=data["per_dato"],
                fremdrift=data["fremdrift"],
                kostnader=form.kostnader(),
                avvik=data["avvik"],
                risiko=data["risiko"],
                prognose=data["prognose"],
                milepaeler=form.milepaeler(),
                innsendt_av=request.user.email,
            )
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Statusrapporten er sendt."))
    return _form_page(
        request,
        fase,
        form,
        _("Statusrapport"),
        _("Fremdrift mot milepælene, påløpte kostnader per kategori, avvik, risiko og prognose."),
    )


@soker_required
def sluttrapport(request, pk):
    fase = fase_for_user(request.user, pk)
    form = forms.SluttrapportForm(request.POST or None, fase=fase)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sluttrapport_submit(
                fase,
                resultater=data["resultater"],
                malt_dato=data["malt_dato"],
                kostnader=form.kostnader(),
                delmal=data["delmal"],
                egenfinansiering=data["egenfinansiering"],
                annen_finansiering=data["annen_finansiering"],
                utlost_kapital=data["utlost_kapital"],
                neste_fase_plan=data["neste_fase_plan"],
                **{name: data[name] for name in services.rapporter.JOB_FIELDS},
            )
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Sluttrapporten er sendt til programlederen."))
    return _form_page(request, fase, form, _("Sluttrapport"))


@soker_required
def beslutning(request, pk):
    fase = fase_for_user(request.user, pk)
    form = forms.BeslutningForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.beslutningspunkt_decide(
                fase=fase,
                valg=data["valg"],
                begrunnelse=data["begrunnelse"],
                referat=data["referat"],
            )
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Beslutningen er registrert."))
    title = _("Beslutningspunkt: %(navn)s") % {
        "navn": services.bp_navn(fase.prosjekt.program, services.felles.BP_ETTER_FASE[fase.fase])
    }
    return _form_page(request, fase, form, title)


@soker_required
def endring(request, pk):
    fase = fase_for_user(request.user, pk)
    form = forms.EndringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.endring_submit(fase=fase, **form.cleaned_data)
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Endringssøknaden er sendt."))
    return _form_page(request, fase, form, _("Søk om endring"))


@soker_required
def plan(request, pk):
    fase = fase_for_user(request.user, pk)
    dokument = getattr(fase, "dokument", None)
    initial = (
        {name: getattr(dokument, name) for name in services.dokument.TEKSTFELT} if dokument else {}
    )
    form = forms.FasedokumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.dokument.TEKSTFELT}
        try:
            services.fasedokument_save(
                fase=fase, fields=fields, nye_milepaeler=form.nye_milepaeler()
            )
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Planen er lagret."))
    title = _("Mandat") if fase.fase == "forstudie" else _("Prosjektplan")
    return _form_page(request, fase, form, title)


@soker_required
def oppfolging(request, pk):
    fase = fase_for_user(request.user, pk)
    form = forms.OppfolgingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.oppfolging_record(fase=fase, **form.cleaned_data)
        except DomainError as exc:
            _refused(form, exc)
        else:
            return _done(request, fase, _("Tellingen er registrert. Takk!"))
    return _form_page(
        request,
        fase,
        form,
        _("Arbeidsplasser ett år etter"),
        _("Hvor mange nye og sikrede arbeidsplasser har prosjektet gitt ett år etter slutt?"),
    )


def _file(content, filename, mimetype):
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@soker_required
def referat(request, pk):
    fase = fase_for_user(request.user, pk)
    bp = Beslutningspunkt.objects.filter(fase=fase).first()
    if bp is None or not bp.referat:
        raise Http404
    return _file(bp.referat.read(), bp.referat.name.rsplit("/", 1)[-1], "application/octet-stream")


@soker_required
def brev(request, pk, kind, brev_pk):
    """A letter on the phase: a change decision or a repayment claim."""
    fase = fase_for_user(request.user, pk)
    model = {"endring": Endringssoknad, "tilbakebetaling": Tilbakebetaling}.get(kind)
    found = model.objects.filter(fase=fase, pk=brev_pk).first() if model else None
    if found is None or not found.brev:
        raise Http404
    return _file(bytes(found.brev), f"{kind}-{found.pk}.pdf", "application/pdf")
