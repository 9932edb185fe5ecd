"""E-mails written before links were made at send time kept their login and draft links in
the row, readable by anyone who could read the outbox. Each such row now keeps a reference
to its link instead (so one still queued is sent with a fresh link), and the link is
redacted from the stored subject and bodies."""

from django.conf import settings
from django.db import migrations
from django.utils.html import escape

REDACTED = "[lenken vises ikke her]"


def redact(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    rows = Message.objects.filter(template__in=["login_link", "soknad_utkast"])
    for message in rows.iterator():
        context = dict(message.context or {})
        url = str(context.pop("url", "") or "")
        if message.template == "login_link":
            user_id = message.user_id or (
                User.objects.filter(username=f"soker:{message.to_email}"[:150])
                .values_list("pk", flat=True)
                .first()
            )
            context["secret_link"] = {"kind": "minside_login", "user_id": user_id}
        else:
            context["secret_link"] = {"kind": "utkast", "soknad_id": message.case_id}
        message.context = context
        if url:
            for field in ("subject", "body_text", "body_html"):
                value = getattr(message, field)
                value = value.replace(url, REDACTED).replace(str(escape(url)), REDACTED)
                setattr(message, field, value)
        message.save(update_fields=["context", "subject", "body_text", "body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_deadline_kinds_registered"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
