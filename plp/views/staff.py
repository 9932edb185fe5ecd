"""Staff pages of the project app: the project list, a project, and the programleder's
decisions on a phase (final report, change request, repayment claim, lapse). Each form calls
one service; a refusal is shown on the form."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from felles.access import may_handle, may_read_all
from felles.errors import DomainError
from felles.roles import Rolle, has_role
from handlingsplan.models import PlpFase
from handlingsplan.views import StaffRequiredMixin
from plp import forms, services
from plp.models import (
    Beslutningspunkt,
    Endringssoknad,
    Fase,
    Prosjekt,
    Sluttrapport,
    Tilbakebetaling,
)
from plp.selectors import frister_for, prosjekt_detail, prosjektliste, venter_pa
from plp.views.minside import _file

PER_SIDE = 50


class ReadAllMixin(StaffRequiredMixin):
    def allowed(self, user) -> bool:
        return may_read_all(user)


class HandleMixin(StaffRequiredMixin):
    def allowed(self, user) -> bool:
        return may_handle(user)


class ProsjektlisteView(ReadAllMixin, TemplateView):
    template_name = "plp/staff/liste.html"

    def get_context_data(self, **kwargs):
        fase = self.request.GET.get("fase", "")
        status = self.request.GET.get("status", "")
        fase = fase if fase in PlpFase.values else ""
        status = status if status in set(Prosjekt.Status.values) | set(Fase.Status.values) else ""
        page = Paginator(prosjektliste(fase=fase, status=status), PER_SIDE).get_page(
            self.request.GET.get("side")
        )
        fasenavn, statusnavn = dict(PlpFase.choices), dict(Fase.Status.choices)
        rows = [
            {
                "p": p,
                "venter": venter_pa(p),
                "fase": fasenavn.get(p.gjeldende_fase, ""),
                "fasestatus": statusnavn.get(p.fasestatus, ""),
                "gjenstaende": p.innvilget - p.utbetalt - p.frigjort,
            }
            for p in page.object_list
        ]
        return super().get_context_data(
            page=page,
            rows=rows,
            fase=fase,
            status=status,
            faser=PlpFase.choices,
            statuser=Prosjekt.Status.choices + Fase.Status.choices,
            **kwargs,
        )


class ProsjektView(ReadAllMixin, TemplateView):
    template_name = "plp/staff/prosjekt.html"

    def get_context_data(self, **kwargs):
        prosjekt = prosjekt_detail(get_object_or_404(Prosjekt, pk=self.kwargs["pk"]))
        return super().get_context_data(
            prosjekt=prosjekt,
            faser=list(prosjekt.faser.all()),
            frister=frister_for(prosjekt),
            kan_behandle=may_handle(self.request.user),
            kan_avgjore_endring=may_handle(self.request.user)
            or has_role(self.request.user, Rolle.STYRELEDER),
            **kwargs,
        )


class _FaseForm(HandleMixin, FormView):
    template_name = "plp/staff/skjema.html"
    title = ""

    def get_object(self):
        return get_object_or_404(
            Fase.objects.select_related("prosjekt__program", "sak__soknad"), pk=self.kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def fase(self) -> Fase:
        if self.object is None:
            self.object = self.get_object()
        return self.object if isinstance(self.object, Fase) else self.object.fase

    def get_context_data(self, **kwargs):
        fase = self.fase()
        return super().get_context_data(
            fase=fase, prosjekt=fase.prosjekt, title=self.title, **kwargs
        )

    def form_valid(self, form):
        try:
            text = self.perform(form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        messages.success(self.request, text)
        return redirect("prosjekter:prosjekt", pk=self.fase().prosjekt_id)


class SluttrapportView(_FaseForm):
    form_class = forms.SluttrapportBehandlingForm
    title = _("Kontroll av sluttrapporten")
    template_name = "plp/staff/sluttrapport.html"

    def get_context_data(self, **kwargs):
        rapport = get_object_or_404(
            Sluttrapport.objects.prefetch_related("kostnader", "delmal"), fase=self.fase()
        )
        return super().get_context_data(rapport=rapport, **kwargs)

    def perform(self, data):
        rapport = get_object_or_404(Sluttrapport, fase=self.fase())
        if data["utfall"] == "godkjenn":
            services.sluttrapport_approve(
                rapport=rapport, by=self.request.user, merknad=data["merknad"]
            )
            return _("Sluttrapporten er godkjent.")
        services.sluttrapport_return(rapport=rapport, by=self.request.user, merknad=data["merknad"])
        return _("Sluttrapporten er sendt tilbake til prosjektet.")


class EndringView(_FaseForm):
    """The programleder decides; above the delegated limit the chair, on the board's behalf."""

    form_class = forms.EndringVedtakForm

    def allowed(self, user) -> bool:
        return may_handle(user) or has_role(user, Rolle.STYRELEDER)

    title = _("Vedtak om endring")
    template_name = "plp/staff/endring.html"

    def get_object(self):
        return get_object_or_404(
            Endringssoknad.objects.select_related("fase__prosjekt__program", "fase__sak"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        self.fase()
        return super().get_context_data(endring=self.object, **kwargs)

    def perform(self, data):
        self.fase()
        services.endring_decide(
            endring=self.object,
            by=self.request.user,
            innvilget=data["utfall"] == "innvilg",
            begrunnelse=data["begrunnelse"],
        )
        return _("Vedtaket er fattet og brevet sendt.")


class TilbakebetalingView(_FaseForm):
    form_class = forms.TilbakebetalingForm
    title = _("Krav om tilbakebetaling")

    def perform(self, data):
        services.tilbakebetaling_decide(
            fase=self.fase(),
            belop=data["belop"],
            begrunnelse=data["begrunnelse"],
            by=self.request.user,
        )
        return _("Kravet er vedtatt og brevet sendt.")


class RapportintervallView(_FaseForm):
    """The grant sets how often the project reports; the programleder records it."""

    form_class = forms.RapportintervallForm
    title = _("Statusrapport hver")

    def get_initial(self):
        dokument = getattr(self.fase(), "dokument", None)
        return {"rapportintervall_maneder": dokument.rapportintervall_maneder if dokument else 3}

    def perform(self, data):
        services.fasedokument_save(fase=self.fase(), fields=data)
        return _("Rapporteringen er endret.")


class BortfallView(_FaseForm):
    form_class = forms.BortfallForm
    title = _("Tilsagnet faller bort")

    def perform(self, data):
        services.fase_lapse(fase=self.fase(), grunn=data["begrunnelse"], by=self.request.user)
        return _("Tilsagnet har falt bort, og pengene er ført tilbake til potten.")


class FilView(ReadAllMixin, View):
    """The minutes of a decision point, or a decision letter on a phase, for staff who read
    every case (the same rule as the project page)."""

    def get(self, request, pk, kind, fil_pk=None):
        fase = get_object_or_404(Fase, pk=pk)
        if kind == "referat":
            bp = Beslutningspunkt.objects.filter(fase=fase).first()
            if bp is None or not bp.referat:
                raise Http404
            name = bp.referat.name.rsplit("/", 1)[-1]
            return _file(bp.referat.read(), name, "application/octet-stream")
        model = {"endring": Endringssoknad, "tilbakebetaling": Tilbakebetaling}.get(kind)
        found = model.objects.filter(fase=fase, pk=fil_pk).first() if model else None
        if found is None or not found.brev:
            raise Http404
        return _file(bytes(found.brev), f"{kind}-{found.pk}.pdf", "application/pdf")
