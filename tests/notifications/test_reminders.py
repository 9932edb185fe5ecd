from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from felles.errors import DomainError
from felles.roles import Rolle
from notifications.models import Deadline, Message, Preference, Reminder, ReminderRule
from notifications.services import (
    deadline_close,
    deadline_open,
    digest_send_daily,
    reminder_sweep,
)
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
OPENED = datetime(2026, 1, 5, 9, 0, tzinfo=OSLO)
DUE = datetime(2026, 6, 1, 12, 0, tzinfo=OSLO)


@pytest.fixture
def people():
    return {
        "prosjektleder": UserFactory(email="leder@prosjekt.no"),
        "programleder": staff_user(Rolle.PROGRAMLEDER, email="pl@omstilling.no"),
        "styreleder": staff_user(Rolle.STYRELEDER, email="sl@omstilling.no"),
    }


@pytest.fixture
def sweep_at(run_on_commit):
    def sweep(when):
        before = len(mail.outbox)
        with time_machine.travel(when, tick=False), run_on_commit():
            reminder_sweep()
        return [(m.to[0], m.subject) for m in mail.outbox[before:]]

    return sweep


def open_status_report(user):
    with time_machine.travel(OPENED, tick=False):
        return deadline_open(
            kind="statusrapport",
            title="Statusrapport 1 for Fjellturisme",
            due_at=DUE,
            user=user,
            link="/prosjekt/7/statusrapport/",
            key="statusrapport:7:1",
        )


def test_the_defaults_of_the_issue_are_seeded():
    rule = ReminderRule.objects.get(kind="statusrapport")
    assert rule.offsets_before == [60, 14, 1]
    assert rule.offsets_after == [7, 1]
    assert [(e.after_days, e.role) for e in rule.escalations.all()] == [
        (1, "programleder"),
        (14, "styreleder"),
    ]
    assert ReminderRule.objects.get(kind="vurdering").default_due_days == 14
    assert set(ReminderRule.objects.values_list("kind", flat=True)) >= {
        "kompletthetskontroll",
        "vurdering",
        "stemme",
        "svar_fra_soker",
        "aksept",
        "statusrapport",
        "sluttrapport",
        "utbetaling",
    }


def test_a_deadline_is_reminded_at_each_configured_offset_and_escalated(people, sweep_at):
    deadline = open_status_report(people["prosjektleder"])
    assert deadline.reminders.count() == 7
    day = timedelta(days=1)
    assert sweep_at(DUE - 61 * day) == []
    assert sweep_at(DUE - 60 * day) == [
        ("leder@prosjekt.no", "Påminnelse: Statusrapport 1 for Fjellturisme innen 01.06.2026")
    ]
    assert sweep_at(DUE - 60 * day + timedelta(hours=1)) == []  # sent once
    assert sweep_at(DUE - 14 * day) == [
        ("leder@prosjekt.no", "Påminnelse: Statusrapport 1 for Fjellturisme innen 01.06.2026")
    ]
    assert len(sweep_at(DUE - day)) == 1
    assert sweep_at(DUE) == []
    owner = people["prosjektleder"].get_full_name()
    assert sorted(sweep_at(DUE + day)) == [
        ("leder@prosjekt.no", "Fristen er passert: Statusrapport 1 for Fjellturisme"),
        ("pl@omstilling.no", f"Forsinket: Statusrapport 1 for Fjellturisme ({owner})"),
    ]
    assert sweep_at(DUE + 7 * day) == [
        ("leder@prosjekt.no", "Fristen er passert: Statusrapport 1 for Fjellturisme")
    ]
    escalated = sweep_at(DUE + 14 * day)
    assert [to for to, _ in escalated] == ["sl@omstilling.no"]
    assert set(deadline.reminders.values_list("status", flat=True)) == {Reminder.Status.SENT}
    late = Message.objects.get(key=f"reminder:{deadline.reminders.get(offset_days=7).pk}")
    assert late.case_id is None and late.template == "reminder_late"
    assert "https://omstilling.example/prosjekt/7/statusrapport/" in late.body_text


def test_no_reminders_after_the_deadline_closes(people, sweep_at):
    deadline = open_status_report(people["prosjektleder"])
    assert len(sweep_at(DUE - timedelta(days=60))) == 1
    with time_machine.travel(DUE - timedelta(days=30), tick=False):
        assert deadline_close(key="statusrapport:7:1") == 1
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.CLOSED and deadline.closed_at is not None
    assert sweep_at(DUE + timedelta(days=30)) == []
    statuses = list(deadline.reminders.order_by("send_at").values_list("status", flat=True))
    assert statuses == ["sent"] + ["cancelled"] * 6


def test_opening_with_the_same_key_twice_gives_one_deadline(people):
    first = open_status_report(people["prosjektleder"])
    again = open_status_report(people["prosjektleder"])
    assert first.pk == again.pk
    assert Reminder.objects.count() == 7


def test_reminders_already_past_when_the_deadline_opens_are_not_planned(people):
    with time_machine.travel(DUE - timedelta(days=20), tick=False):
        deadline = deadline_open(
            kind="statusrapport", title="Kort frist", due_at=DUE, email="noen@example.no"
        )
    before = sorted(deadline.reminders.filter(kind="before").values_list("offset_days", flat=True))
    assert before == [1, 14]


def test_a_deadline_without_a_date_takes_the_rules_default(people):
    with time_machine.travel(OPENED, tick=False):
        deadline = deadline_open(
            kind="vurdering", title="Vurder søknad 2026-014", user=people["programleder"]
        )
    assert deadline.due_at == OPENED + timedelta(days=14)
    with pytest.raises(DomainError):
        deadline_open(kind="statusrapport", title="Uten dato", user=people["programleder"])


def test_staff_who_chose_the_digest_get_one_daily_email_instead(people, sweep_at, run_on_commit):
    programleder = people["programleder"]
    Preference.objects.create(user=programleder, delivery=Preference.Delivery.DIGEST)
    with time_machine.travel(OPENED, tick=False):
        deadline = deadline_open(
            kind="vurdering",
            title="Vurder søknad 2026-014",
            user=programleder,
            due_at=OPENED + timedelta(days=14),
        )
    assert sweep_at(OPENED + timedelta(days=13)) == []
    assert deadline.reminders.filter(status=Reminder.Status.DIGESTED).count() == 2  # -3 and -1
    with time_machine.travel(OPENED + timedelta(days=13, hours=1), tick=False), run_on_commit():
        assert digest_send_daily() == 1
        assert digest_send_daily() == 0  # same day, same key: written once
    digest = mail.outbox[-1]
    assert digest.to == ["pl@omstilling.no"]
    assert digest.subject == "Dagens oversikt fra omstillingsprogrammet"
    assert "Vurder søknad 2026-014" in digest.body
    assert Message.objects.filter(template="daily_digest").count() == 1


def test_applicants_cannot_choose_the_digest(people):
    from notifications.services import preference_set

    with pytest.raises(DomainError):
        preference_set(user=people["prosjektleder"], delivery="digest", language="nb")
    assert preference_set(user=people["programleder"], delivery="digest", language="en")
