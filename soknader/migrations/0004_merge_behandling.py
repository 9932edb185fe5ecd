from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("soknader", "0002_behandling"),
        ("soknader", "0003_innsendt_pdf_og_vern"),
    ]

    operations = []
