"""The yearly action plan: its status history, funding, strategies and sub-goals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .program import Finansieringskilde, Innsatsomrade, Program


class Handlingsplan(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        GODKJENT = "godkjent", _("Godkjent av styringsgruppen")
        VEDTATT = "vedtatt", _("Vedtatt av kommunestyret")
        PUBLISERT = "publisert", _("Publisert")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="handlingsplaner")
    ar = models.PositiveSmallIntegerField(_("år"))
    tittel = models.CharField(_("tittel"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST
    )
    godkjent_dato = models.DateField(_("godkjent av styringsgruppen"), null=True, blank=True)
    godkjent_referanse = models.CharField(
        _("saksreferanse, styringsgruppen"), max_length=100, blank=True
    )
    vedtatt_dato = models.DateField(_("vedtatt av kommunestyret"), null=True, blank=True)
    vedtatt_referanse = models.CharField(
        _("saksreferanse, kommunestyret"), max_length=100, blank=True
    )
    publisert_dato = models.DateField(_("publisert"), null=True, blank=True)
    publisert_referanse = models.CharField(
        _("referanse, publisering"),
        max_length=300,
        blank=True,
        help_text=_("Hvor planen er gjort tilgjengelig for allmennheten, f.eks. en nettadresse."),
    )
    timekostnad = models.PositiveIntegerField(_("intern timekostnad, programleder (kr/t)"))
    administrasjonsbudsjett = models.PositiveBigIntegerField(_("administrasjonsbudsjett (kr)"))
    kilde = models.CharField(
        _("kildedokument"), max_length=300, blank=True, help_text=_("Filen planen ble lest fra.")
    )
    avvik = models.JSONField(
        _("avvik i planens egne tall"),
        default=list,
        blank=True,
        help_text=_("Oppgitte tall som planens egen regning motsier, funnet ved importen."),
    )
    avvik_resolusjon = models.TextField(
        _("styringsgruppens vedtak om avvikene"),
        blank=True,
        help_text=_("Hvilke tall som gjelder, vedtatt da planen ble godkjent."),
    )

    # The money of a plan may be committed once the board has approved it.
    GODKJENTE = (Status.GODKJENT, Status.VEDTATT, Status.PUBLISERT)

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["program", "ar"]
        constraints = [
            models.UniqueConstraint(fields=["program", "ar"], name="en_handlingsplan_per_ar")
        ]

    def __str__(self):
        return self.tittel or f"{self.program} {self.ar}"


class HandlingsplanStatusendring(models.Model):
    """One step of a plan's status (approved, adopted, published): when, by what decision, who."""

    handlingsplan = models.ForeignKey(
        Handlingsplan, on_delete=models.CASCADE, related_name="statusendringer"
    )
    fra_status = models.CharField(
        _("fra status"), max_length=20, choices=Handlingsplan.Status.choices
    )
    til_status = models.CharField(
        _("til status"), max_length=20, choices=Handlingsplan.Status.choices
    )
    dato = models.DateField(_("dato"))
    referanse = models.CharField(_("referanse"), max_length=300, blank=True)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    registrert = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        verbose_name = _("statusendring for handlingsplan")
        verbose_name_plural = _("statusendringer for handlingsplaner")
        ordering = ["handlingsplan", "dato", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["handlingsplan", "til_status"], name="statusendring_en_per_status"
            )
        ]

    def __str__(self):
        return f"{self.handlingsplan}: {self.get_til_status_display()} {self.dato}"


class Finansiering(models.Model):
    """A funding source's contribution to one year's plan."""

    handlingsplan = models.ForeignKey(
        Handlingsplan, on_delete=models.CASCADE, related_name="finansiering"
    )
    kilde = models.ForeignKey(Finansieringskilde, on_delete=models.PROTECT)
    belop = models.PositiveBigIntegerField(_("beløp (kr)"))
    merknad = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        constraints = [
            models.UniqueConstraint(
                fields=["handlingsplan", "kilde"], name="en_finansiering_per_kilde_og_ar"
            )
        ]

    def __str__(self):
        return f"{self.kilde}: {self.belop}"


