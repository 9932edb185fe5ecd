"""Deadlines are data; rules per kind say when to remind and whom to escalate to.

The kinds are registered by the apps that own the deadlines (notifications.registry).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from felles.roles import Rolle
from notifications.registry import deadline_kind_choices


def _days(value: str) -> list[int]:
    return sorted({int(part) for part in value.split(",") if part.strip()}, reverse=True)


def validate_days(value: str) -> None:
    validate_comma_separated_integer_list(value.replace(" ", ""))
    if any(day < 0 for day in _days(value)):
        raise ValidationError(_("Oppgi hele dager, 0 eller mer."))


class ReminderRule(models.Model):
    """Whom to remind how long before and after a kind of deadline. Edited in the admin."""

    kind = models.CharField(
        _("type frist"), max_length=40, choices=deadline_kind_choices, unique=True
    )
    days_before = models.CharField(
        _("påminnelse dager før"),
        max_length=100,
        blank=True,
        validators=[validate_days],
        help_text=_("Kommaseparert, f.eks. 60, 14, 1."),
    )
    days_after = models.CharField(
        _("påminnelse dager etter"),
        max_length=100,
        blank=True,
        validators=[validate_days],
        help_text=_("Kommaseparert, f.eks. 1, 7."),
    )
    default_due_days = models.PositiveSmallIntegerField(
        _("standard frist (dager)"),
        null=True,
        blank=True,
        help_text=_("Brukes når tjenesten som åpner fristen ikke gir en dato."),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("påminnelsesregel")
        verbose_name_plural = _("påminnelsesregler")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def offsets_before(self) -> list[int]:
        return _days(self.days_before)

    @property
    def offsets_after(self) -> list[int]:
        return _days(self.days_after)


class Escalation(models.Model):
    """When a deadline is `after_days` late, everyone with `role` hears of it."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="escalations")
    after_days = models.PositiveSmallIntegerField(_("dager på overtid"))
    role = models.CharField(_("rolle"), max_length=40, choices=Rolle.choices)

    class Meta:
        verbose_name = _("eskalering")
        verbose_name_plural = _("eskaleringer")
        ordering = ["after_days", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "after_days", "role"], name="notif_escalation_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} +{self.after_days}"


class Deadline(models.Model):
    """Something a person owes by a time: opened and closed by the service that owns it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Åpen")
        CLOSED = "closed", _("Lukket")

    kind = models.CharField(_("type frist"), max_length=40, choices=deadline_kind_choices)
    title = models.CharField(_("hva"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hvem"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-post"), blank=True)
    language = models.CharField(_("språk"), max_length=8, default="nb")
    due_at = models.DateTimeField(_("frist"))
    case_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    case = GenericForeignKey("case_type", "case_id")
    link = models.CharField(
        _("lenke"), max_length=500, blank=True, help_text=_("Sti på nettstedet, f.eks. /soknad/12/")
    )
    key = models.CharField(_("nøkkel"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)

    class Meta:
        verbose_name = _("frist")
        verbose_name_plural = _("frister")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["due_at"], name="notif_deadline_open", condition=Q(status="open")),
            models.Index(fields=["case_type", "case_id"], name="notif_deadline_case"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="notif_deadline_has_owner"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.due_at:%d.%m.%Y})"

    @property
    def owner_email(self) -> str:
        return self.user.email if self.user_id and self.user.email else self.email


class Reminder(models.Model):
    """One scheduled reminder of a deadline, materialised when the deadline opens."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Før fristen")
        AFTER = "after", _("Etter fristen")
        ESCALATION = "escalation", _("Eskalering")

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENT = "sent", _("Sendt")
        DIGESTED = "digested", _("Tatt med i oppsummering")
        CANCELLED = "cancelled", _("Avbrutt")
        SKIPPED = "skipped", _("Ingen mottaker")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    offset_days = models.PositiveSmallIntegerField(_("dager"))
    role = models.CharField(_("rolle"), max_length=40, choices=Rolle.choices, blank=True)
    send_at = models.DateTimeField(_("sendes"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["send_at", "pk"]
        indexes = [
            models.Index(
                fields=["send_at"], name="notif_reminder_pending", condition=Q(status="pending")
            )
        ]

    def __str__(self):
        return f"{self.deadline} · {self.get_kind_display()} {self.offset_days}"

    @property
    def message_key_prefix(self) -> str:
        return f"reminder:{self.pk}"
