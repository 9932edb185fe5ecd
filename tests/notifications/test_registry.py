"""notifications knows no app above it: kinds of deadline and digest lines are registered."""

import ast
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from felles.roles import Rolle
from notifications import registry
from notifications.models import Deadline, Preference, ReminderRule
from notifications.services import deadline_open, digest_send_daily
from tests.factories import staff_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=ZoneInfo("Europe/Oslo"))
UPPER_APPS = ("handlingsplan", "soknader", "workflow", "plp", "rapportering", "config")


@pytest.fixture
def fresh_registry(monkeypatch):
    monkeypatch.setattr(registry, "_deadline_kinds", {})
    monkeypatch.setattr(registry, "_digest_sources", {})


def test_the_kind_field_offers_exactly_the_registered_kinds(fresh_registry):
    field = Deadline._meta.get_field("kind")
    assert list(field.choices) == []
    registry.deadline_kind_register("befaring", _("Befaring"))
    registry.deadline_kind_register("befaring", _("Befaring"))  # twice is harmless
    assert [(key, str(label)) for key, label in field.choices] == [("befaring", "Befaring")]
    assert [key for key, _label in ReminderRule._meta.get_field("kind").choices] == ["befaring"]
    with pytest.raises(ImproperlyConfigured):
        registry.deadline_kind_register("befaring", _("Noe annet"))


def test_the_case_apps_kinds_cover_every_seeded_reminder_rule(fresh_registry):
    from plp import frister
    from workflow.deadline_kinds import Frist, register

    register()
    frister.register()  # the project's own kinds (start, follow-up count)
    registered = dict(registry.deadline_kind_choices())
    assert set(ReminderRule.objects.values_list("kind", flat=True)) <= set(registered)
    rule = ReminderRule.objects.get(kind=Frist.AKSEPT)
    with translation.override("nb"):
        assert rule.get_kind_display() == "Aksept av tilsagn"


def test_the_digest_lists_the_lines_of_every_registered_source(fresh_registry, run_on_commit):
    programleder = staff_user(Rolle.PROGRAMLEDER, email="pl@omstilling.no")
    styreleder = staff_user(Rolle.STYRELEDER, email="sl@omstilling.no")
    for user in (programleder, styreleder):
        Preference.objects.create(user=user, delivery=Preference.Delivery.DIGEST)
    asked = []

    def tasks(users, now):
        asked.append(({u.pk for u in users}, now))
        return {programleder.pk: [{"title": "Vurder søknad 2026-0007", "created": now}]}

    registry.digest_source_register("test", tasks)
    with pytest.raises(ImproperlyConfigured):
        registry.digest_source_register("test", lambda users, now: {})
    with time_machine.travel(NOW, tick=False), run_on_commit():
        assert digest_send_daily() == 1  # the chair has nothing waiting: no e-mail
    assert asked == [({programleder.pk, styreleder.pk}, NOW)]
    [digest] = mail.outbox
    assert digest.to == ["pl@omstilling.no"]
    assert "Vurder søknad 2026-0007" in digest.body


def test_without_sources_the_digest_still_lists_deadlines(fresh_registry, run_on_commit):
    programleder = staff_user(Rolle.PROGRAMLEDER, email="pl@omstilling.no")
    Preference.objects.create(user=programleder, delivery=Preference.Delivery.DIGEST)
    with time_machine.travel(NOW, tick=False):
        deadline_open(
            kind="vurdering",
            title="Vurder søknad 2026-0008",
            user=programleder,
            due_at=NOW + timedelta(days=3),
        )
    with time_machine.travel(NOW, tick=False), run_on_commit():
        assert digest_send_daily() == 1
    assert "Vurder søknad 2026-0008" in mail.outbox[-1].body


def test_notifications_imports_no_app_above_it_nor_viewflows_workflow():
    root = Path(settings.BASE_DIR) / "notifications"
    found = []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                top = name.split(".")[0]
                if top in UPPER_APPS or name.startswith("viewflow.workflow"):
                    found.append((path.name, name))
    assert found == []


def test_the_case_apps_source_lists_each_users_waiting_flow_tasks():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from viewflow.workflow.models import Process, Task
    from viewflow.workflow.status import STATUS
    from viewflow.workflow.token import Token

    from workflow.digest_source import open_tasks
    from workflow.flows import SoknadFlow

    programleder = staff_user(Rolle.PROGRAMLEDER, email="pl@omstilling.no")
    styreleder = staff_user(Rolle.STYRELEDER, email="sl@omstilling.no")
    process = Process.objects.create(flow_class=SoknadFlow, status="NEW")
    for owner, status in [(programleder, STATUS.ASSIGNED), (programleder, STATUS.DONE)]:
        Task.objects.create(
            process=process,
            flow_task=SoknadFlow.kontroll,
            flow_task_type="HUMAN",
            status=status,
            owner=owner,
            token=Token("start"),
        )
    with CaptureQueriesContext(connection) as queries:
        lines = open_tasks([programleder, styreleder], NOW)
    assert len(queries) == 1
    assert set(lines) == {programleder.pk}
    [line] = lines[programleder.pk]
    assert line["title"] == SoknadFlow.kontroll.task_title
    assert line["created"] is not None
