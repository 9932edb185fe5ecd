"""Drafts keep only the SHA-256 of their secret link's token; links already sent still work."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    Soknad = apps.get_model("soknader", "Soknad")
    for pk, token in Soknad.objects.values_list("pk", "utkast_token").iterator():
        Soknad.objects.filter(pk=pk).update(
            utkast_token_hash=hashlib.sha256(token.encode()).hexdigest()
        )


class Migration(migrations.Migration):
    dependencies = [("soknader", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="soknad",
            name="utkast_token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        # A hash cannot be turned back into the token: there is no way back but a new link.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
    ]
