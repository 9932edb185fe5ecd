from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from felles.roles import Rolle
from notifications.models import Preference
from notifications.services import message_deliver
from tests.factories import UserFactory, staff_user

from .factories import DeadlineFactory, MessageFactory

pytestmark = pytest.mark.django_db


def test_staff_read_every_email_and_filter_by_case(client):
    client.force_login(staff_user(Rolle.OBSERVATOR))
    sent = MessageFactory(case_type_id=1, case_id=7)
    message_deliver(message_id=sent.pk)
    other = MessageFactory()
    listing = client.get(reverse("varsler:outbox"))
    assert listing.status_code == 200
    assert sent.to_email in listing.text and other.to_email in listing.text
    per_case = client.get(reverse("varsler:outbox"), {"case_type": 1, "case_id": 7})
    assert sent.to_email in per_case.text and other.to_email not in per_case.text
    detail = client.get(reverse("varsler:message", kwargs={"pk": sent.pk}))
    assert detail.status_code == 200
    assert 'sandbox=""' in detail.text
    assert "Påminnelse: Statusrapport innen 27.11.2026" in detail.text
    preview = client.get(reverse("varsler:message", kwargs={"pk": other.pk}))
    assert "forhåndsvisning" in preview.text


def test_applicants_cannot_read_the_outbox(client):
    client.force_login(UserFactory())
    assert client.get(reverse("varsler:outbox")).status_code in (302, 403)
    assert client.get(reverse("varsler:index")).status_code in (302, 403)


def test_the_overview_shows_what_is_late_and_due_by_person(client):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    late_owner = UserFactory(first_name="Lise", last_name="Sen")
    DeadlineFactory(
        user=late_owner,
        title="Sluttrapport Fjellturisme",
        due_at=timezone.now() - timedelta(days=3),
    )
    DeadlineFactory(
        email="soker@example.no",
        user=None,
        title="Aksept av tilsagn",
        due_at=timezone.now() + timedelta(days=5),
    )
    DeadlineFactory(title="Langt fram", due_at=timezone.now() + timedelta(days=90))
    page = client.get(reverse("varsler:index"))
    assert page.status_code == 200
    assert "1 på overtid, 1 forfaller" in page.text
    assert "Lise Sen" in page.text and "3 dager på overtid" in page.text
    assert "soker@example.no" in page.text and "Langt fram" not in page.text


def test_a_user_changes_their_preferences(client):
    user = staff_user(Rolle.STYREMEDLEM)
    client.force_login(user)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(
        reverse("notifications:preferences"), {"delivery": "digest", "language": "en"}
    )
    assert response.status_code == 302
    assert Preference.objects.get(user=user).delivery == "digest"


def test_an_applicant_is_not_offered_the_digest(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("notifications:preferences"), {"delivery": "digest", "language": "nb"}
    )
    assert response.status_code == 200
    assert not Preference.objects.exists()
