"""The roles that must use two factors reach no page before they have passed the second step."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from konto.regler import has_confirmed_totp, tofaktor_enforced
from konto.sesjon import TOFAKTOR_KEY

# Pages a person half logged in may still reach: the two-factor pages themselves, logging
# out, the language switch and static files.
OPEN_PREFIXES = ("/staff/konto/", "/accounts/logout/", "/i18n/", "/static/")


class TofaktorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(TOFAKTOR_KEY)
            and tofaktor_enforced()
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            name = "konto:bekreft" if has_confirmed_totp(request.user) else "konto:oppsett"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
