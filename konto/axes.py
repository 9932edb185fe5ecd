"""Login throttling (django-axes): per account and per client address, password logins only.

An account is locked after AXES_FAILURE_LIMIT failed passwords whatever the address; an address
after AXES_ADRESSE_GRENSE failures whatever the account (higher: an office shares one address).
A lock lifts after AXES_COOLOFF_TIME, or at once when an administrator deletes the access
attempts in the admin (Axes → Access attempts). Applicants' one-time links (django-sesame)
are not password logins and are not counted here.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from felles.klient import client_address


def client_ip(request) -> str | None:
    """The client's address as a trusted reverse proxy reports it (felles.klient); None for
    a request without one, which axes then records without an address."""
    return client_address(request)


def not_a_password_login(request, credentials) -> bool:
    """One-time links authenticate with `sesame`, not a username and password."""
    return "sesame" in (credentials or {})


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class KontoHandler(AxesDatabaseHandler):
    """Separate limits for the account and for the address (AXES_LOCKOUT_PARAMETERS order).

    axes compares one number with AXES_FAILURE_LIMIT (the account's limit); the address's
    failures are scaled to it, so that number reaches the limit exactly when either does.
    """

    def get_failures(self, request, credentials=None) -> int:
        per_account, per_address = self.get_user_attempts(request, credentials)
        account_limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADRESSE_GRENSE
        return max(_failures(per_account), _failures(per_address) * account_limit // address_limit)


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
