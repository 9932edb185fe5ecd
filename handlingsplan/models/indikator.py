"""The yearly value of an impact indicator (effektmål), entered by the programleder."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from felles.formatting import group_thousands

from .program import Indikator

# The largest value a person may enter, either way: wide enough for a population or a sum in
# kroner, narrow enough that a slip of the keyboard is caught.
VERDI_GRENSE = Decimal("999999999.99")


class Indikatorverdi(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="verdier")
    ar = models.PositiveSmallIntegerField(_("år"))
    verdi = models.DecimalField(
        _("verdi"),
        max_digits=11,
        decimal_places=2,
        validators=[MinValueValidator(-VERDI_GRENSE), MaxValueValidator(VERDI_GRENSE)],
    )
    enhet = models.CharField(
        _("enhet"), max_length=50, blank=True, help_text=_("F.eks. %, personer eller plass.")
    )
    kilde = models.CharField(
        _("kilde"), max_length=300, blank=True, help_text=_("Hvor tallet er hentet fra.")
    )
    merknad = models.CharField(_("merknad"), max_length=300, blank=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    registrert = models.DateTimeField(_("registrert"), auto_now=True)

    class Meta:
        verbose_name = _("verdi for måleindikator")
        verbose_name_plural = _("verdier for måleindikatorer")
        ordering = ["indikator", "ar"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "ar"], name="indikatorverdi_en_per_ar"),
            models.CheckConstraint(
                condition=Q(verdi__gte=-VERDI_GRENSE, verdi__lte=VERDI_GRENSE),
                name="indikatorverdi_innenfor_grensen",
            ),
        ]

    def __str__(self):
        return f"{self.indikator} {self.ar}: {self.vist}"

    @property
    def vist(self) -> str:
        """The value as Norwegians write it: `5 812`, `1,5`, `−0,25`."""
        verdi = Decimal(self.verdi)
        heltall, _punktum, desimaler = f"{abs(verdi):f}".partition(".")
        tekst = group_thousands(int(heltall))
        if desimaler.rstrip("0"):
            tekst += "," + desimaler.rstrip("0")
        return ("−" if verdi < 0 else "") + tekst
