"""The default reminder rules of issue 3; an administrator edits them in the admin."""

from django.db import migrations

# kind: (days before, days after, default due days, [(days late, role), ...])
DEFAULTS = {
    # The programleder's own work on a new application: due 14 days after submission.
    "kompletthetskontroll": ("3, 1", "1", 14, [(7, "styreleder")]),
    "vurdering": ("3, 1", "1", 14, [(7, "styreleder")]),
    # A board member's vote, due at the decision deadline.
    "stemme": ("3, 1", "1", None, [(1, "programleder"), (3, "styreleder")]),
    # The applicant's answer to a request and acceptance of a grant.
    "svar_fra_soker": ("7, 1", "1, 7", None, [(1, "programleder"), (14, "styreleder")]),
    "aksept": ("7, 1", "1, 7", 21, [(1, "programleder"), (14, "styreleder")]),
    # The project's reports and payout requests.
    "statusrapport": ("60, 14, 1", "1, 7", None, [(1, "programleder"), (14, "styreleder")]),
    "sluttrapport": ("60, 14, 1", "1, 7", None, [(1, "programleder"), (14, "styreleder")]),
    "utbetaling": ("60, 14, 1", "1, 7", None, [(1, "programleder"), (14, "styreleder")]),
}


def seed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    Escalation = apps.get_model("notifications", "Escalation")
    for kind, (before, after, due_days, escalations) in DEFAULTS.items():
        rule, created = ReminderRule.objects.get_or_create(
            kind=kind,
            defaults={"days_before": before, "days_after": after, "default_due_days": due_days},
        )
        if created:
            for after_days, role in escalations:
                Escalation.objects.create(rule=rule, after_days=after_days, role=role)


def unseed(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(kind__in=DEFAULTS).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
