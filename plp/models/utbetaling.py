"""Payout requests (utbetalingsanmodninger): the applicant's costs so far by category, the
amount asked for, the status report that goes with it, and the programleder's decision.

A payout request is a case of its own kind: `workflow.Sak.plp_utbetaling` points here. State
lives in `status`; the moves between states are a viewflow.fsm state machine in
plp.services.utbetaling_tilstand."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Postering
from soknader.models.soknad import VedleggStorage

from .prosjekt import Fase, Kostnadskategori

USER = settings.AUTH_USER_MODEL


class Utbetaling(models.Model):
    """One request for a partial or final payout on a phase's grant."""

    class Type(models.TextChoices):
        DELUTBETALING = "del", _("Delutbetaling")
        SLUTTUTBETALING = "slutt", _("Sluttutbetaling")

    class Status(models.TextChoices):
        INNSENDT = "innsendt", _("Til behandling")
        RETURNERT = "returnert", _("Returnert til søker")
        GODKJENT = "godkjent", _("Godkjent, venter på betaling")
        BETALT = "betalt", _("Betalt")

    fase = models.ForeignKey(Fase, on_delete=models.PROTECT, related_name="utbetalinger")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INNSENDT
    )
    belop_sokt = models.PositiveBigIntegerField(_("beløp det søkes om (kr)"))
    belop_godkjent = models.PositiveBigIntegerField(_("godkjent beløp (kr)"), null=True, blank=True)
    kontonummer = models.CharField(_("kontonummer"), max_length=11)
    fremdrift = models.TextField(_("fremdrift mot milepælene"))
    avvik = models.TextField(_("avvik og risiko"), blank=True)
    begrunnelse = models.TextField(_("begrunnelse for reduksjon eller retur"), blank=True)
    innsendt = models.DateTimeField(_("sendt inn"))
    innsendt_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    behandlet = models.DateTimeField(_("behandlet"), null=True, blank=True)
    behandlet_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    postering = models.OneToOneField(
        Postering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plp_utbetaling",
        verbose_name=_("postering i reskontroen"),
    )
    eksportert = models.DateTimeField(_("eksportert til regnskapet"), null=True, blank=True)
    betalt_dato = models.DateField(_("betalt"), null=True, blank=True)
    betalt_registrert_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("utbetalingsanmodning")
        verbose_name_plural = _("utbetalingsanmodninger")
        ordering = ["fase", "nummer"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.UniqueConstraint(fields=["fase", "nummer"], name="plp_utbetaling_nummer_unik"),
            models.CheckConstraint(
                condition=Q(belop_godkjent__isnull=True)
                | Q(belop_godkjent__lte=models.F("belop_sokt")),
                name="plp_utbetaling_godkjent_innenfor_sokt",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["godkjent", "betalt"])
                | Q(postering__isnull=False, belop_godkjent__isnull=False),
                name="plp_utbetaling_godkjent_er_postert",
            ),
            models.CheckConstraint(
                condition=~Q(status="betalt") | Q(betalt_dato__isnull=False),
                name="plp_utbetaling_betalt_har_dato",
            ),
        ]

    def __str__(self):
        return f"{self.fase}: {self.get_type_display()} {self.nummer}"

    @property
    def tittel(self) -> str:
        return f"{self.get_type_display()} {self.nummer}: {self.fase.prosjekt.navn}"

    @property
    def redusert(self) -> bool:
        return self.belop_godkjent is not None and self.belop_godkjent < self.belop_sokt


class UtbetalingKostnad(models.Model):
    """The phase's documented costs so far in one category, as given with the request."""

    utbetaling = models.ForeignKey(Utbetaling, on_delete=models.CASCADE, related_name="kostnader")
    kategori = models.CharField(
        _("kostnadskategori"), max_length=20, choices=Kostnadskategori.choices
    )
    belop = models.PositiveBigIntegerField(_("påløpte kostnader hittil (kr)"))

    class Meta:
        verbose_name = _("kostnad")
        verbose_name_plural = _("kostnader")
        ordering = ["utbetaling", "kategori"]
        constraints = [
            models.UniqueConstraint(
                fields=["utbetaling", "kategori"], name="plp_utbetaling_kostnad_en_per_kategori"
            )
        ]

    def __str__(self):
        return f"{self.get_kategori_display()}: {self.belop} kr"


def _vedlegg_storage():
    return VedleggStorage()


class UtbetalingVedlegg(models.Model):
    """An invoice, a timesheet or the accountant's confirmation sent with a request."""

    class Type(models.TextChoices):
        FAKTURA = "faktura", _("Faktura")
        TIMELISTE = "timeliste", _("Timeliste")
        REVISOR = "revisor", _("Bekreftelse fra regnskapsfører eller revisor")
        ANNET = "annet", _("Annet")

    utbetaling = models.ForeignKey(Utbetaling, on_delete=models.CASCADE, related_name="vedlegg")
    type = models.CharField(_("type vedlegg"), max_length=20, choices=Type.choices)
    fil = models.FileField(_("fil"), storage=_vedlegg_storage, max_length=300)
    filnavn = models.CharField(_("filnavn"), max_length=255)
    innholdstype = models.CharField(_("innholdstype"), max_length=100)
    storrelse = models.PositiveIntegerField(_("størrelse (byte)"))

    class Meta:
        verbose_name = _("vedlegg til utbetalingsanmodning")
        verbose_name_plural = _("vedlegg til utbetalingsanmodninger")
        ordering = ["utbetaling", "id"]

    def __str__(self):
        return self.filnavn
