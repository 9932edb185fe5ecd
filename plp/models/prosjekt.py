"""The project (PLP): its phases, each funded by its own case and commitment, and their budgets.

State lives in plain fields; the moves between states are viewflow.fsm state machines in
plp.services.tilstand."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Forpliktelse, PlpFase, Program

USER = settings.AUTH_USER_MODEL


class Kostnadskategori(models.TextChoices):
    """The cost categories a phase's budget, reports and payouts are kept by."""

    LONN = "lonn", _("Egen lønn og egeninnsats")
    KJOP = "kjop", _("Kjøp av tjenester")
    UTSTYR = "utstyr", _("Utstyr")
    REISE = "reise", _("Reiser")
    ANDRE = "andre", _("Andre kostnader")


class Prosjekt(models.Model):
    """A project run by the PLP method, from its first funded phase until it closes."""

    class Status(models.TextChoices):
        AKTIV = "aktiv", _("Aktiv")
        STOPPET = "stoppet", _("Stoppet ved beslutningspunkt")
        AVSLUTTET = "avsluttet", _("Avsluttet")
        OVERLEVERT = "overlevert", _("Overlevert til drift")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="prosjekter")
    navn = models.CharField(_("navn"), max_length=200)
    orgnr = models.CharField(_("organisasjonsnummer"), max_length=9)
    org_navn = models.CharField(_("prosjekteier"), max_length=200)
    prosjektansvarlig_navn = models.CharField(_("prosjektansvarlig"), max_length=200)
    prosjektansvarlig_epost = models.EmailField(_("prosjektansvarligs e-post"))
    prosjektleder_navn = models.CharField(_("prosjektleder"), max_length=200)
    prosjektleder_epost = models.EmailField(_("prosjektleders e-post"))
    programleder = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programleder"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AKTIV
    )
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("prosjekt")
        verbose_name_plural = _("prosjekter")
        ordering = ["-opprettet", "-id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.navn


class Fase(models.Model):
    """One PLP phase of a project, funded by its own application case and commitment."""

    class Status(models.TextChoices):
        IKKE_STARTET = "ikke_startet", _("Ikke startet")
        LOPENDE = "lopende", _("Løpende")
        SLUTTRAPPORT = "sluttrapport", _("Sluttrapport til behandling")
        AVSLUTTET = "avsluttet", _("Avsluttet")
        STOPPET = "stoppet", _("Stoppet")
        BORTFALT = "bortfalt", _("Tilsagnet falt bort")

    prosjekt = models.ForeignKey(Prosjekt, on_delete=models.CASCADE, related_name="faser")
    fase = models.CharField(_("PLP-fase"), max_length=20, choices=PlpFase.choices)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)
    sak = models.OneToOneField(
        "workflow.Sak",
        on_delete=models.PROTECT,
        related_name="plp_fase",
        verbose_name=_("søknadssak"),
    )
    forpliktelse = models.ForeignKey(
        Forpliktelse,
        on_delete=models.PROTECT,
        related_name="plp_faser",
        verbose_name=_("forpliktelse"),
    )
    tilskudd = models.PositiveBigIntegerField(_("innvilget tilskudd (kr)"))
    kostnadsgrunnlag = models.PositiveBigIntegerField(_("godkjent kostnadsgrunnlag (kr)"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IKKE_STARTET
    )
    startdato = models.DateField(_("planlagt start"), null=True, blank=True)
    sluttdato = models.DateField(_("planlagt slutt"), null=True, blank=True)
    oppstartsfrist = models.DateField(_("frist for oppstart"), null=True, blank=True)
    utbetalingsfrist = models.DateField(_("frist for siste utbetaling"), null=True, blank=True)
    startet_dato = models.DateField(_("startet"), null=True, blank=True)
    bortfall_varslet = models.DateField(_("varslet om bortfall"), null=True, blank=True)
    rest_varslet = models.DateField(_("varslet om at resten faller bort"), null=True, blank=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("faser")
        ordering = ["prosjekt", "rekkefolge", "id"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["prosjekt", "rekkefolge"], name="plp_fase_rekkefolge_unik"
            ),
            models.CheckConstraint(
                condition=Q(kostnadsgrunnlag__gte=models.F("tilskudd")),
                name="plp_fase_tilskudd_innenfor_grunnlag",
            ),
        ]

    def __str__(self):
        return f"{self.prosjekt}: {self.get_fase_display()}"

    @property
    def tilskuddsandel(self):
        """The grant's share of the approved cost base (0–1); payouts follow it pro rata."""
        if not self.kostnadsgrunnlag:
            return Decimal(0)
        return Decimal(self.tilskudd) / Decimal(self.kostnadsgrunnlag)


class FaseBudsjettpost(models.Model):
    """One line of a phase's approved budget: a cost category and its amount."""

    fase = models.ForeignKey(Fase, on_delete=models.CASCADE, related_name="budsjett")
    kategori = models.CharField(
        _("kostnadskategori"), max_length=20, choices=Kostnadskategori.choices
    )
    belop = models.PositiveBigIntegerField(_("beløp (kr)"))

    class Meta:
        verbose_name = _("budsjettpost")
        verbose_name_plural = _("budsjettposter")
        ordering = ["fase", "kategori"]
        constraints = [
            models.UniqueConstraint(
                fields=["fase", "kategori"], name="plp_budsjett_en_per_kategori"
            )
        ]

    def __str__(self):
        return f"{self.get_kategori_display()}: {self.belop} kr"
