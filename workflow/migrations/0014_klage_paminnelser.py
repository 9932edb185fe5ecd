from django.db import migrations

# Reminder rules for the three steps of an appeal: the deciding body's review, the
# forwarding to the appeal body, and following up the appeal body's decision. The rules
# are rows an administrator edits; these are the first values.
REGLER = {
    "klage_vurdering": {"days_before": "7, 1", "days_after": "1", "default_due_days": 21},
    "klage_oversendelse": {"days_before": "3, 1", "days_after": "1", "default_due_days": 14},
    "klage_klageorgan": {"days_before": "14", "days_after": "7", "default_due_days": 90},
}


def seed_klage_rules(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    Escalation = apps.get_model("notifications", "Escalation")
    for kind, defaults in REGLER.items():
        rule, created = ReminderRule.objects.get_or_create(kind=kind, defaults=defaults)
        if created:
            Escalation.objects.create(rule=rule, after_days=1, role="programleder")


def unseed_klage_rules(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(kind__in=REGLER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_redact_secret_links"),
        ("workflow", "0013_sak_emner_og_valg"),
    ]

    operations = [migrations.RunPython(seed_klage_rules, unseed_klage_rules)]
