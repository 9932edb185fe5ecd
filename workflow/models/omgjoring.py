"""Changing a decision on the program's own initiative (omgjøring, forvaltningsloven § 35):
the applicant is given advance notice with a deadline to comment (§ 16), and the body that
made the decision then decides, with reasons and a letter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .sak import Sak
from .styre import Bekreftelse
from .vedtak import Vedtak

USER = settings.AUTH_USER_MODEL


class Omgjoring(models.Model):
    """A proposed cancellation of a grant: the notice, the applicant's comment, and the
    cancellation decision (or that the matter was dropped)."""

    class Status(models.TextChoices):
        VARSLET = "varslet", _("Varslet, venter på merknader")
        OPPHEVET = "opphevet", _("Vedtaket er opphevet")
        HENLAGT = "henlagt", _("Henlagt, vedtaket står")

    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="omgjoringer")
    vedtak = models.ForeignKey(
        Vedtak,
        on_delete=models.PROTECT,
        related_name="omgjoringer",
        verbose_name=_("vedtaket som vurderes omgjort"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VARSLET
    )
    grunn = models.TextField(_("hvorfor vedtaket vurderes opphevet (står i varselet)"))
    frist = models.DateTimeField(_("frist for merknader"))
    varslet = models.DateTimeField(_("varslet"), auto_now_add=True)
    varslet_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merknad = models.TextField(_("søkers merknad"), blank=True)
    merknad_mottatt = models.DateTimeField(_("merknad mottatt"), null=True, blank=True)
    # The decision, made by the body that made the decision being changed.
    organ = models.CharField(_("vedtatt av"), max_length=20, choices=Sak.Organ.choices, blank=True)
    vedtatt_av = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bekreftet_som = models.CharField(
        _("bekreftet som"), max_length=20, choices=Bekreftelse.choices, blank=True
    )
    hovedhensyn = models.TextField(_("hovedhensyn (står i brevet)"), blank=True)
    merknad_vurdering = models.TextField(_("vurdering av søkers merknader"), blank=True)
    vedtatt = models.DateTimeField(_("avgjort"), null=True, blank=True)
    referanse = models.CharField(_("vedtaksreferanse"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("omgjøring")
        verbose_name_plural = _("omgjøringer")
        ordering = ["varslet", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sak"], condition=Q(status="varslet"), name="omgjoring_en_apen_per_sak"
            ),
            models.UniqueConstraint(
                fields=["referanse"], condition=~Q(referanse=""), name="omgjoring_referanse"
            ),
        ]

    def __str__(self):
        return f"{self.sak_id}: {self.get_status_display()}"

    @property
    def apen(self) -> bool:
        return self.status == self.Status.VARSLET
