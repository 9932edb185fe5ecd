"""A project's reference group: people the project consults, who have no say in it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .prosjekt import Prosjekt


class Referansegruppemedlem(models.Model):
    prosjekt = models.ForeignKey(
        Prosjekt, on_delete=models.CASCADE, related_name="referansegruppe_medlemmer"
    )
    navn = models.CharField(_("navn"), max_length=200)
    rolle = models.CharField(_("rolle eller organisasjon"), max_length=200)
    epost = models.EmailField(_("e-post"), blank=True)
    lagt_til = models.DateTimeField(_("lagt til"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlem av referansegruppen")
        verbose_name_plural = _("referansegruppe")
        ordering = ["prosjekt", "navn", "id"]

    def __str__(self):
        return f"{self.navn} ({self.rolle})"
