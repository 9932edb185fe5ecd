"""The program: its settings, funding sources, focus areas, job targets and indicators."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    """A restructuring program, with its own case-handling and grant rules."""

    slug = models.SlugField(_("kortnavn"), unique=True)
    navn = models.CharField(_("navn"), max_length=200)
    kommune = models.CharField(_("kommune"), max_length=100)
    kommunenummer = models.CharField(_("kommunenummer"), max_length=4, blank=True)
    start_ar = models.PositiveSmallIntegerField(_("første år"))
    slutt_ar = models.PositiveSmallIntegerField(_("siste år"))
    arlig_ramme = models.PositiveBigIntegerField(
        _("årlig ramme (kr)"), help_text=_("Normal årlig ramme etter totalbudsjettet.")
    )
    mal_nye_arbeidsplasser = models.PositiveIntegerField(_("mål: nye arbeidsplasser"), default=0)
    mal_sikrede_arbeidsplasser = models.PositiveIntegerField(
        _("mål: sikrede arbeidsplasser"), default=0
    )

    # Case handling and grant rules (configurable per program).
    delegert_grense = models.PositiveBigIntegerField(
        _("programleders delegerte grense (kr)"), default=100_000
    )
    maks_stotteintensitet = models.PositiveSmallIntegerField(
        _("maks støtteintensitet (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    egeninnsats_timesats = models.PositiveIntegerField(
        _("timesats for egeninnsats (kr/t)"), default=600
    )
    kontrollfrist_dager = models.PositiveSmallIntegerField(
        _("frist for kompletthetskontroll (dager)"),
        default=14,
        db_default=14,
        help_text=_("Søkeren hører fra programlederen innen så mange dager etter innsending."),
    )
    akseptfrist_dager = models.PositiveSmallIntegerField(_("frist for aksept (dager)"), default=21)
    oppstartsfrist_maneder = models.PositiveSmallIntegerField(
        _("frist for oppstart (måneder)"), default=6
    )
    sluttfrist_grace_dager = models.PositiveSmallIntegerField(
        _("tillegg til sluttdato før tilsagnet faller bort (dager)"), default=90
    )
    maks_utbetalt_for_sluttrapport = models.PositiveSmallIntegerField(
        _("maks andel utbetalt før godkjent sluttrapport (%)"),
        default=75,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    revisorgrense = models.PositiveBigIntegerField(
        _("revisorbekreftet regnskap over (kr)"), default=200_000
    )
    klagefrist_dager = models.PositiveSmallIntegerField(_("klagefrist (dager)"), default=21)
    klageorgan = models.CharField(
        _("klageorgan"),
        max_length=200,
        default="Kommunestyret i Sel kommune",
        db_default="Kommunestyret i Sel kommune",
        help_text=_(
            "Organet som avgjør klager på programmets vedtak (kommunestyret, en klagenemnd "
            "eller et annet organ). Navnet står i vedtaksbrevene."
        ),
    )
    rapportvarsel_dager = models.PositiveSmallIntegerField(
        _("påminnelse før rapportfrist (dager)"), default=60
    )
    bagatell_tak_eur = models.PositiveBigIntegerField(
        _("tak for bagatellmessig støtte (EUR, tre år)"), default=300_000
    )
    nok_per_eur = models.DecimalField(
        _("kurs NOK per EUR"), max_digits=8, decimal_places=4, default=Decimal("11.5000")
    )
    bagatell_forordning = models.CharField(
        _("forordning for bagatellmessig støtte"),
        max_length=200,
        default="Kommisjonsforordning (EU) 2023/2831",
    )
    bagatell_rapporteringsgrense_eur = models.PositiveBigIntegerField(
        _("rapportering til støtteregisteret fra (EUR)"), default=100_000
    )

    class Meta:
        verbose_name = _("omstillingsprogram")
        verbose_name_plural = _("omstillingsprogram")
        constraints = [
            models.CheckConstraint(
                condition=Q(slutt_ar__gte=models.F("start_ar")), name="program_periode_i_orden"
            )
        ]

    def __str__(self):
        return self.navn

    @property
    def mal_arbeidsplasser(self) -> int:
        return self.mal_nye_arbeidsplasser + self.mal_sikrede_arbeidsplasser

    def stotteintensitet_for(self, fase: str | None) -> int:
        """Max support intensity (%) for a PLP phase: the phase's setting, else the program's."""
        if fase:
            for innstilling in self.faseinnstillinger.all():
                if innstilling.fase == fase and innstilling.maks_stotteintensitet is not None:
                    return innstilling.maks_stotteintensitet
        return self.maks_stotteintensitet


class Finansieringskilde(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kilder")
    navn = models.CharField(_("navn"), max_length=200)

    class Meta:
        verbose_name = _("finansieringskilde")
        verbose_name_plural = _("finansieringskilder")
        constraints = [
            models.UniqueConstraint(fields=["program", "navn"], name="kilde_unik_per_program")
        ]

    def __str__(self):
        return self.navn


class Innsatsomrade(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="innsatsomrader")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    navn = models.CharField(_("navn"), max_length=200)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    har_arbeidsplassmal = models.BooleanField(_("har mål for arbeidsplasser"), default=True)

    class Meta:
        verbose_name = _("innsatsområde")
        verbose_name_plural = _("innsatsområder")
        ordering = ["program", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "nummer"], name="innsatsomrade_nummer_unikt"
            ),
            models.UniqueConstraint(fields=["program", "navn"], name="innsatsomrade_navn_unikt"),
        ]

    def __str__(self):
        return f"{self.nummer}. {self.navn}"


class Arbeidsplassmal(models.Model):
    """Job target for a focus area in one year (omstillingsplanen).

    The plan states the total; the split into new and secured is stored where
    the plan gives it (left empty where it does not).
    """

    innsatsomrade = models.ForeignKey(
        Innsatsomrade, on_delete=models.CASCADE, related_name="arbeidsplassmal"
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    antall = models.PositiveIntegerField(_("arbeidsplasser i alt"))
    nye = models.PositiveIntegerField(_("av dem nye"), null=True, blank=True)
    sikrede = models.PositiveIntegerField(_("av dem sikrede"), null=True, blank=True)

    class Meta:
        verbose_name = _("mål for arbeidsplasser")
        verbose_name_plural = _("mål for arbeidsplasser")
        ordering = ["innsatsomrade", "ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["innsatsomrade", "ar"], name="ett_mal_per_omrade_og_ar"
            ),
            models.CheckConstraint(
                condition=Q(nye__isnull=True)
                | Q(sikrede__isnull=True)
                | Q(antall=models.F("nye") + models.F("sikrede")),
                name="nye_pluss_sikrede_er_antall",
            ),
        ]

    def __str__(self):
        return f"{self.innsatsomrade.navn} {self.ar}: {self.antall}"


class Indikator(models.Model):
    """An impact indicator (effektmål) followed yearly."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indikatorer")
    navn = models.CharField(_("navn"), max_length=300)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("måleindikator")
        verbose_name_plural = _("måleindikatorer")
        ordering = ["program", "rekkefolge"]
        constraints = [
            models.UniqueConstraint(fields=["program", "navn"], name="indikator_unik_per_program")
        ]

    def __str__(self):
        return self.navn


