"""The board in a case: each member's impartiality declaration and vote."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .sak import Sak

USER = settings.AUTH_USER_MODEL


class Habilitet(models.Model):
    """A board member's impartiality declaration for one case (forvaltningsloven § 6)."""

    class Grunn(models.TextChoices):
        PART = "part", _("Er selv part i saken")
        SLEKT = "slekt", _("Er i slekt eller svogerskap med en part")
        EKTEFELLE = "ektefelle", _("Er gift, samboer eller forlovet med en part")
        VERGE = "verge", _("Er verge eller fullmektig for en part")
        LEDER = "leder", _("Er leder eller styremedlem i søkerorganisasjonen")
        ANSATT = "ansatt", _("Er ansatt hos eller har ledende stilling hos en part")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="habilitet")
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    grunner = models.JSONField(_("grunner etter § 6 første ledd"), default=list, blank=True)
    andre_forhold = models.TextField(_("andre særegne forhold (§ 6 annet ledd)"), blank=True)
    inhabil = models.BooleanField(_("inhabil"))
    erklart = models.DateTimeField(_("erklært"), auto_now_add=True)

    class Meta:
        verbose_name = _("habilitetserklæring")
        verbose_name_plural = _("habilitetserklæringer")
        constraints = [
            models.UniqueConstraint(fields=["sak", "medlem"], name="habilitet_en_per_medlem")
        ]

    def __str__(self):
        return f"{self.medlem_id}: {'inhabil' if self.inhabil else 'habil'}"


class Stemme(models.Model):
    class Valg(models.TextChoices):
        FOR = "for", _("For innstillingen")
        MOT = "mot", _("Mot innstillingen")
        AVSTAR = "avstar", _("Avstår")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="stemmer")
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    valg = models.CharField(_("stemme"), max_length=10, choices=Valg.choices)
    kommentar = models.TextField(_("kommentar"), blank=True)
    avgitt = models.DateTimeField(_("avgitt"), auto_now_add=True)

    class Meta:
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        ordering = ["avgitt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sak", "medlem"], name="stemme_en_per_medlem")
        ]

    def __str__(self):
        return f"{self.medlem_id}: {self.valg}"


class Bekreftelse(models.TextChoices):
    """In what role a board decision was confirmed (forvaltningsloven § 6: a disqualified
    chair takes no part, and an acting chair leads the case instead)."""

    STYRELEDER = "styreleder", _("styreleder")
    SETTESTYRELEDER = "settestyreleder", _("settestyreleder")
