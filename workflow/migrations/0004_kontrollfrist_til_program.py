"""The completeness check's deadline is one setting, on the program: the receipt promises it,
the page after sending shows it, and the case's deadline uses it."""

from django.db import migrations


def to_program(apps, schema_editor):
    Behandlingsregler = apps.get_model("workflow", "Behandlingsregler")
    Program = apps.get_model("handlingsplan", "Program")
    for regler in Behandlingsregler.objects.all():
        Program.objects.filter(pk=regler.program_id).update(
            kontrollfrist_dager=regler.kontrollfrist_dager
        )


def from_program(apps, schema_editor):
    Behandlingsregler = apps.get_model("workflow", "Behandlingsregler")
    for regler in Behandlingsregler.objects.select_related("program"):
        regler.kontrollfrist_dager = regler.program.kontrollfrist_dager
        regler.save(update_fields=["kontrollfrist_dager"])


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0003_sak_saksnummer_og_emne"),
        ("handlingsplan", "0005_program_kontrollfrist_dager"),
    ]

    operations = [
        migrations.RunPython(to_program, from_program),
        migrations.RemoveField(model_name="behandlingsregler", name="kontrollfrist_dager"),
    ]
