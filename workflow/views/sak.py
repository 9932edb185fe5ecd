"""Case pages beside the flow: the whole case with history, letters, closing a case, and the
board's meetings (saksliste and protokoll)."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from felles import access
from felles.errors import DomainError
from felles.formatting import dato
from soknader.behandling.brev import pdf_from_html
from soknader.behandling.moter import delegerte_vedtak, forrige_mote, mote_endre, mote_opprett
from soknader.behandling.services import opplysninger_forleng
from soknader.behandling.vedtak import behandling_avslutt
from soknader.models import Behandling, Brev, Mote
from workflow import forms, selectors
from workflow.models import Saksbehandling


def _process_for(behandling_pk: int):
    return Saksbehandling.objects.filter(artifact_object_id=behandling_pk).first()


class CaseAccess(UserPassesTestMixin):
    """Staff who read everything; a board member only a case they have a task in."""

    def behandling_pk(self) -> int:
        return self.kwargs["pk"]

    def test_func(self):
        user = self.request.user
        if access.may_read_all(user):
            return True
        process = _process_for(self.behandling_pk())
        return process is not None and access.may_view_cases(user, process)


def _svarfrist_ute(sak: Behandling) -> bool:
    if sak.status != Behandling.Status.VENTER_SVAR:
        return False
    apne = [k for k in sak.opplysningskrav.all() if k.besvart is None]
    return bool(apne) and apne[-1].frist < timezone.now()


class SakView(CaseAccess, TemplateView):
    template_name = "workflow/sak.html"

    def get_context_data(self, **kwargs):
        sak = selectors.sak_detail(self.kwargs["pk"])
        innstilling = getattr(sak, "innstilling", None)
        process = _process_for(sak.pk)
        tasks = (
            process.task_set.select_related("owner").order_by("created", "pk") if process else []
        )
        return super().get_context_data(
            sak=sak,
            soknad=sak.soknad,
            innsendt=getattr(sak.soknad, "innsendt_kopi", None),
            innstilling=innstilling,
            pot=innstilling.pot if innstilling else None,
            meldinger=selectors.sak_messages(sak),
            process=process,
            tasks=tasks,
            stemmer=sak.stemmer.select_related("medlem")
            if selectors.votes_visible_to(self.request.user, sak)
            else None,
            kan_avslutte=access.may_handle(self.request.user),
            svarfrist_ute=_svarfrist_ute(sak),
            **kwargs,
        )


class BrevView(CaseAccess, TemplateView):
    def behandling_pk(self):
        return get_object_or_404(
            Brev.objects.only("behandling_id"), pk=self.kwargs["pk"]
        ).behandling_id

    def get(self, request, *args, **kwargs):
        brev = get_object_or_404(Brev, pk=kwargs["pk"])
        response = HttpResponse(bytes(brev.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{brev.filnavn}"'
        return response


class AvsluttView(UserPassesTestMixin, FormView):
    form_class = forms.AvsluttForm
    template_name = "workflow/avslutt.html"

    def test_func(self):
        return access.may_handle(self.request.user)

    def get_context_data(self, **kwargs):
        sak = get_object_or_404(Behandling.objects.select_related("soknad"), pk=self.kwargs["pk"])
        return super().get_context_data(sak=sak, **kwargs)

    def form_valid(self, form):
        sak = get_object_or_404(Behandling, pk=self.kwargs["pk"])
        try:
            behandling_avslutt(
                behandling=sak,
                by=self.request.user,
                grunn=form.cleaned_data["grunn"],
                av_soker=False,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Saken er avsluttet."))
        return redirect(reverse("soknad:sak", kwargs={"pk": sak.pk}))


class SvarfristView(UserPassesTestMixin, FormView):
    """The applicant has not answered: the programleder closes the case with a reason, or
    waits longer (the answer deadline moves, in the reminder engine too)."""

    form_class = forms.SvarfristForm
    template_name = "workflow/svarfrist.html"

    def test_func(self):
        return access.may_handle(self.request.user)

    def get_context_data(self, **kwargs):
        sak = get_object_or_404(Behandling.objects.select_related("soknad"), pk=self.kwargs["pk"])
        krav = sak.opplysningskrav.filter(besvart__isnull=True).last()
        return super().get_context_data(sak=sak, krav=krav, now=timezone.now(), **kwargs)

    def form_valid(self, form):
        sak = get_object_or_404(Behandling, pk=self.kwargs["pk"])
        data = form.cleaned_data
        try:
            if data["valg"] == forms.SvarfristForm.VENT:
                krav = opplysninger_forleng(
                    behandling=sak, by=self.request.user, dager=data["dager"]
                )
                messages.success(self.request, _("Ny svarfrist: %(d)s.") % {"d": dato(krav.frist)})
            else:
                behandling_avslutt(
                    behandling=sak, by=self.request.user, grunn=data["grunn"], av_soker=False
                )
                messages.success(self.request, _("Saken er avsluttet."))
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        return redirect(reverse("soknad:sak", kwargs={"pk": sak.pk}))


class MeetingAccess(UserPassesTestMixin):
    """The meeting view is for the board, the programleder and observers."""

    def test_func(self):
        from felles.roles import Rolle, has_role

        user = self.request.user
        return access.may_read_all(user) or has_role(user, Rolle.STYREMEDLEM)


class MoterView(MeetingAccess, TemplateView):
    template_name = "workflow/moter.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            moter=Mote.objects.order_by("-dato"),
            kan_planlegge=access.may_plan_meetings(self.request.user),
            **kwargs,
        )


def _saksliste(mote: Mote, user=None) -> dict:
    """The agenda and its decisions. A board member who has not voted in an undecided case
    does not see how the others voted in it."""
    saker = list(
        mote.saker.select_related("soknad", "innstilling__pot__strategi", "vedtak__vedtatt_av")
        .prefetch_related("stemmer__medlem", "habilitet__medlem")
        .order_by("soknad__saksnummer")
    )
    hidden = selectors.votes_hidden_from(user, saker) if user is not None else set()
    styresaker = [
        {
            "sak": sak,
            "vedtak": getattr(sak, "vedtak", None),
            "stemmer": [] if sak.pk in hidden else list(sak.stemmer.all()),
            "stemmer_skjult": sak.pk in hidden,
            "inhabile": [h for h in sak.habilitet.all() if h.inhabil],
        }
        for sak in saker
        if sak.organ == Behandling.Organ.STYRET
    ]
    delegerte = [v.behandling for v in delegerte_vedtak(mote)]
    return {
        "mote": mote,
        "program": mote.program,
        "saker": styresaker,
        "delegerte": delegerte,
        "forrige": forrige_mote(mote),
    }


class MoteView(MeetingAccess, TemplateView):
    template_name = "workflow/mote.html"

    def get_context_data(self, **kwargs):
        mote = get_object_or_404(Mote.objects.select_related("program"), pk=self.kwargs["pk"])
        return super().get_context_data(
            **_saksliste(mote, self.request.user),
            kan_planlegge=access.may_plan_meetings(self.request.user),
            **kwargs,
        )


class ProtokollView(MeetingAccess, TemplateView):
    def get(self, request, *args, **kwargs):
        mote = get_object_or_404(Mote.objects.select_related("program"), pk=kwargs["pk"])
        html = render_to_string(
            "soknader/behandling/pdf/protokoll.html", _saksliste(mote, request.user)
        )
        response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="protokoll-{mote.dato}.pdf"'
        return response


class MotePlanAccess(UserPassesTestMixin):
    """The programleder and the chair (and administrators) plan the board's meetings."""

    def test_func(self):
        return access.may_plan_meetings(self.request.user)


class MoteNyView(MotePlanAccess, FormView):
    form_class = forms.MoteForm
    template_name = "workflow/mote_skjema.html"
    mote = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mote": self.mote}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mote=self.mote, **kwargs)

    def save(self, data):
        return mote_opprett(by=self.request.user, **data)

    def form_valid(self, form):
        try:
            mote = self.save(form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Møtet er lagret."))
        return redirect(reverse("soknad:mote", kwargs={"pk": mote.pk}))


class MoteEndreView(MoteNyView):
    def dispatch(self, request, *args, **kwargs):
        self.mote = get_object_or_404(Mote.objects.select_related("program"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def save(self, data):
        data.pop("program", None)
        return mote_endre(mote=self.mote, by=self.request.user, **data)


def not_found(*args, **kwargs):
    raise Http404
