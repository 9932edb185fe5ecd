"""The programleder's hours as they are spent: one figure per focus area and month."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .program import Innsatsomrade, Program

# No month has more hours than 31 × 24.
MAKS_TIMER_PER_MANED = Decimal(744)


class Timeregistrering(models.Model):
    """Hours the programleder spent on one focus area in one month (against the plan's
    ProgramlederTimer for the year). Recording the month again overwrites the figure."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="timeregistreringer"
    )
    innsatsomrade = models.ForeignKey(
        Innsatsomrade,
        on_delete=models.PROTECT,
        related_name="timeregistreringer",
        verbose_name=_("innsatsområde"),
    )
    maned = models.DateField(_("måned"), help_text=_("Første dag i måneden."))
    timer = models.DecimalField(
        _("timer"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAKS_TIMER_PER_MANED)],
    )
    merknad = models.CharField(_("merknad"), max_length=300, blank=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    registrert = models.DateTimeField(_("registrert"), auto_now=True)

    class Meta:
        verbose_name = _("timeregistrering")
        verbose_name_plural = _("timeregistreringer")
        ordering = ["program", "maned", "innsatsomrade__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "innsatsomrade", "maned"], name="timer_en_per_omrade_og_maned"
            ),
            models.CheckConstraint(
                condition=Q(timer__gte=0, timer__lte=MAKS_TIMER_PER_MANED),
                name="timeregistrering_0_til_744",
            ),
            models.CheckConstraint(condition=Q(maned__day=1), name="timeregistrering_maned"),
        ]

    def __str__(self):
        return f"{self.innsatsomrade.navn} {self.maned:%m.%Y}: {self.timer} t"
