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


def _fase_skjema(request, pk, *, skjema, utfor, ferdig, tittel, intro="", **form_kwargs):
    """Every project form on Min side: the applicant's own phase, the form, one service call
    (`utfor(fase, form)`). A refusal is shown on the form and nothing is saved; success goes
    back to the project page with a word of what happened. Keyword arguments that are
    callables are called with the phase (the form's phase, its initial values)."""
    fase = fase_for_user(request.user, pk)
    kwargs = {k: v(fase) if callable(v) else v for k, v in form_kwargs.items()}
    form = skjema(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            utfor(fase, form)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, ferdig)
            return redirect("plp:minside_prosjekt", pk=fase.prosjekt_id)
    return _form_page(request, fase, form, tittel(fase) if callable(tittel) else tittel, intro)


def _fasen(fase):
    return fase


@soker_required
def start(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.StartForm,
        utfor=lambda fase, form: services.fase_start(
            fase=fase, startet=form.cleaned_data["startet"]
        ),
        ferdig=_("Oppstarten er registrert."),
        tittel=_("Meld oppstart"),
    )


def _statusrapport(fase, form, innsendt_av: str):
    data = form.cleaned_data
    services.statusrapport_create(
        fase,
        per_dato=data["per_dato"],
        fremdrift=data["fremdrift"],
        kostnader=form.kostnader(),
        avvik=data["avvik"],
        risiko=data["risiko"],
        prognose=data["prognose"],
        milepaeler=form.milepaeler(),
        innsendt_av=innsendt_av,
    )


@soker_required
def statusrapport(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.StatusrapportForm,
        utfor=lambda fase, form: _statusrapport(fase, form, request.user.email),
        ferdig=_("Statusrapporten er sendt."),
        tittel=_("Statusrapport"),
        intro=_(
            "Fremdrift mot milepælene, påløpte kostnader per kategori, avvik, risiko og prognose."
        ),
        fase=_fasen,
    )


def _sluttrapport(fase, form):
    data = form.cleaned_data
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


@soker_required
def sluttrapport(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.SluttrapportForm,
        utfor=_sluttrapport,
        ferdig=_("Sluttrapporten er sendt til programlederen."),
        tittel=_("Sluttrapport"),
        fase=_fasen,
    )


def _bp_tittel(fase):
    navn = services.bp_navn(fase.prosjekt.program, services.felles.BP_ETTER_FASE[fase.fase])
    return _("Beslutningspunkt: %(navn)s") % {"navn": navn}


@soker_required
def beslutning(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.BeslutningForm,
        utfor=lambda fase, form: services.beslutningspunkt_decide(
            fase=fase,
            valg=form.cleaned_data["valg"],
            begrunnelse=form.cleaned_data["begrunnelse"],
            referat=form.cleaned_data["referat"],
        ),
        ferdig=_("Beslutningen er registrert."),
        tittel=_bp_tittel,
    )


@soker_required
def endring(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.EndringForm,
        utfor=lambda fase, form: services.endring_submit(fase=fase, **form.cleaned_data),
        ferdig=_("Endringssøknaden er sendt."),
        tittel=_("Søk om endring"),
    )


def _plan_initial(fase):
    dokument = getattr(fase, "dokument", None)
    if dokument is None:
        return {}
    return {name: getattr(dokument, name) for name in services.dokument.TEKSTFELT}


@soker_required
def plan(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.FasedokumentForm,
        utfor=lambda fase, form: services.fasedokument_save(
            fase=fase,
            fields={name: form.cleaned_data[name] for name in services.dokument.TEKSTFELT},
            nye_milepaeler=form.nye_milepaeler(),
        ),
        ferdig=_("Planen er lagret."),
        tittel=lambda fase: _("Mandat") if fase.fase == "forstudie" else _("Prosjektplan"),
        initial=_plan_initial,
    )


@soker_required
def oppfolging(request, pk):
    return _fase_skjema(
        request,
        pk,
        skjema=forms.OppfolgingForm,
        utfor=lambda fase, form: services.oppfolging_record(fase=fase, **form.cleaned_data),
        ferdig=_("Tellingen er registrert. Takk!"),
        tittel=_("Arbeidsplasser ett år etter"),
        intro=_("Hvor mange nye og sikrede arbeidsplasser har prosjektet gitt ett år etter slutt?"),
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
