"""Case pages beside the flow: the whole case with history, letters, closing a case, and the
board's meetings (saksliste and protokoll)."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from handlingsplan.errors import DomainError
from soknader.behandling.brev import pdf_from_html
from soknader.behandling.vedtak import behandling_avslutt
from soknader.models import Behandling, Brev, Mote
from workflow import access, forms, selectors
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


class MeetingAccess(UserPassesTestMixin):
    """The meeting view is for the board, the programleder and observers."""

    def test_func(self):
        from handlingsplan.roles import Rolle, has_role

        user = self.request.user
        return access.may_read_all(user) or has_role(user, Rolle.STYREMEDLEM)


class MoterView(MeetingAccess, TemplateView):
    template_name = "workflow/moter.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(moter=Mote.objects.order_by("-dato"), **kwargs)


def _saksliste(mote: Mote) -> dict:
    saker = list(
        mote.saker.select_related("soknad", "innstilling__pot__strategi", "vedtak")
        .prefetch_related("stemmer__medlem", "habilitet__medlem")
        .order_by("soknad__saksnummer")
    )
    styresaker = [
        {
            "sak": sak,
            "vedtak": getattr(sak, "vedtak", None),
            "stemmer": list(sak.stemmer.all()),
            "inhabile": [h for h in sak.habilitet.all() if h.inhabil],
        }
        for sak in saker
        if sak.organ == Behandling.Organ.STYRET
    ]
    delegerte = [
        sak
        for sak in saker
        if sak.organ == Behandling.Organ.PROGRAMLEDER and hasattr(sak, "vedtak")
    ]
    return {"mote": mote, "program": mote.program, "saker": styresaker, "delegerte": delegerte}


class MoteView(MeetingAccess, TemplateView):
    template_name = "workflow/mote.html"

    def get_context_data(self, **kwargs):
        mote = get_object_or_404(Mote.objects.select_related("program"), pk=self.kwargs["pk"])
        return super().get_context_data(**_saksliste(mote), **kwargs)


class ProtokollView(MeetingAccess, TemplateView):
    def get(self, request, *args, **kwargs):
        mote = get_object_or_404(Mote.objects.select_related("program"), pk=kwargs["pk"])
        html = render_to_string("soknader/behandling/pdf/protokoll.html", _saksliste(mote))
        response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="protokoll-{mote.dato}.pdf"'
        return response


def not_found(*args, **kwargs):
    raise Http404
