"""Our task forms in viewflow's frontend. Each parses input, calls one service, and
completes the task; the page shows the whole case beside the form."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from viewflow.workflow.flow.views import mixins

from felles.errors import DomainError
from workflow import forms, forms_habilitet, selectors, services, utfall
from workflow.models import Habilitet, Stemme
from workflow.services.prosess import prosess_sak_known
from workflow.vedtak_forms import DelegertVedtakForm

from .habilitet import SaksbehandlerHabilitet


class CaseTaskView(mixins.TaskSuccessUrlMixin, FormView):
    template_name = "workflow/task.html"

    @property
    def sak(self):
        """The case: with everything its page shows when the page is shown, and the bare
        row when a form is posted (the service locks and reads what it needs)."""
        if not hasattr(self, "_sak"):
            prosess_id = self.request.activation.process.pk
            if self.request.method == "POST":
                self._sak = selectors.sak_for_prosess(prosess_id, self.request.user)
            else:
                self._sak = selectors.sak_detail(prosess_id=prosess_id)
        return self._sak

    def form_invalid(self, form):
        if self.request.method == "POST":  # the page is shown again: with the whole case
            self._sak = selectors.sak_detail(prosess_id=self.request.activation.process.pk)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        sak = self.sak
        innstilling = getattr(sak, "innstilling", None)
        return super().get_context_data(
            sak=sak,
            soknad=sak.soknad,
            innsendt=getattr(sak.soknad, "innsendt_kopi", None),
            innstilling=innstilling,
            pot=innstilling.pot if innstilling else None,
            meldinger=selectors.sak_messages(sak),
            habilitet=selectors.habilitet_oversikt(sak, self.request.user),
            **kwargs,
        )

    def act(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.act(form)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        prosess_sak_known(self.request.activation.process, result)
        self.request.activation.execute()
        return redirect(self.get_success_url())


def _end_of_day(value):
    if value is None:
        return None
    return timezone.make_aware(datetime.combine(value, time(23, 59)))


class KontrollView(SaksbehandlerHabilitet, CaseTaskView):
    form_class = forms.KontrollForm

    def act(self, form):
        data = form.cleaned_data
        return services.kontroll_record(
            sak=self.sak,
            by=self.request.user,
            komplett=data["utfall"] == forms.KontrollForm.KOMPLETT,
            sporsmal=data["sporsmal"],
            frist=_end_of_day(data["frist"]),
        )


class VurderingView(SaksbehandlerHabilitet, CaseTaskView):
    form_class = forms.InnstillingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["program"] = self.sak.soknad.program
        kwargs["soknad"] = self.sak.soknad
        kwargs["instance"] = getattr(self.sak, "innstilling", None)
        return kwargs

    def act(self, form):
        data = dict(form.cleaned_data)
        delmal = list(data.pop("delmal"))
        felt, vedlegg, hjemmel = (data.pop(name) for name in form.UNNTAK_FIELDS)
        return services.vurdering_save(
            sak=self.sak,
            by=self.request.user,
            data=data,
            delmal=delmal,
            unntak={"felt": felt, "vedlegg": vedlegg, "hjemmel": hjemmel},
        )


class DelegertVedtakView(SaksbehandlerHabilitet, CaseTaskView):
    form_class = DelegertVedtakForm

    def get_initial(self):
        return {"hovedhensyn": self.sak.innstilling.begrunnelse}

    def act(self, form):
        return services.vedtak_decide(
            sak=self.sak, by=self.request.user, hovedhensyn=form.cleaned_data["hovedhensyn"]
        )


class StemmeView(CaseTaskView):
    """First the impartiality declaration (or a question to the board); a disqualified
    member's task ends there. Eligible members then vote, and may change their declaration
    until they have voted."""

    def declaration(self):
        if not hasattr(self, "_erklaring"):
            self._erklaring = Habilitet.objects.filter(
                sak=self.sak, medlem=self.request.user, rolle=Habilitet.Rolle.STYREMEDLEM
            ).first()
        return self._erklaring

    def get_form_class(self):
        erklaring = self.declaration()
        if self.request.method == "POST":  # the form posted says which it is
            if "valg" in self.request.POST:
                return forms.StemmeForm
            return (
                forms.forms.Form
                if "fullfor" in self.request.POST
                else forms_habilitet.ErklaringForm
            )
        if erklaring is not None and erklaring.inhabil:
            return forms.forms.Form  # ruled disqualified by the board: the task ends
        if erklaring is None or erklaring.inhabil is None or "endre" in self.request.GET:
            return forms_habilitet.ErklaringForm
        return forms.StemmeForm

    def get_initial(self):
        erklaring = self.declaration()
        if erklaring is None:
            return {}
        return {
            "grunner": erklaring.grunner,
            "andre_forhold": erklaring.andre_forhold,
            "inhabil_andre": bool(erklaring.inhabil) and not erklaring.grunner,
            "tvil": erklaring.tvil,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(erklaring=self.declaration(), stemmetall=None, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            if isinstance(form, forms_habilitet.ErklaringForm):
                if self.declaration() is None:
                    erklaring = services.habilitet_declare(
                        sak=self.sak, medlem=user, **form.cleaned_data
                    )
                else:
                    erklaring = services.habilitet_change(
                        sak=self.sak, medlem=user, **form.cleaned_data
                    )
                if not erklaring.inhabil:
                    return redirect(self.request.path)
                messages.info(
                    self.request,
                    _("Du er registrert som inhabil i sak %(nr)s og deltar ikke i behandlingen.")
                    % {"nr": self.sak.saksnummer},
                )
            elif isinstance(form, forms.StemmeForm):
                stemme = services.stemme_cast(sak=self.sak, medlem=user, **form.cleaned_data)
                prosess_sak_known(self.request.activation.process, stemme)
            elif not (self.declaration() and self.declaration().inhabil):
                return redirect(self.request.path)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        self.request.activation.execute()
        return redirect(self.get_success_url())


class BekreftView(CaseTaskView):
    """The chair leading the case confirms: the impartial styreleder, or the settestyreleder
    when the styreleder is disqualified. Anyone else, a disqualified chair above all, is
    refused with the reason (the service checks the same)."""

    form_class = forms.BekreftForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.leder = utfall.bekrefter_check(self.sak, request.user)
        except DomainError as exc:
            raise PermissionDenied(exc.message) from exc
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pots": utfall.potter_for_bekreftelse(self.sak)}

    def get_initial(self):
        innstilling = self.sak.innstilling
        return {"belop": innstilling.belop, "vilkar": innstilling.vilkar, "pot": innstilling.pot_id}

    def get_context_data(self, **kwargs):
        tall, tekst = utfall.bekreftelse_oversikt(self.sak, self.leder)
        return super().get_context_data(
            stemmetall=tall, valg=Stemme.Valg, utfall_tekst=tekst, **kwargs
        )

    def act(self, form):
        data = form.cleaned_data
        return services.vedtak_confirm(
            sak=self.sak,
            by=self.request.user,
            pot=data["pot"],
            belop=data["belop"],
            vilkar=data["vilkar"],
            endringsbegrunnelse=data["endringsbegrunnelse"],
            eurokurs=data.get("eurokurs"),
        )
