"""Impartiality pages: the programleder's declaration beside their task, the board's ruling
on a member's question, the chair giving the case to another handler, and the board's
election of an acting chair. Each parses input and calls one service."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from felles.errors import DomainError
from workflow import forms_habilitet as hf
from workflow import regler, services
from workflow.models import Habilitet, Sak


class SaksbehandlerHabilitet:
    """For a programleder's task: the first time they act in the case they declare their
    impartiality with the same post; a disqualified one does not act (the chair gives the
    case to another)."""

    def _habilitet_form(self):
        if not hasattr(self, "_hf"):
            data = self.request.POST if self.request.method == "POST" else None
            self._hf = hf.SaksbehandlerHabilitetForm(data, prefix="habilitet")
        return self._hf

    def _inhabil(self) -> bool | None:
        return regler.saksbehandler_inhabil(self.sak, self.request.user)

    def get_context_data(self, **kwargs):
        inhabil = self._inhabil()
        return super().get_context_data(
            habilitet_form=self._habilitet_form() if inhabil is None else None,
            saksbehandler_inhabil=bool(inhabil),
            **kwargs,
        )

    def form_valid(self, form):
        if self._inhabil() is None:
            declaration = self._habilitet_form()
            if not declaration.is_valid():
                return self.form_invalid(form)
            try:
                erklaring = services.saksbehandler_declare(
                    sak=self.sak, by=self.request.user, **declaration.cleaned_data
                )
            except DomainError as exc:
                exc.add_to(declaration)
                return self.form_invalid(form)
            if erklaring.inhabil:
                messages.warning(
                    self.request,
                    _(
                        "Du er registrert som inhabil i sak %(nr)s. Styreleder tildeler saken "
                        "til en annen saksbehandler."
                    )
                    % {"nr": self.sak.saksnummer},
                )
                return redirect(reverse("saker:sak", kwargs={"pk": self.sak.pk}))
        return super().form_valid(form)


class _SakPage(UserPassesTestMixin, FormView):
    template_name = "workflow/habilitet_skjema.html"
    overskrift = ""

    @property
    def sak(self) -> Sak:
        if not hasattr(self, "_sak"):
            self._sak = get_object_or_404(
                Sak.objects.select_related("soknad__program__behandlingsregler", "programleder"),
                pk=self.kwargs["pk"],
            )
        return self._sak

    def get_context_data(self, **kwargs):
        return super().get_context_data(sak=self.sak, overskrift=self.overskrift, **kwargs)

    def call(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            melding = self.call(form)
        except DomainError as exc:
            exc.add_to(form)
            return self.form_invalid(form)
        messages.success(self.request, melding)
        return redirect(reverse("saker:sak", kwargs={"pk": self.sak.pk}))


class AvgjorView(_SakPage):
    """The other eligible members rule on a member's impartiality (§ 8 annet ledd)."""

    @property
    def overskrift(self):
        return _("Styret avgjør habiliteten til %(navn)s") % {
            "navn": hf.navn(self.erklaring.medlem)
        }

    @property
    def erklaring(self) -> Habilitet:
        if not hasattr(self, "_erklaring"):
            self._erklaring = get_object_or_404(
                Habilitet.objects.select_related("medlem"),
                pk=self.kwargs["hid"],
                sak_id=self.kwargs["pk"],
                rolle=Habilitet.Rolle.STYREMEDLEM,
            )
        return self._erklaring

    def medlemmer(self):
        return regler.habile_medlemmer(self.sak, unntatt=self.erklaring.medlem)

    def test_func(self):
        return self.request.user.pk in {m.pk for m in self.medlemmer()}

    def get_form_class(self):
        return hf.AvgjorForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "medlemmer": self.medlemmer()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(erklaring=self.erklaring, **kwargs)

    def call(self, form):
        erklaring = services.habilitet_rule(
            erklaring=self.erklaring,
            by=self.request.user,
            stemmer=form.stemmer(),
            begrunnelse=form.cleaned_data["begrunnelse"],
        )
        if erklaring.inhabil:
            return _("Styret har avgjort at %(navn)s er inhabil.") % {
                "navn": hf.navn(erklaring.medlem)
            }
        return _("Styret har avgjort at %(navn)s ikke er inhabil.") % {
            "navn": hf.navn(erklaring.medlem)
        }


class SettestyrelederView(_SakPage):
    """The eligible members elect an acting chair for the case."""

    form_class = hf.SettestyrelederForm

    @property
    def overskrift(self):
        return _("Velg settestyreleder i sak %(nr)s") % {"nr": self.sak.saksnummer}

    def test_func(self):
        return self.request.user.pk in {m.pk for m in regler.habile_medlemmer(self.sak)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "medlemmer": regler.habile_medlemmer(self.sak)}

    def call(self, form):
        valg = services.settestyreleder_elect(
            sak=self.sak, by=self.request.user, **form.cleaned_data
        )
        return _("%(navn)s er valgt som settestyreleder.") % {"navn": hf.navn(valg.valgt)}


class SaksbehandlerView(_SakPage):
    """The chair gives the case of a disqualified programleder to another."""

    form_class = hf.SaksbehandlerForm

    @property
    def overskrift(self):
        return _("Tildel sak %(nr)s til en annen saksbehandler") % {"nr": self.sak.saksnummer}

    def test_func(self):
        leder = regler.moteleder(self.sak).user
        return leder is not None and leder.pk == self.request.user.pk

    def get_form_kwargs(self):
        kandidater = regler.habile_saksbehandlere(self.sak)
        return {**super().get_form_kwargs(), "kandidater": kandidater}

    def get_context_data(self, **kwargs):
        ingen = not regler.habile_saksbehandlere(self.sak).exists()
        return super().get_context_data(ingen_habile=ingen, **kwargs)

    def call(self, form):
        sak = services.saksbehandler_assign(
            sak=self.sak, ny=form.cleaned_data["saksbehandler"], by=self.request.user
        )
        return _("Saken er tildelt %(navn)s.") % {"navn": hf.navn(sak.programleder)}
