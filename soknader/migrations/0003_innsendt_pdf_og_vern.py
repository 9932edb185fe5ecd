"""The token column goes; the submitted application gets its PDF; on PostgreSQL the database
itself refuses to change or delete what was submitted."""

import django.db.models.deletion
from django.db import migrations, models

TABLES = ["soknader_innsendtsoknad", "soknader_innsendtsoknadpdf"]

CREATE = """
CREATE OR REPLACE FUNCTION soknader_innsendt_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is written once: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_immutable
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION soknader_innsendt_immutable();
"""
DROP_TRIGGER = "DROP TRIGGER IF EXISTS {table}_immutable ON {table};"
DROP = "DROP FUNCTION IF EXISTS soknader_innsendt_immutable();"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)
        for table in TABLES:
            schema_editor.execute(TRIGGER.format(table=table), params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(DROP_TRIGGER.format(table=table), params=None)
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("soknader", "0002_utkast_token_hash")]

    operations = [
        migrations.RemoveField(model_name="soknad", name="utkast_token"),
        migrations.AlterField(
            model_name="soknad",
            name="utkast_token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.CreateModel(
            name="InnsendtSoknadPdf",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("filnavn", models.CharField(max_length=100, verbose_name="filnavn")),
                ("sprak", models.CharField(max_length=2, verbose_name="språk")),
                ("innhold", models.BinaryField(verbose_name="PDF")),
                ("sha256", models.CharField(max_length=64, verbose_name="sjekksum (SHA-256)")),
                ("laget", models.DateTimeField(auto_now_add=True, verbose_name="laget")),
                (
                    "innsendt_soknad",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pdf",
                        to="soknader.innsendtsoknad",
                    ),
                ),
            ],
            options={
                "verbose_name": "innsendt søknad som PDF",
                "verbose_name_plural": "innsendte søknader som PDF",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
