"""The case's number is unique and required, and a case has exactly one subject. Apart from
0002, whose data steps must commit first (PostgreSQL alters no table with pending trigger
events in the same transaction)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_saksbehandling"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sak",
            name="saksnummer",
            field=models.CharField(max_length=20, unique=True, verbose_name="saksnummer"),
        ),
        migrations.AddConstraint(
            model_name="sak",
            constraint=models.CheckConstraint(
                condition=models.Q(soknad__isnull=False), name="sak_har_ett_emne"
            ),
        ),
    ]
