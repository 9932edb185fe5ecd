"""The outbox row's state machine: exactly the moves the outbox and the webhook make."""

import pytest
from django.utils import translation

from felles.errors import DomainError
from notifications.models import Message
from notifications.services.status import MessageStatus, message_may, message_move

from .factories import MessageFactory

pytestmark = pytest.mark.django_db
S = Message.Status


def test_the_machine_allows_exactly_these_moves():
    moves = {
        (transition.source, transition.target)
        for method in MessageStatus.status.get_transitions()
        for transition in method.get_transitions()
    }
    assert moves == {
        (S.QUEUED, S.SENDING),
        (S.QUEUED, S.FAILED),
        (S.SENDING, S.SENT),
        (S.SENDING, S.QUEUED),
        (S.SENDING, S.FAILED),
        (S.SENT, S.DELIVERED),
        (S.SENT, S.BOUNCED),
        (S.SENT, S.COMPLAINED),
        (S.DELIVERED, S.BOUNCED),
        (S.DELIVERED, S.COMPLAINED),
    }


def test_a_move_stamps_the_time_and_a_refused_move_is_a_domain_error():
    message = MessageFactory(status=S.SENT)
    before = message.status_changed_at
    assert message_may(message, "delivered")
    message_move(message, "delivered")
    assert message.status == S.DELIVERED
    assert message.status_changed_at >= before
    assert not message_may(message, "delivered")
    with (
        translation.override("nb"),
        pytest.raises(DomainError, match="fra delivered til sent") as error,
    ):
        message_move(message, "sent")
    assert error.value.code == "wrong_state"
    assert message.status == S.DELIVERED
