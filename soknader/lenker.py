"""The applicant's secret links: a draft's link and Min side's login link.

Neither is ever stored readable. An e-mail carries a reference (`{"secret_link": {"kind":
"utkast", "soknad_id": 7}}`) and the link is made by the makers below when the worker sends
it (notifications.registry). A draft's link is an HMAC of the draft's id and the hash of its
current secret (`Soknad.utkast_token_hash`): renewing the secret (Min side's "continue")
stops every earlier link and every session that held the draft. Following a link puts the
draft in the browser's session, and the form's pages then carry no secret in their paths.
"""

import hmac
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .models import Soknad

SESSION_KEY = "soknader_utkast"
HELD_MAX = 20  # drafts one browser session holds at once; the oldest is let go first
_LINK = re.compile(r"(\d{1,18})-([0-9a-f]{64})")
_NEXT = re.compile(r"/[A-Za-z0-9/_-]{0,200}")


def draft_link_token(soknad: Soknad) -> str:
    """The secret part of a draft's link, valid until the draft's secret is renewed."""
    digest = salted_hmac(
        "soknader.utkastlenke", f"{soknad.pk}:{soknad.utkast_token_hash}", algorithm="sha256"
    ).hexdigest()
    return f"{soknad.pk}-{digest}"


def draft_link_parse(token: str) -> int | None:
    """The draft id a link names, if it has the form of one (checked by draft_link_valid)."""
    found = _LINK.fullmatch(token or "")
    return int(found.group(1)) if found else None


def draft_link_valid(soknad: Soknad, token: str) -> bool:
    return hmac.compare_digest(draft_link_token(soknad), token)


def draft_link_url(soknad: Soknad) -> str:
    path = reverse("soknader:utkast", kwargs={"token": draft_link_token(soknad)})
    return settings.SITE_URL.rstrip("/") + path


def draft_hold(session, soknad: Soknad) -> None:
    """This browser holds the draft from now on, until its secret is renewed."""
    held = {k: v for k, v in session.get(SESSION_KEY, {}).items() if k != str(soknad.pk)}
    held[str(soknad.pk)] = soknad.utkast_token_hash
    session[SESSION_KEY] = dict(list(held.items())[-HELD_MAX:])


def draft_held(session, pk: int) -> str:
    """What this browser holds of draft `pk`: the hash of its secret when it got it, or ''."""
    return str(session.get(SESSION_KEY, {}).get(str(pk), ""))


def _draft_link(reference) -> str:
    return draft_link_url(Soknad.objects.get(pk=reference["soknad_id"]))


def minside_next(value) -> str:
    """`value` if it is a page of Min side (a path, no host) to open after login, else ''."""
    value = str(value or "")
    if _NEXT.fullmatch(value) and value.startswith("/min-side/") and "//" not in value:
        return value
    return ""


def _login_link(reference) -> str:
    from sesame.utils import get_query_string

    user = get_user_model().objects.get(pk=reference["user_id"], is_active=True)
    path = reverse("soknader:minside_innlogging") + get_query_string(user)
    neste = minside_next(reference.get("next"))
    if neste:
        path += "&" + urlencode({"next": neste})
    return settings.SITE_URL.rstrip("/") + path


def register() -> None:
    from notifications.registry import secret_link_register

    secret_link_register("utkast", _draft_link)
    # Whoever reads a login e-mail's body could log in as the applicant until it is used.
    secret_link_register("minside_login", _login_link, body_admin_only=True)
