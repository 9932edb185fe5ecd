"""Two-factor pages: set up an authenticator app, pass the second step, see recovery codes once."""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from viewflow.urls import Application

from konto import tofaktor
from konto.regler import has_confirmed_totp, tofaktor_offered, tofaktor_required

CODES_SESSION_KEY = "konto_reservekoder"


class CodeForm(forms.Form):
    kode = forms.CharField(
        label=gettext_lazy("Engangskode"),
        max_length=16,
        strip=True,
        error_messages={"required": gettext_lazy("Skriv inn koden.")},
    )


def _next_url(request, default="/staff/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class StaffOnly(UserPassesTestMixin):
    def test_func(self):
        return tofaktor_offered(self.request.user)


class SetupView(StaffOnly, View):
    """Status of the second factor, and setting it up: the secret as text and as a QR code."""

    template_name = "konto/oppsett.html"

    def get(self, request):
        user = request.user
        if has_confirmed_totp(user):
            if not user.is_verified():
                return redirect(f"{reverse('konto:bekreft')}?next={_next_url(request)}")
            return self._render(request, device=None, form=None)
        return self._render(request, device=tofaktor.totp_start(user=user), form=CodeForm())

    def post(self, request):
        user = request.user
        if has_confirmed_totp(user) and not user.is_verified():
            return redirect(reverse("konto:bekreft"))
        if "nye_koder" in request.POST:
            if not user.is_verified():
                return redirect(reverse("konto:oppsett"))
            request.session[CODES_SESSION_KEY] = tofaktor.recovery_codes_renew(user=user)
            return redirect(reverse("konto:koder"))
        device = tofaktor.totp_start(user=user)
        form = CodeForm(request.POST)
        if form.is_valid():
            codes = tofaktor.totp_confirm(device=device, token=form.cleaned_data["kode"])
            if codes is not None:
                otp_login(request, device)
                request.session[CODES_SESSION_KEY] = codes
                return redirect(f"{reverse('konto:koder')}?next={_next_url(request)}")
            form.add_error("kode", _("Koden stemmer ikke. Prøv den neste koden appen viser."))
        return self._render(request, device=device, form=form, status=400)

    def _render(self, request, *, device, form, status=200):
        qr = None
        if device is not None:
            qr = mark_safe(  # noqa: S308 - segno's own SVG of the device's URL, nothing typed
                segno.make(device.config_url, error="m").svg_inline(
                    scale=4, title=_("QR-kode for autentiseringsappen"), omitsize=False
                )
            )
        return render(
            request,
            self.template_name,
            {
                "device": device,
                "secret": tofaktor.secret_b32(device) if device else "",
                "qr": qr,
                "form": form,
                "required": tofaktor_required(request.user),
                "next": _next_url(request),
            },
            status=status,
        )


class VerifyView(StaffOnly, View):
    """The second step after the password: a code from the app, or one recovery code."""

    template_name = "konto/bekreft.html"

    def get(self, request):
        if not has_confirmed_totp(request.user):
            return redirect(f"{reverse('konto:oppsett')}?next={_next_url(request)}")
        return render(request, self.template_name, {"form": CodeForm(), "next": _next_url(request)})

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["kode"].replace(" ", "")
            device = match_token(request.user, token)
            if device is not None:
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        _("Du brukte en reservekode. Du har %(left)s igjen.") % {"left": left},
                    )
                return redirect(_next_url(request))
            form.add_error("kode", _("Koden stemmer ikke."))
        context = {"form": form, "next": _next_url(request)}
        return render(request, self.template_name, context, status=400)


class CodesView(StaffOnly, View):
    """The recovery codes, shown once: they leave the session as they are shown."""

    template_name = "konto/koder.html"

    def get(self, request):
        codes = request.session.pop(CODES_SESSION_KEY, None)
        response = render(request, self.template_name, {"codes": codes, "next": _next_url(request)})
        response["Cache-Control"] = "no-store"
        return response


class KontoApp(Application):
    title = gettext_lazy("Tofaktor")
    icon = "security"
    app_name = "konto"
    permission = staticmethod(tofaktor_offered)

    index_path = path("", SetupView.as_view(), name="oppsett")
    verify_path = path("bekreft/", VerifyView.as_view(), name="bekreft")
    codes_path = path("koder/", CodesView.as_view(), name="koder")
