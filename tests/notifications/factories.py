import factory
from django.utils import timezone

from notifications.models import Deadline, Message
from tests.factories import UserFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    to_email = factory.Sequence(lambda n: f"mottaker{n}@example.no")
    template = "reminder_before"
    key = factory.Sequence(lambda n: f"test:{n}")
    context = factory.LazyFunction(
        lambda: {"title": "Statusrapport", "due_at": "2026-11-27", "offset_days": 14, "url": "/"}
    )


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    kind = "statusrapport"
    title = factory.Sequence(lambda n: f"Statusrapport {n}")
    user = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=30))
    key = factory.Sequence(lambda n: f"frist:{n}")
