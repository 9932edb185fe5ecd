"""Our task forms in viewflow's frontend. Each parses input, calls one service, and
completes the task; the page shows the whole case beside the form."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from viewflow.workflow.flow.views import mixins

from felles.errors import DomainError
from workflow import forms, forms_habilitet, neste, regler, selectors, services, utfall
from workflow.models import Habilitet, Innstilling, Stemme
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
            exc.add_to(form)
            return self.form_invalid(form)
        prosess_sak_known(self.request.activation.process, result)
        self.request.activation.execute()
        return self.done(result)

    def done(self, result):
        """Say what happened and what comes next, on the case page."""
        if hasattr(result, "utfall"):  # a decision: what it says, without reading the case
            melding = neste.etter_vedtak(self.sak.saksnummer, result)
        elif hasattr(result, "anbefaling") and Innstilling.sak.is_cached(result):
            melding = neste.neste_steg(result.sak)  # the case as the service left it
        else:
            melding = neste.neste_steg(self.sak_after())
        sak = self.sak
        messages.success(self.request, melding)
        return redirect(reverse("saker:sak", kwargs={"pk": sak.pk}))

    def sak_after(self):
        """The case's state after the task."""
        self.sak.refresh_from_db(fields=["status", "stemmefrist"])
        return self.sak

    def pott_advarsel(self, pot, belop) -> dict:
        """A warning when `belop` exceeds what `pot` has available now, with the way to
        reallocate money into it."""
        if pot is None or not belop or belop <= pot.tilgjengelig:
            return {}
        return {
            "pott_advarsel": neste.pott_for_liten(pot, belop),
            "omfordeling_url": reverse("handlingsplan:omfordeling", kwargs={"pk": pot.pk})
            + "?til=1",
        }


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

    def get_initial(self):
        """A new assessment starts from the application: the amount, the dates, the jobs,
        the strategy the applicant chose, and de minimis as the applicant declared it."""
        if self.request.method == "POST" or getattr(self.sak, "innstilling", None) is not None:
            return super().get_initial()
        soknad = self.sak.soknad
        pot = getattr(soknad.foreslatt_strategi, "pot", None) if soknad.foreslatt_strategi else None
        return {
            "belop": regler.omsokt_belop(soknad) or None,
            "startdato": soknad.startdato,
            "sluttdato": soknad.sluttdato,
            "nye_arbeidsplasser": soknad.nye_kvinner + soknad.nye_menn,
            "sikrede_arbeidsplasser": soknad.sikrede_kvinner + soknad.sikrede_menn,
            "pot": pot.pk if pot else None,
            "bagatellmessig": soknad.offentlig_stotte.filter(type="bagatell").exists(),
        }

    def get_context_data(self, **kwargs):
        innstilling = getattr(self.sak, "innstilling", None)
        advarsel = (
            self.pott_advarsel(innstilling.pot, innstilling.belop)
            if innstilling is not None and innstilling.innvilge
            else {}
        )
        return super().get_context_data(**advarsel, **kwargs)

    def done(self, result):
        innstilling = result if hasattr(result, "anbefaling") else None
        response = super().done(result)
        pot = self.request.POST and getattr(self, "_pot_valgt", None)
        if innstilling is not None and innstilling.innvilge and pot:
            advarsel = self.pott_advarsel(pot, innstilling.belop)
            if advarsel:
                messages.warning(self.request, advarsel["pott_advarsel"])
        return response

    def act(self, form):
        data = dict(form.cleaned_data)
        self._pot_valgt = data.get("pot")
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
                messages.success(self.request, neste.stemme_registrert(self.sak))
            elif not (self.declaration() and self.declaration().inhabil):
                return redirect(self.request.path)
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        self.request.activation.execute()
        return redirect(reverse("saker:sak", kwargs={"pk": self.sak.pk}))


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
        innstilling = self.sak.innstilling
        form = kwargs.get("form")
        data = form.cleaned_data if form is not None and hasattr(form, "cleaned_data") else {}
        pot = data.get("pot") or innstilling.pot
        advarsel = self.pott_advarsel(pot, data.get("belop") or innstilling.belop)
        return super().get_context_data(
            stemmetall=tall, valg=Stemme.Valg, utfall_tekst=tekst, **advarsel, **kwargs
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
