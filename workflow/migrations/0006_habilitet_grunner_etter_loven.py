"""The grounds of forvaltningsloven § 6 as the law groups them: an ordinary job with a party
is no ground of the first paragraph but a circumstance weighed under the second. A
declaration that named it keeps its outcome; the job moves to its other circumstances."""

from django.db import migrations

ANSATT_TEKST = "Ansatt hos en part"


def ansatt_til_annet_ledd(apps, schema_editor):
    Habilitet = apps.get_model("workflow", "Habilitet")
    for erklaring in Habilitet.objects.all():  # JSON lookups differ per database
        if "ansatt" not in erklaring.grunner:
            continue
        erklaring.grunner = [g for g in erklaring.grunner if g != "ansatt"]
        erklaring.andre_forhold = "; ".join(
            part for part in (ANSATT_TEKST, erklaring.andre_forhold) if part
        )
        erklaring.save(update_fields=["grunner", "andre_forhold"])


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0005_innstilling_kostnadsgrunnlag"),
    ]

    operations = [
        migrations.RunPython(ansatt_til_annet_ledd, migrations.RunPython.noop),
    ]
