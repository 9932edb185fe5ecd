"""Writes of the notifications app. Other apps call `message_send` and the deadline services."""

from .delivery import TemporarySendError, message_deliver, message_sweep
from .digests import digest_send_daily
from .outbox import (
    MessageSpec,
    OutgoingAttachment,
    message_send,
    messages_send_many,
    messages_send_to_roles,
)
from .preferences import preference_set, prefers_digest
from .reminders import (
    DeadlineSpec,
    deadline_close,
    deadline_open,
    deadlines_open_many,
    reminder_sweep,
)
from .tracking import message_track

__all__ = [
    "DeadlineSpec",
    "MessageSpec",
    "OutgoingAttachment",
    "TemporarySendError",
    "deadline_close",
    "deadline_open",
    "deadlines_open_many",
    "digest_send_daily",
    "message_deliver",
    "message_send",
    "message_sweep",
    "message_track",
    "messages_send_many",
    "messages_send_to_roles",
    "preference_set",
    "prefers_digest",
    "reminder_sweep",
]
