"""Pots and the ledger: every kroner that moves is an append-only Postering.

The balances on Pot and Forpliktelse are caches of the ledger, kept by
handlingsplan.services.ledger under row locks and guarded a second time by
database constraints. `ledger_verify` proves the caches equal the ledger.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .plan import Strategi


class Pot(models.Model):
    """The money one strategy has to grant from in one year."""

    strategi = models.OneToOneField(Strategi, on_delete=models.PROTECT, related_name="pot")
    # Cached from the ledger (see module docstring).
    tildelt = models.BigIntegerField(_("tildelt (kr)"), default=0, editable=False)
    forpliktet = models.BigIntegerField(_("forpliktet (kr)"), default=0, editable=False)
    utbetalt = models.BigIntegerField(_("utbetalt (kr)"), default=0, editable=False)

    class Meta:
        verbose_name = _("pott")
        verbose_name_plural = _("potter")
        permissions = [
            ("se_handlingsplan", _("Kan se handlingsplan, potter og posteringer")),
            ("omfordele_pot", _("Kan omfordele midler mellom potter")),
        ]
        ordering = ["strategi__handlingsplan", "strategi__bokstav"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tildelt__gte=F("forpliktet")), name="pot_tilgjengelig_ikke_negativ"
            ),
            models.CheckConstraint(
                condition=Q(forpliktet__gte=F("utbetalt")), name="pot_utbetalt_innenfor_forpliktet"
            ),
            models.CheckConstraint(condition=Q(utbetalt__gte=0), name="pot_utbetalt_ikke_negativ"),
        ]

    def __str__(self):
        return f"{self.strategi.bokstav} {self.strategi.navn} ({self.strategi.handlingsplan.ar})"

    @property
    def tilgjengelig(self) -> int:
        """Money not yet committed: what a new grant can take."""
        return self.tildelt - self.forpliktet


class Forpliktelse(models.Model):
    """Money committed from a pot for one grant (tilsagn): paid, released or clawed back."""

    pot = models.ForeignKey(Pot, on_delete=models.PROTECT, related_name="forpliktelser")
    referanse = models.CharField(
        _("referanse"), max_length=100, help_text=_("Tilsagnets saksnummer eller referanse.")
    )
    belop = models.BigIntegerField(_("forpliktet beløp (kr)"))
    # Cached from the ledger.
    utbetalt = models.BigIntegerField(_("utbetalt (kr)"), default=0, editable=False)
    frigjort = models.BigIntegerField(_("frigjort (kr)"), default=0, editable=False)
    tilbakefort = models.BigIntegerField(_("tilbakeført (kr)"), default=0, editable=False)
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("forpliktelse")
        verbose_name_plural = _("forpliktelser")
        ordering = ["-opprettet"]
        constraints = [
            models.CheckConstraint(condition=Q(belop__gt=0), name="forpliktelse_positiv"),
            models.CheckConstraint(
                condition=Q(belop__gte=F("utbetalt") + F("frigjort")),
                name="forpliktelse_ikke_overskredet",
            ),
            models.CheckConstraint(
                condition=Q(utbetalt__gte=F("tilbakefort")), name="tilbakeforing_innenfor_utbetalt"
            ),
            models.CheckConstraint(
                condition=Q(frigjort__gte=0) & Q(tilbakefort__gte=0),
                name="forpliktelse_ikke_negative_felt",
            ),
        ]

    def __str__(self):
        return f"{self.referanse} ({self.belop} kr)"

    @property
    def gjenstaende(self) -> int:
        """What may still be paid out."""
        return self.belop - self.utbetalt - self.frigjort

    @property
    def netto_utbetalt(self) -> int:
        return self.utbetalt - self.tilbakefort


class Postering(models.Model):
    """One append-only ledger entry. `belop` is always positive; `type` says what it does."""

    class Type(models.TextChoices):
        ALLOKERING = "allokering", _("Tildeling fra handlingsplanen")
        OMFORDELING_UT = "omfordeling_ut", _("Omfordeling ut")
        OMFORDELING_INN = "omfordeling_inn", _("Omfordeling inn")
        FORPLIKTELSE = "forpliktelse", _("Tilsagn (forpliktelse)")
        UTBETALING = "utbetaling", _("Utbetaling")
        FRIGJORING = "frigjoring", _("Frigjøring av ubrukt tilsagn")
        TILBAKEFORING = "tilbakeforing", _("Tilbakeføring av utbetalt beløp")

    pot = models.ForeignKey(Pot, on_delete=models.PROTECT, related_name="posteringer")
    forpliktelse = models.ForeignKey(
        Forpliktelse,
        on_delete=models.PROTECT,
        related_name="posteringer",
        null=True,
        blank=True,
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    belop = models.BigIntegerField(_("beløp (kr)"))
    motpost = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Ved omfordeling: posteringen ut av den andre potten."),
    )
    begrunnelse = models.TextField(_("begrunnelse"), blank=True)
    vedtaksreferanse = models.CharField(_("vedtaksreferanse"), max_length=100, blank=True)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utført av"),
    )
    tidspunkt = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("postering")
        verbose_name_plural = _("posteringer")
        ordering = ["tidspunkt", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(belop__gt=0), name="postering_positiv"),
            models.CheckConstraint(
                condition=Q(
                    type__in=["forpliktelse", "utbetaling", "frigjoring", "tilbakeforing"],
                    forpliktelse__isnull=False,
                )
                | Q(
                    type__in=["allokering", "omfordeling_ut", "omfordeling_inn"],
                    forpliktelse__isnull=True,
                ),
                name="postering_forpliktelse_etter_type",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.belop} kr"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Posteringer kan ikke endres; før en ny postering i stedet.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Posteringer kan ikke slettes.")
