"""What the provider tells us after sending: delivered, bounced, complained."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from felles.roles import Rolle
from notifications.models import Message
from notifications.rendering import absolute_url

from .outbox import TRANSITIONS, messages_send_to_roles

logger = logging.getLogger(__name__)
S = Message.Status

# anymail's normalised event types that change a row; the rest (opened, clicked, ...) do not.
EVENT_STATUS = {
    "delivered": S.DELIVERED,
    "bounced": S.BOUNCED,
    "rejected": S.BOUNCED,
    "complained": S.COMPLAINED,
}


@transaction.atomic
def message_track(*, provider_message_id: str, event: str, description: str = "") -> Message | None:
    """Record a provider event on the row it belongs to; flag a bounced legal letter."""
    new_status = EVENT_STATUS.get(event)
    if new_status is None or not provider_message_id:
        return None
    message = (
        Message.objects.select_for_update().filter(provider_message_id=provider_message_id).first()
    )
    if message is None:
        logger.info("Provider event %s for unknown message %s", event, provider_message_id)
        return None
    if new_status not in TRANSITIONS[message.status]:
        # Duplicates and events arriving out of order leave the row as it is.
        return message
    now = timezone.now()
    message.status = new_status
    message.status_changed_at = now
    if new_status != S.DELIVERED and description:
        message.last_error = description[:2000]
    if new_status == S.BOUNCED and message.is_legal and message.bounce_flagged_at is None:
        message.bounce_flagged_at = now
        _flag_bounced_legal_letter(message)
    message.save()
    return message


def _flag_bounced_legal_letter(message: Message) -> None:
    messages_send_to_roles(
        roles=[Rolle.PROGRAMLEDER],
        template="legal_letter_bounced",
        key=f"bounced:{message.pk}",
        context={
            "to_email": message.to_email,
            "subject": message.subject,
            "sent_at": message.sent_at,
            "reason": message.last_error,
            "message_id": message.pk,
            "url": absolute_url(reverse("varsler:message", kwargs={"pk": message.pk})),
        },
        case=message.case,
    )
