from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("handlingsplan", "0004_faseinnstilling"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="kontrollfrist_dager",
            field=models.PositiveSmallIntegerField(
                db_default=14,
                default=14,
                help_text="Søkeren hører fra programlederen innen så mange dager etter innsending.",
                verbose_name="frist for kompletthetskontroll (dager)",
            ),
        ),
    ]
