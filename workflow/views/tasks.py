"""Our task forms in viewflow's frontend. Each parses input, calls one service, and
completes the task; the page shows the whole case beside the form."""

from datetime import datetime, time

from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView
from viewflow.workflow.flow.views import mixins

from handlingsplan.errors import DomainError
from soknader.behandling import regler
from soknader.behandling import services as sb
from soknader.behandling import vedtak as sv
from soknader.models import Habilitet, Stemme
from workflow import forms, selectors


class CaseTaskView(mixins.TaskSuccessUrlMixin, FormView):
    template_name = "workflow/task.html"

    @property
    def behandling(self):
        if not hasattr(self, "_behandling"):
            pk = self.request.activation.process.artifact_object_id
            self._behandling = selectors.sak_detail(pk)
        return self._behandling

    def get_context_data(self, **kwargs):
        sak = self.behandling
        innstilling = getattr(sak, "innstilling", None)
        return super().get_context_data(
            sak=sak,
            soknad=sak.soknad,
            innsendt=getattr(sak.soknad, "innsendt_kopi", None),
            innstilling=innstilling,
            pot=innstilling.pot if innstilling else None,
            meldinger=selectors.sak_messages(sak),
            **kwargs,
        )

    def act(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.act(form)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        self.request.activation.execute()
        return redirect(self.get_success_url())


def _end_of_day(value):
    if value is None:
        return None
    return timezone.make_aware(datetime.combine(value, time(23, 59)))


class KontrollView(CaseTaskView):
    form_class = forms.KontrollForm

    def act(self, form):
        data = form.cleaned_data
        if data["utfall"] == forms.KontrollForm.KOMPLETT:
            sb.kontroll_komplett(behandling=self.behandling, by=self.request.user)
        else:
            sb.opplysninger_be_om(
                behandling=self.behandling,
                by=self.request.user,
                sporsmal=data["sporsmal"],
                frist=_end_of_day(data["frist"]),
            )


class VurderingView(CaseTaskView):
    form_class = forms.InnstillingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["program"] = self.behandling.soknad.program
        kwargs["instance"] = getattr(self.behandling, "innstilling", None)
        return kwargs

    def act(self, form):
        data = dict(form.cleaned_data)
        delmal = list(data.pop("delmal"))
        sb.innstilling_lagre(
            behandling=self.behandling, by=self.request.user, data=data, delmal=delmal
        )


class DelegertVedtakView(CaseTaskView):
    form_class = forms.forms.Form

    def act(self, form):
        sv.vedtak_delegert(behandling=self.behandling, by=self.request.user)


class StemmeView(CaseTaskView):
    """First the impartiality declaration; a disqualified member's task ends there.
    Eligible members then vote."""

    def declaration(self):
        return Habilitet.objects.filter(
            behandling=self.behandling, medlem=self.request.user
        ).first()

    def get_form_class(self):
        return forms.StemmeForm if self.declaration() else forms.HabilitetForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(erklaring=self.declaration(), stemmetall=None, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            if isinstance(form, forms.HabilitetForm):
                erklaring = sb.habilitet_erklaer(
                    behandling=self.behandling, medlem=user, **form.cleaned_data
                )
                if not erklaring.inhabil:
                    return redirect(self.request.get_full_path())
            else:
                sb.stemme_avgi(behandling=self.behandling, medlem=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        self.request.activation.execute()
        return redirect(self.get_success_url())


class BekreftView(CaseTaskView):
    form_class = forms.BekreftForm

    def get_initial(self):
        innstilling = self.behandling.innstilling
        return {"belop": innstilling.belop, "vilkar": innstilling.vilkar}

    def get_context_data(self, **kwargs):
        tall = regler.stemmetall(self.behandling)
        return super().get_context_data(stemmetall=tall, valg=Stemme.Valg, **kwargs)

    def act(self, form):
        data = form.cleaned_data
        sv.vedtak_bekreft(
            behandling=self.behandling,
            by=self.request.user,
            belop=data["belop"],
            vilkar=data["vilkar"],
            endringsbegrunnelse=data["endringsbegrunnelse"],
        )
