"""Turn a message row into subject, text and HTML, in the recipient's language."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notifications import conf

TEMPLATE_DIR = "notifications/email"


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


def render_message(message) -> Rendered:
    return render(
        template=message.template,
        context=message.context,
        language=message.language,
        is_legal=message.is_legal,
        to_email=message.to_email,
    )
