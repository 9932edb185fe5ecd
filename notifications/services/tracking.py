"""What the provider tells us after sending: delivered, bounced, complained."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from felles.roles import Rolle
from notifications.models import Message
from notifications.rendering import absolute_url

from .outbox import messages_send_to_roles
from .status import message_may, message_move

logger = logging.getLogger(__name__)
S = Message.Status

# anymail's normalised event types that move a row, by the move they make (status.py);
# the rest (opened, clicked, ...) do not.
EVENT_MOVE = {
    "delivered": "delivered",
    "bounced": "bounced",
    "rejected": "bounced",
    "complained": "complained",
}


@transaction.atomic
def message_track(*, provider_message_id: str, event: str, description: str = "") -> Message | None:
    """Record a provider event on the row it belongs to; flag a bounced legal letter."""
    move = EVENT_MOVE.get(event)
    if move is None or not provider_message_id:
        return None
    message = (
        Message.objects.select_for_update().filter(provider_message_id=provider_message_id).first()
    )
    if message is None:
        logger.info("Provider event %s for unknown message %s", event, provider_message_id)
        return None
    if not message_may(message, move):
        # Duplicates and events arriving out of order leave the row as it is.
        return message
    now = timezone.now()
    message_move(message, move, now=now)
    new_status = message.status
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
