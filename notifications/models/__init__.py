"""The outbox, the reminder engine and each person's preferences."""

from .outbox import Attachment, Message
from .preferences import Preference
from .reminders import Deadline, Escalation, Reminder, ReminderRule

__all__ = [
    "Attachment",
    "Deadline",
    "Escalation",
    "Message",
    "Preference",
    "Reminder",
    "ReminderRule",
]
