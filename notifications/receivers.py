"""anymail's tracking signal → the outbox row."""

from anymail.signals import tracking
from django.dispatch import receiver

from notifications.services import message_track


@receiver(tracking, dispatch_uid="notifications.message_track")
def on_tracking(sender, event, esp_name, **kwargs):
    message_track(
        provider_message_id=event.message_id or "",
        event=event.event_type,
        description=event.description or event.mta_response or "",
    )
