"""Case handling moves to the workflow app: its tables are renamed there (workflow 0002),
so here the models only leave soknader's state. The application's own log is renamed."""

from django.db import migrations, models
import django.db.models.deletion

MOVED = [
    "Unntak",
    "Sakshendelse",
    "Brev",
    "Tilsagn",
    "Vedtak",
    "Stemme",
    "Habilitet",
    "Innstilling",
    "Opplysningskrav",
    "Behandling",
    "Mote",
    "Behandlingsregler",
]


class Migration(migrations.Migration):
    dependencies = [
        ("soknader", "0007_unntak"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        ),
        migrations.RenameModel(old_name="Hendelse", new_name="Soknadslogg"),
        migrations.AlterModelOptions(
            name="soknadslogg",
            options={
                "ordering": ["tidspunkt", "id"],
                "verbose_name": "logg for søknaden",
                "verbose_name_plural": "logg for søknadene",
            },
        ),
        migrations.AlterField(
            model_name="soknadslogg",
            name="soknad",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="logg",
                to="soknader.soknad",
            ),
        ),
    ]
