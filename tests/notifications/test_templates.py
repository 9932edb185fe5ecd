from pathlib import Path

from django.conf import settings

TEMPLATES = sorted(
    p.name.removesuffix(".subject.txt")
    for p in (Path(settings.BASE_DIR) / "notifications/templates/notifications/email").glob(
        "*.subject.txt"
    )
)


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
