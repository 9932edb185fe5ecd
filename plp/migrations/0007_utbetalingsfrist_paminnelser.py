"""The default reminder rule of the deadline for a phase's last payout request: reminded 60
and 14 days before, and escalated to the programleder."""

from django.db import migrations

DEFAULTS = {
    "plp_utbetalingsfrist": ("60, 14", "1, 7", [(1, "programleder")]),
}


def seed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    Escalation = apps.get_model("notifications", "Escalation")
    for kind, (before, after, escalations) in DEFAULTS.items():
        rule, created = ReminderRule.objects.get_or_create(
            kind=kind, defaults={"days_before": before, "days_after": after}
        )
        if created:
            for after_days, role in escalations:
                Escalation.objects.create(rule=rule, after_days=after_days, role=role)


def unseed(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(kind__in=DEFAULTS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plp", "0006_referansegruppe"),
        ("notifications", "0004_redact_secret_links"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
