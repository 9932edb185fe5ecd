"""The e-mails this app causes, all through notifications.message_send (one row per message)."""

from django.conf import settings
from django.urls import reverse

from felles.formatting import dato

from .models import Soknad


def _message_send(**kwargs):
    from notifications.services import message_send

    return message_send(**kwargs)


def svarfrist_dager() -> int:
    """Days within which the applicant hears from us: the completeness check's deadline in
    the reminder rules (edited in the admin), else the SOKNAD_SVARFRIST_DAGER setting."""
    from notifications.models import ReminderRule

    days = (
        ReminderRule.objects.filter(kind="kompletthetskontroll", active=True)
        .values_list("default_due_days", flat=True)
        .first()
    )
    return days or getattr(settings, "SOKNAD_SVARFRIST_DAGER", 14)


def mottaksbrev_send(soknad: Soknad) -> None:
    """The receipt (mottaksbrev) to the contact person and the project leader."""
    recipients = {
        soknad.kontakt_epost: soknad.kontakt_navn,
        soknad.prosjektleder_epost: soknad.prosjektleder_navn,
    }
    handling_days = svarfrist_dager()
    for recipient, name in sorted(recipients.items()):
        if not recipient:
            continue
        _message_send(
            to=recipient,
            template="receipt",
            context={
                "applicant_name": name,
                "soknad_title": soknad.tittel,
                "reference": soknad.saksnummer,
                "submitted_at": dato(soknad.innsendt),
                "handling_days": handling_days,
                "url": settings.SITE_URL
                + reverse("soknader:minside_soknad", kwargs={"pk": soknad.pk}),
            },
            language=soknad.sprak,
            case=soknad,
            key=f"mottaksbrev:{soknad.pk}:{recipient}",
            legal=True,
        )


def utkastlenke_send(soknad: Soknad, *, token: str) -> None:
    """The secret link back to a draft, to the contact person. Only its hash is stored, so
    the caller gives the token it holds."""
    if not soknad.kontakt_epost:
        return
    _message_send(
        to=soknad.kontakt_epost,
        template="soknad_utkast",
        context={
            "tittel": soknad.tittel,
            "url": settings.SITE_URL + reverse("soknader:steg", kwargs={"token": token, "steg": 1}),
        },
        language=soknad.sprak,
        case=soknad,
        key=f"soknad_utkast:{soknad.pk}:{soknad.kontakt_epost}",
    )


def innloggingslenke_send(*, user, url: str, language: str) -> None:
    from django.utils import timezone

    _message_send(
        to=user.email,
        template="login_link",
        context={"url": url, "valid_minutes": settings.SESAME_MAX_AGE // 60},
        language=language,
        key=f"login_link:{user.pk}:{timezone.now().timestamp()}",
    )
