"""Decisions on a running phase: change requests and repayment claims, each with its letter."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .prosjekt import Fase

USER = settings.AUTH_USER_MODEL


class Endringssoknad(models.Model):
    """A request to change a phase's scope, time, budget or prosjektleder."""

    class Type(models.TextChoices):
        OMFANG = "omfang", _("Omfang")
        TID = "tid", _("Tid (forlenget frist)")
        BUDSJETT = "budsjett", _("Budsjett")
        PROSJEKTLEDER = "prosjektleder", _("Ny prosjektleder")

    class Status(models.TextChoices):
        INNSENDT = "innsendt", _("Til behandling")
        STYRET = "styret", _("Til behandling i styret")
        INNVILGET = "innvilget", _("Innvilget")
        AVSLATT = "avslatt", _("Avslått")

    fase = models.ForeignKey(Fase, on_delete=models.PROTECT, related_name="endringer")
    type = models.CharField(_("hva skal endres"), max_length=20, choices=Type.choices)
    beskrivelse = models.TextField(_("beskrivelse og begrunnelse"))
    ny_sluttdato = models.DateField(_("ny sluttdato"), null=True, blank=True)
    nytt_kostnadsgrunnlag = models.PositiveBigIntegerField(
        _("nytt kostnadsgrunnlag (kr)"), null=True, blank=True
    )
    ny_prosjektleder_navn = models.CharField(_("ny prosjektleder"), max_length=200, blank=True)
    ny_prosjektleder_epost = models.EmailField(_("ny prosjektleders e-post"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INNSENDT
    )
    organ = models.CharField(_("besluttes av"), max_length=20, blank=True)
    vedtatt_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vedtaksbegrunnelse = models.TextField(_("begrunnelse for vedtaket"), blank=True)
    innsendt = models.DateTimeField(_("sendt inn"), auto_now_add=True)
    vedtatt = models.DateTimeField(_("vedtatt"), null=True, blank=True)
    brev = models.BinaryField(_("brev (PDF)"), null=True, blank=True)

    class Meta:
        verbose_name = _("endringssøknad")
        verbose_name_plural = _("endringssøknader")
        ordering = ["-innsendt", "-id"]

    def __str__(self):
        return f"{self.fase}: {self.get_type_display()}"

    @property
    def tittel(self) -> str:
        return _("Endring (%(type)s): %(navn)s") % {
            "type": self.get_type_display().lower(),
            "navn": self.fase.prosjekt.navn,
        }


class Tilbakebetaling(models.Model):
    """A repayment claim: money paid against conditions not met is claimed back."""

    fase = models.ForeignKey(Fase, on_delete=models.PROTECT, related_name="tilbakebetalinger")
    belop = models.PositiveBigIntegerField(_("beløp (kr)"))
    begrunnelse = models.TextField(_("begrunnelse"))
    vedtatt_av = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    vedtatt = models.DateTimeField(_("vedtatt"), auto_now_add=True)
    referanse = models.CharField(_("vedtaksreferanse"), max_length=40, unique=True)
    brev = models.BinaryField(_("brev (PDF)"), null=True, blank=True)

    class Meta:
        verbose_name = _("krav om tilbakebetaling")
        verbose_name_plural = _("krav om tilbakebetaling")
        ordering = ["-vedtatt", "-id"]

    def __str__(self):
        return self.referanse
