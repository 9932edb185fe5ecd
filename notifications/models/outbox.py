"""Every e-mail is a row first; a Celery task sends it, the provider's webhook reports on it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Feilet")
        DELIVERED = "delivered", _("Levert")
        BOUNCED = "bounced", _("Avvist av mottaker")
        COMPLAINED = "complained", _("Meldt som søppelpost")

    to_email = models.EmailField(_("mottaker"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("språk"), max_length=8, default="nb")
    template = models.CharField(_("mal"), max_length=100)
    context = models.JSONField(_("innhold"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    # The case the message belongs to, whatever app owns it.
    case_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    case = GenericForeignKey("case_type", "case_id")

    key = models.CharField(_("idempotensnøkkel"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    is_legal = models.BooleanField(
        _("rettslig brev"),
        default=False,
        help_text=_("Sendes alltid, uansett mottakerens innstillinger."),
    )
    provider_message_id = models.CharField(
        _("meldings-ID hos leverandøren"), max_length=255, blank=True, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    last_error = models.TextField(_("siste feil"), blank=True)

    # What was sent, kept so the case file shows exactly the letter that went out.
    subject = models.CharField(_("emne"), max_length=255, blank=True)
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)

    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    not_before = models.DateTimeField(
        _("sendes tidligst"),
        default=timezone.now,
        help_text=_("Neste forsøk; sveipen legger raden i kø igjen når den har ligget for lenge."),
    )
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status endret"), default=timezone.now)
    bounce_flagged_at = models.DateTimeField(
        _("avvisning meldt til programleder"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("e-post")
        verbose_name_plural = _("e-poster")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["case_type", "case_id"], name="notif_message_case"),
            models.Index(
                fields=["status", "not_before"],
                name="notif_message_waiting",
                condition=Q(status__in=["queued", "sending"]),
            ),
        ]

    def __str__(self):
        return f"{self.template} → {self.to_email} ({self.get_status_display()})"


class Attachment(models.Model):
    """A file sent with a message: the bytes themselves, or a name in the default storage."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("filnavn"), max_length=255)
    mimetype = models.CharField(_("type"), max_length=100, default="application/octet-stream")
    content = models.BinaryField(_("innhold"), null=True, blank=True)
    path = models.CharField(_("sti i lageret"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        constraints = [
            models.CheckConstraint(
                condition=Q(content__isnull=False) | ~Q(path=""),
                name="notif_attachment_has_content_or_path",
            )
        ]

    def __str__(self):
        return self.filename

    def read(self) -> bytes:
        if self.content is not None:
            return bytes(self.content)
        from django.core.files.storage import default_storage

        with default_storage.open(self.path, "rb") as handle:
            return handle.read()
