"""The decision (vedtak) and the grant commitment (tilsagn) it makes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Bagatellregime, Forpliktelse

from .sak import Sak
from .styre import Bekreftelse

USER = settings.AUTH_USER_MODEL


class Vedtak(models.Model):
    """The decision: granted or rejected, by whom, with the reasons the letter carries."""

    class Utfall(models.TextChoices):
        INNVILGET = "innvilget", _("Innvilget")
        AVSLATT = "avslatt", _("Avslått")
        AVVIST = "avvist", _("Avvist")

    sak = models.OneToOneField(Sak, on_delete=models.PROTECT, related_name="vedtak")
    utfall = models.CharField(_("utfall"), max_length=10, choices=Utfall.choices)
    organ = models.CharField(_("vedtatt av"), max_length=20, choices=Sak.Organ.choices)
    vedtatt_av = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    belop = models.PositiveBigIntegerField(_("beløp (kr)"), null=True, blank=True)
    vilkar = models.TextField(_("vilkår"), blank=True)
    begrunnelse = models.TextField(_("begrunnelse"))
    endringsbegrunnelse = models.TextField(
        _("begrunnelse for endring fra innstillingen"), blank=True
    )
    stemmer_for = models.PositiveSmallIntegerField(default=0)
    stemmer_mot = models.PositiveSmallIntegerField(default=0)
    stemmer_avstar = models.PositiveSmallIntegerField(default=0)
    avgjort_ved_leders_stemme = models.BooleanField(default=False)
    bekreftet_som = models.CharField(
        _("bekreftet som"), max_length=20, choices=Bekreftelse.choices, blank=True
    )
    referanse = models.CharField(_("vedtaksreferanse"), max_length=40, unique=True)
    vedtatt = models.DateTimeField(_("vedtatt"), auto_now_add=True)
    # De minimis aid: the regime in force on the decision's date, the rate used and the
    # grant in EUR; above the regime's threshold the grant is reported to the state aid
    # register (støtteregisteret).
    bagatellregime = models.ForeignKey(
        Bagatellregime,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordning for bagatellmessig støtte"),
    )
    eurokurs = models.DecimalField(
        _("kurs NOK per EUR"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    bagatell_eur = models.PositiveBigIntegerField(_("støtte i EUR"), null=True, blank=True)
    rapporteres = models.BooleanField(_("rapporteres til støtteregisteret"), default=False)
    rapportert = models.DateTimeField(_("rapportert til støtteregisteret"), null=True, blank=True)
    rapportert_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")

    def __str__(self):
        return self.referanse

    @property
    def innvilget(self) -> bool:
        return self.utfall == self.Utfall.INNVILGET

    @property
    def avvist(self) -> bool:
        return self.utfall == self.Utfall.AVVIST

    @property
    def stemmelikhet_uten_leder(self) -> bool:
        """The board's vote was a tie and the chair leading the case (styreleder or
        settestyreleder) voted neither for nor against: there was no majority for a grant,
        so the application was rejected."""
        return (
            self.organ == Sak.Organ.STYRET
            and self.stemmer_for == self.stemmer_mot
            and not self.avgjort_ved_leders_stemme
        )


class Tilsagn(models.Model):
    """The grant commitment: money committed from a pot until accepted, lapsed or withdrawn."""

    class Status(models.TextChoices):
        VENTER_AKSEPT = "venter_aksept", _("Venter på aksept")
        AKSEPTERT = "akseptert", _("Akseptert")
        BORTFALT = "bortfalt", _("Falt bort")
        TRUKKET = "trukket", _("Trukket")
        AVBRUTT = "avbrutt", _("Avbrutt")
        OPPHEVET = "opphevet", _("Opphevet ved omgjøring")

    vedtak = models.OneToOneField(Vedtak, on_delete=models.PROTECT, related_name="tilsagn")
    forpliktelse = models.OneToOneField(
        Forpliktelse, on_delete=models.PROTECT, related_name="tilsagn"
    )
    belop = models.PositiveBigIntegerField(_("beløp (kr)"))
    akseptfrist = models.DateTimeField(_("frist for aksept"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VENTER_AKSEPT
    )
    akseptert = models.DateTimeField(_("akseptert"), null=True, blank=True)
    akseptert_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tilsagn")
        verbose_name_plural = _("tilsagn")
        indexes = [
            models.Index(
                fields=["akseptfrist"],
                name="tilsagn_venter_aksept",
                condition=Q(status="venter_aksept"),
            )
        ]

    def __str__(self):
        return f"{self.vedtak_id}: {self.belop} kr"
