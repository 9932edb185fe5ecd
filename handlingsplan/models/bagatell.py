"""De minimis aid (bagatellmessig støtte) as dated configuration: the regimes in force over
time, and the program's NOK/EUR rates by date."""

from datetime import date
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .program import Program


class Bagatellregime(models.Model):
    """A regulation on de minimis aid (or a pause with none) for a span of dates. A regime
    with no ceiling allows no de minimis aid while it is in force."""

    class Periode(models.TextChoices):
        REGNSKAPSAR = "regnskapsar", _("Tre regnskapsår (dette og de to foregående)")
        LOPENDE = "lopende", _("Tre løpende år (vedtaksdatoen og tre år tilbake)")

    forordning = models.CharField(_("forordning"), max_length=60, unique=True)
    tittel = models.CharField(_("full tittel"), max_length=400)
    tittel_en = models.CharField(_("full tittel på engelsk"), max_length=400, blank=True)
    gyldig_fra = models.DateField(_("gjelder fra"))
    gyldig_til = models.DateField(
        _("gjelder til og med"), null=True, blank=True, help_text=_("Tomt: gjelder inntil videre.")
    )
    tak_eur = models.PositiveBigIntegerField(
        _("tak (EUR)"),
        null=True,
        blank=True,
        help_text=_("Tomt: ingen bagatellmessig støtte kan gis mens denne gjelder (pause)."),
    )
    periode = models.CharField(
        _("periode for taket"), max_length=20, choices=Periode.choices, default=Periode.LOPENDE
    )
    rapporteringsgrense_eur = models.PositiveBigIntegerField(
        _("rapportering til støtteregisteret fra (EUR)"), default=100_000
    )

    class Meta:
        verbose_name = _("ordning for bagatellmessig støtte")
        verbose_name_plural = _("ordninger for bagatellmessig støtte")
        ordering = ["gyldig_fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=models.F("gyldig_fra")),
                name="bagatellregime_datoer_i_orden",
            )
        ]

    def __str__(self):
        return self.forordning

    def clean(self):
        """Regimes do not overlap: one applies on any date."""
        from django.core.exceptions import ValidationError

        if self.gyldig_fra is None:
            return
        overlapping = Bagatellregime.objects.exclude(pk=self.pk).exclude(
            gyldig_til__lt=self.gyldig_fra
        )
        if self.gyldig_til is not None:
            overlapping = overlapping.filter(gyldig_fra__lte=self.gyldig_til)
        other = overlapping.first()
        if other is not None:
            raise ValidationError(
                _("Datoene overlapper med %(annen)s (%(fra)s–%(til)s).")
                % {
                    "annen": other.forordning,
                    "fra": other.gyldig_fra.strftime("%d.%m.%Y"),
                    "til": other.gyldig_til.strftime("%d.%m.%Y") if other.gyldig_til else "",
                }
            )

    @property
    def pause(self) -> bool:
        return self.tak_eur is None

    def tittel_for(self, language: str) -> str:
        return self.tittel_en if language == "en" and self.tittel_en else self.tittel

    def gjelder(self, day: date) -> bool:
        return self.gyldig_fra <= day and (self.gyldig_til is None or day <= self.gyldig_til)

    def periode_start(self, day: date) -> date:
        """The first day counted towards the ceiling for aid granted on `day`."""
        if self.periode == self.Periode.REGNSKAPSAR:
            return date(day.year - 2, 1, 1)
        try:
            return day.replace(year=day.year - 3)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 3, day=28)


class Eurokurs(models.Model):
    """The program's NOK per EUR from a date: a decision uses the latest rate on or before
    its date."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="eurokurser")
    dato = models.DateField(_("gjelder fra"))
    nok_per_eur = models.DecimalField(
        _("kurs NOK per EUR"),
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )

    class Meta:
        verbose_name = _("eurokurs")
        verbose_name_plural = _("eurokurser")
        ordering = ["program", "-dato"]
        constraints = [
            models.UniqueConstraint(fields=["program", "dato"], name="eurokurs_en_per_dato"),
            models.CheckConstraint(condition=Q(nok_per_eur__gt=0), name="eurokurs_over_null"),
        ]

    def __str__(self):
        return f"{self.dato}: {self.nok_per_eur}"