class PlpFase(models.TextChoices):
    """The PLP phases; each is applied for and granted on its own."""

    FORSTUDIE = "forstudie", _("Forstudie")
    FORPROSJEKT = "forprosjekt", _("Forprosjekt")
    HOVEDPROSJEKT = "hovedprosjekt", _("Hovedprosjekt")


class FaseInnstilling(models.Model):
    """Grant rules that differ by PLP phase; a value left empty follows the program's."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="faseinnstillinger")
    fase = models.CharField(_("PLP-fase"), max_length=20, choices=PlpFase.choices)
    maks_stotteintensitet = models.PositiveSmallIntegerField(
        _("maks støtteintensitet (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Tomt: programmets maks støtteintensitet gjelder."),
    )

    class Meta:
        verbose_name = _("innstilling per fase")
        verbose_name_plural = _("innstillinger per fase")
        ordering = ["program", "fase"]
        constraints = [
            models.UniqueConstraint(fields=["program", "fase"], name="faseinnstilling_en_per_fase"),
            models.CheckConstraint(
                condition=Q(maks_stotteintensitet__isnull=True)
                | Q(maks_stotteintensitet__gte=1, maks_stotteintensitet__lte=100),
                name="faseinnstilling_intensitet_1_til_100",
            ),
        ]

    def __str__(self):
        return f"{self.program}: {self.get_fase_display()}"
