"""Turn a message row into subject, text and HTML, in the recipient's language.

A message that carries a secret link (a login link, a draft's link) keeps only a reference
to it in its row; the link is made by the app that owns it (notifications.registry) when the
message is rendered for sending, and every other rendering shows it redacted.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from notifications import conf
from notifications.registry import secret_link_body_admin_only, secret_link_maker

TEMPLATE_DIR = "notifications/email"
REDACTED = _("[lenken vises ikke her]")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def absolute_url(path: str) -> str:
    """Links in e-mail come from the configured site URL, never from a request."""
    if path.startswith(("http://", "https://")):
        return path
    return conf.site_url() + "/" + path.lstrip("/")


def render(*, template: str, context: dict, language: str, is_legal: bool, to_email: str = ""):
    with translation.override(language):
        full = {
            **context,
            "site_url": conf.site_url(),
            "preferences_url": absolute_url(reverse("notifications:preferences")),
            "is_legal": is_legal,
            "recipient_email": to_email,
            "language": language,
        }
        subject = render_to_string(f"{TEMPLATE_DIR}/{template}.subject.txt", full)
        text = render_to_string(f"{TEMPLATE_DIR}/{template}.txt", full)
        html = render_to_string(f"{TEMPLATE_DIR}/{template}.html", full)
    return Rendered(subject=" ".join(subject.split())[:255], text=text.strip() + "\n", html=html)


def secret_reference(context) -> dict | None:
    """The reference to a secret link a message's context carries, if any."""
    found = (context or {}).get("secret_link")
    return found if isinstance(found, dict) and found.get("kind") else None


def body_admin_only(message) -> bool:
    """Only the administrator may read this message's body (a login link's e-mail)."""
    found = secret_reference(message.context)
    return found is not None and secret_link_body_admin_only(found["kind"])


def render_message(message, *, with_secrets: bool = False) -> Rendered:
    """The message as its template makes it. Its secret link, if any, is made only when
    `with_secrets` (by the sender, at send time); otherwise it is redacted."""
    context = message.context
    found = secret_reference(context)
    if found is not None:
        field = found.get("field", "url")
        with translation.override(message.language):
            link = secret_link_maker(found["kind"])(found) if with_secrets else REDACTED
        context = {**context, field: link}
    return render(
        template=message.template,
        context=context,
        language=message.language,
        is_legal=message.is_legal,
        to_email=message.to_email,
    )
