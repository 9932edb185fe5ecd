"""Staff sessions end after a working day without activity; applicants' sessions are untouched.

At login the session of a staff member is marked, so later requests need no query to know it.
Each request of a marked session renews its expiry, at most every few minutes (a renewal is a
write), so the session ends STAFF_SESSION_SECONDS after the last activity.
"""

import time

from django.conf import settings

from felles.roles import is_staff_member
from konto.regler import tofaktor_required

ANSATT_KEY = "konto_ansatt"
FORNYET_KEY = "konto_fornyet"
TOFAKTOR_KEY = "konto_tofaktor_kreves"
RENEW_AFTER_SECONDS = 300


def on_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if is_staff_member(user):
        request.session[ANSATT_KEY] = True
        request.session[TOFAKTOR_KEY] = tofaktor_required(user)
        _renew(request.session)


def _renew(session):
    session[FORNYET_KEY] = int(time.time())
    session.set_expiry(settings.STAFF_SESSION_SECONDS)


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(ANSATT_KEY)
            and int(time.time()) - session.get(FORNYET_KEY, 0) >= RENEW_AFTER_SECONDS
        ):
            _renew(session)
        return self.get_response(request)
