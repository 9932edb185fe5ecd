"""The e-mails this app causes, all through notifications.message_send (one row per message)."""

from django.conf import settings

from felles.formatting import dato
from notifications.services import MessageSpec, messages_send_many
from notifications.services.outbox import case_ref

from .models import Soknad


def _message_send(**kwargs):
    from notifications.services import message_send

    return message_send(**kwargs)


def kontrollfrist_dager(soknad: Soknad) -> int:
    """Days within which the applicant hears from the programleder: the program's deadline
    for the completeness check, the same one the case opens."""
    return soknad.program.kontrollfrist_dager


def mottaksbrev_send(soknad: Soknad) -> None:
    """The receipt (mottaksbrev) to the contact person and the project leader."""
    recipients = {
        soknad.kontakt_epost: soknad.kontakt_navn,
        soknad.prosjektleder_epost: soknad.prosjektleder_navn,
    }
    handling_days = kontrollfrist_dager(soknad)
    case_type_id, case_id = case_ref(soknad)
    messages_send_many(
        [
            MessageSpec(
                to_email=recipient,
                template="receipt",
                key=f"mottaksbrev:{soknad.pk}:{recipient}",
                language=soknad.sprak,
                case_type_id=case_type_id,
                case_id=case_id,
                is_legal=True,
                context={
                    "applicant_name": name,
                    "soknad_title": soknad.tittel,
                    "reference": soknad.saksnummer,
                    "submitted_at": dato(soknad.innsendt),
                    "handling_days": handling_days,
                    "url": settings.SITE_URL + soknad.minside_path,
                },
            )
            for recipient, name in sorted(recipients.items())
            if recipient
        ]
    )


def utkastlenke_send(soknad: Soknad) -> None:
    """The secret link back to a draft, to the contact person. The row keeps a reference:
    the link is made when the e-mail is sent (soknader.lenker)."""
    if not soknad.kontakt_epost:
        return
    _message_send(
        to=soknad.kontakt_epost,
        template="soknad_utkast",
        context={
            "tittel": soknad.tittel,
            "secret_link": {"kind": "utkast", "soknad_id": soknad.pk},
        },
        language=soknad.sprak,
        case=soknad,
        key=f"soknad_utkast:{soknad.pk}:{soknad.kontakt_epost}",
    )


def innloggingslenke_send(*, user, language: str, neste: str = "") -> None:
    """Min side's one-time login link; made when the e-mail is sent, so its half hour starts
    then, and never stored."""
    from django.utils import timezone

    _message_send(
        to=user,
        template="login_link",
        context={
            "valid_minutes": settings.SESAME_MAX_AGE // 60,
            "secret_link": {"kind": "minside_login", "user_id": user.pk, "next": neste},
        },
        language=language,
        key=f"login_link:{user.pk}:{timezone.now().timestamp()}",
    )
