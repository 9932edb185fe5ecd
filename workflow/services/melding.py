"""Notices to the case's programleder: a new application, an answer from the applicant, an
acceptance, a lapse. One e-mail each through the outbox, unless the programleder chose the
daily digest; then the digest lists them (workflow.digest_source.notices)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.services import MessageSpec, messages_send_many, prefers_digest
from notifications.services.outbox import case_ref
from workflow.models import Hendelse, Sak

from .grunnlag import oppgave_url

H = Hendelse.Type

# The case events the programleder hears of, and what the notice calls them.
NOTICES = {
    H.STARTET: _("Ny søknad"),
    H.SVAR_MOTTATT: _("Svar fra søker"),
    H.AKSEPTERT: _("Tilsagnet er akseptert"),
    H.BORTFALT: _("Tilsagnet falt bort"),
}


def programleder_tell(sak: Sak, hendelse: Hendelse) -> None:
    """Tell the case's programleder of `hendelse` (one of NOTICES), in the caller's
    transaction. Sent once per event; nothing when the programleder reads the digest."""
    user = sak.programleder  # with its preference, as sak_lock reads the case
    preference = getattr(user, "notification_preference", None) if user else None
    if user is None or not user.email or prefers_digest(preference):
        return
    case_type_id, case_id = case_ref(sak.emne)
    spec = MessageSpec(
        to_email=user.email,
        user_id=user.pk,
        language=preference.language if preference else settings.LANGUAGE_CODE,
        template="programleder_notice",
        key=f"programleder_notice:{hendelse.pk}:{user.pk}",
        case_type_id=case_type_id,
        case_id=case_id,
        context={
            "name": user.get_full_name() or user.get_username(),
            "kind": hendelse.type,
            "reference": sak.saksnummer,
            "soknad_title": sak.tittel,
            "organisation": sak.soknad.org_navn if sak.soknad_id else "",
            "detail": hendelse.tekst,
            "url": oppgave_url(sak),
        },
    )
    messages_send_many([spec])
