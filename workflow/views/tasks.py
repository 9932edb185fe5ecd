"""Our task forms in viewflow's frontend. Each parses input, calls one service, and
completes the task; the page shows the whole case beside the form."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from viewflow.workflow.flow.views import mixins

from felles.errors import DomainError
from handlingsplan.models import Pot
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

    UNNTAK_FELT = {"felt": "unntak_felt", "vedlegg": "unntak_vedlegg", "hjemmel": "unntak_hjemmel"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["program"] = self.behandling.soknad.program
        kwargs["soknad"] = self.behandling.soknad
        kwargs["instance"] = getattr(self.behandling, "innstilling", None)
        return kwargs

    def act(self, form):
        data = dict(form.cleaned_data)
        delmal = list(data.pop("delmal"))
        felt, vedlegg, hjemmel = (data.pop(name) for name in form.UNNTAK_FIELDS)
        with transaction.atomic():
            try:
                sb.soknad_unntak_sett(
                    soknad=self.behandling.soknad,
                    felt=felt,
                    vedlegg=vedlegg,
                    hjemmel=hjemmel,
                    by=self.request.user,
                )
            except DomainError as exc:
                field = self.UNNTAK_FELT.get(exc.field, exc.field)
                raise DomainError(exc.message, field=field, code=exc.code) from exc
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
                messages.info(
                    self.request,
                    _("Du er registrert som inhabil i sak %(nr)s og deltar ikke i behandlingen.")
                    % {"nr": self.behandling.soknad.saksnummer},
                )
            else:
                sb.stemme_avgi(behandling=self.behandling, medlem=user, **form.cleaned_data)
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
            self.leder = sv.bekrefter_sjekk(self.behandling, request.user)
        except DomainError as exc:
            raise PermissionDenied(exc.message) from exc
        return super().dispatch(request, *args, **kwargs)

    def utfall(self):
        tall = regler.stemmetall(self.behandling)
        return tall, sv.styrets_utfall(tall, self.leder.user, self.behandling.innstilling)

    def get_form_kwargs(self):
        innstilling = self.behandling.innstilling
        pots = sv.potter_for_vedtak(self.behandling.soknad.program)
        if innstilling.pot_id:
            pots = pots | Pot.objects.filter(pk=innstilling.pot_id)
        return {**super().get_form_kwargs(), "pots": pots.select_related("strategi__handlingsplan")}

    def get_initial(self):
        innstilling = self.behandling.innstilling
        return {"belop": innstilling.belop, "vilkar": innstilling.vilkar, "pot": innstilling.pot_id}

    def get_context_data(self, **kwargs):
        tall, utfall = self.utfall()
        return super().get_context_data(
            stemmetall=tall,
            valg=Stemme.Valg,
            utfall_tekst=utfall_tekst(tall, utfall, self.leder, self.behandling.innstilling),
            **kwargs,
        )

    def act(self, form):
        data = form.cleaned_data
        sv.vedtak_bekreft(
            behandling=self.behandling,
            by=self.request.user,
            pot=data["pot"],
            belop=data["belop"],
            vilkar=data["vilkar"],
            endringsbegrunnelse=data["endringsbegrunnelse"],
        )


def utfall_tekst(tall, utfall, leder=None, innstilling=None) -> list[str]:
    """The outcome of the vote in plain words, as the chair leading the case confirms it."""
    lines = []
    if leder is not None and leder.satt:
        lines.append(
            _(
                "Styreleder er inhabil i saken. Du leder saken som settestyreleder og "
                "bekrefter vedtaket; ved stemmelikhet avgjør din stemme."
            )
        )
    if utfall.stemmelikhet and utfall.ved_leder:
        if leder is not None and leder.satt:
            lines.append(
                _("Stemmelikhet (%(f)d for, %(m)d mot): settestyreleders stemme avgjør.")
                % {"f": tall.for_, "m": tall.mot}
            )
        else:
            lines.append(
                _("Stemmelikhet (%(f)d for, %(m)d mot): styreleders stemme avgjør.")
                % {"f": tall.for_, "m": tall.mot}
            )
    elif utfall.stemmelikhet:
        lines.append(
            _(
                "Stemmelikhet (%(f)d for, %(m)d mot), og møteleder har ikke stemt for eller "
                "mot innstillingen. Et tilskudd krever flertall for å innvilge, så søknaden "
                "blir avslått."
            )
            % {"f": tall.for_, "m": tall.mot}
        )
    if utfall.stemmelikhet_uten_leder and innstilling is not None and not innstilling.innvilge:
        lines.append(_("Innstillingen om avslag blir stående."))
    else:
        lines.append(
            _("Innstillingen er vedtatt.")
            if utfall.vedtatt
            else _("Innstillingen er ikke vedtatt.")
        )
    lines.append(_("Søknaden blir innvilget.") if utfall.innvilget else _("Søknaden blir avslått."))
    if utfall.innvilger_mot_avslag:
        lines.append(
            _(
                "Programlederen innstilte på avslag: velg potten i årets handlingsplan og "
                "beløpet, og skriv styrets begrunnelse."
            )
        )
    elif not utfall.vedtatt:
        lines.append(_("Skriv styrets begrunnelse for avslaget. Den står i brevet."))
    return lines
