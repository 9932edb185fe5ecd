from pathlib import Path

import pytest
from django.conf import settings

from notifications.rendering import render
from notifications.tasks import workflow_timers_task

TEMPLATES = sorted(
    p.name.removesuffix(".subject.txt")
    for p in (Path(settings.BASE_DIR) / "notifications/templates/notifications/email").glob(
        "*.subject.txt"
    )
)
SAMPLE = {
    "title": "Statusrapport 1",
    "due_at": "2026-11-27T12:00:00+01:00",
    "offset_days": 3,
    "url": "https://omstilling.example/x/",
    "soknad_title": "Forprosjekt & fjell",
    "reference": "2026-014",
    "applicant_name": "Ola",
    "submitted_at": "2026-03-02",
    "handling_days": 14,
    "valid_minutes": 15,
    "questions": "Budsjett?",
    "answer_by": "2026-03-20",
    "task_title": "Stem i sak 2026-014",
    "name": "Kari",
    "granted": True,
    "amount": "150 000 kr",
    "appeal_days": 21,
    "accepted_at": "2026-04-01",
    "reason": "Ikke startet",
    "owner_name": "Per",
    "owner_email": "per@example.no",
    "tasks": [{"title": "Vurder"}],
    "late": [],
    "week": [],
    "escalated": [],
    "to_email": "a@example.no",
    "subject": "Vedtak",
    "sent_at": "2026-04-01",
    "from_pot": "A",
    "to_pot": "B",
    "by": "Pia",
}


def test_every_message_the_later_issues_need_exists():
    assert set(TEMPLATES) >= {
        "receipt",
        "login_link",
        "information_request",
        "board_task_assigned",
        "decision_letter",
        "acceptance_confirmation",
        "lapse_notice",
        "reminder_before",
        "reminder_late",
        "escalation",
        "daily_digest",
        "legal_letter_bounced",
    }


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_each_message_renders_subject_text_and_html_in_the_layout(template, language):
    rendered = render(template=template, context=SAMPLE, language=language, is_legal=False)
    assert rendered.subject and "\n" not in rendered.subject
    assert "&amp;" not in rendered.subject and "&amp;" not in rendered.text
    assert "{%" not in rendered.text and "{{" not in rendered.html
    assert f'<html lang="{language}">' in rendered.html
    assert "/varsler/innstillinger/" in rendered.text  # how to change preferences


@pytest.mark.django_db
def test_the_beat_task_fires_viewflows_due_timers():
    assert workflow_timers_task.apply().get() == 0
