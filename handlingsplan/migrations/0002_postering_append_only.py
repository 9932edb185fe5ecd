"""On PostgreSQL the database itself refuses to change or delete a ledger entry."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION handlingsplan_postering_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'handlingsplan_postering is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER handlingsplan_postering_append_only
    BEFORE UPDATE OR DELETE ON handlingsplan_postering
    FOR EACH ROW EXECUTE FUNCTION handlingsplan_postering_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS handlingsplan_postering_append_only ON handlingsplan_postering;
DROP FUNCTION IF EXISTS handlingsplan_postering_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("handlingsplan", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
