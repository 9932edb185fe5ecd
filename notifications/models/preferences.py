from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """How a person wants to hear from the system. Legal letters ignore it."""

    class Delivery(models.TextChoices):
        SINGLE = "single", _("Hver påminnelse for seg")
        DIGEST = "digest", _("Én daglig oppsummering")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("påminnelser"), max_length=16, choices=Delivery.choices, default=Delivery.SINGLE
    )
    language = models.CharField(
        _("språk i e-post"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )

    class Meta:
        verbose_name = _("varslingsinnstilling")
        verbose_name_plural = _("varslingsinnstillinger")

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"