class ProgramlederTimer(models.Model):
    """Programleder hours set aside for one focus area in one year's plan."""

    handlingsplan = models.ForeignKey(
        Handlingsplan, on_delete=models.CASCADE, related_name="programleder_timer"
    )
    innsatsomrade = models.ForeignKey(Innsatsomrade, on_delete=models.PROTECT)
    timer = models.DecimalField(_("timer"), max_digits=8, decimal_places=1)

    class Meta:
        verbose_name = _("programledertimer")
        verbose_name_plural = _("programledertimer")
        constraints = [
            models.UniqueConstraint(
                fields=["handlingsplan", "innsatsomrade"], name="timer_en_per_omrade_og_ar"
            ),
            models.CheckConstraint(condition=Q(timer__gte=0), name="timer_ikke_negative"),
        ]

    def __str__(self):
        return f"{self.innsatsomrade.navn}: {self.timer} t"

    @property
    def kostnad(self) -> int:
        return int((self.timer * self.handlingsplan.timekostnad).to_integral_value())


class Strategi(models.Model):
    handlingsplan = models.ForeignKey(
        Handlingsplan, on_delete=models.CASCADE, related_name="strategier"
    )
    innsatsomrade = models.ForeignKey(
        Innsatsomrade, on_delete=models.PROTECT, related_name="strategier"
    )
    bokstav = models.CharField(_("bokstav"), max_length=2)
    navn = models.CharField(_("navn"), max_length=200)
    mulige_tiltak = models.TextField(_("mulige tiltak"), blank=True)
    delmal_tekst = models.TextField(_("delmål"), blank=True)
    resultatmal_arbeidsplasser = models.PositiveIntegerField(
        _("resultatmål (arbeidsplasser)"), null=True, blank=True
    )
    budsjett = models.PositiveBigIntegerField(_("budsjett (kr)"))

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["handlingsplan", "bokstav"]
        constraints = [
            models.UniqueConstraint(
                fields=["handlingsplan", "bokstav"], name="strategi_bokstav_unik_per_plan"
            )
        ]

    def __str__(self):
        return f"{self.bokstav}. {self.navn}"


class Delmal(models.Model):
    """A countable sub-goal, e.g. "min. 3 bedriftsutviklingsprosjekt gjennomført"."""

    class Type(models.TextChoices):
        IDENTIFISERING = "identifisering", _("Identifisering av utviklingsprosjekter")
        BEDRIFTSUTVIKLING = "bedriftsutvikling", _("Bedriftsutviklingsprosjekt")
        NETTVERK = "nettverk", _("Nettverk og klynger")
        KOMPETANSEKARTLEGGING = "kompetansekartlegging", _("Kompetansekartlegging")
        KOMPETANSEHEVING = "kompetanseheving", _("Kompetanseheving")
        KOMPETANSE = "kompetanse", _("Kompetanse og samarbeid")
        NYETABLERING = "nyetablering", _("Nye bedrifter under etablering")
        PROFILERING = "profilering", _("Profilering og markedsføring")
        NAERINGSATTRAKTIVITET = "naeringsattraktivitet", _("Næringsattraktivitet")
        FORSTUDIE = "forstudie", _("Forstudie")
        BOSTEDSATTRAKTIVITET = "bostedsattraktivitet", _("Bostedsattraktivitet")
        ETABLERERKULTUR = "etablererkultur", _("Innovasjons- og etablererkultur")

    class Milepael(models.TextChoices):
        IGANGSATT = "igangsatt", _("igangsatt")
        GJENNOMFORT = "gjennomfort", _("gjennomført")

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="delmal")
    tekst = models.CharField(_("tekst"), max_length=300)
    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    antall = models.PositiveSmallIntegerField(_("antall"))
    milepael = models.CharField(_("telles når"), max_length=20, choices=Milepael.choices)

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["strategi", "id"]

    def __str__(self):
        return self.tekst
