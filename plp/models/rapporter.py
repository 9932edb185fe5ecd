"""What the project reports: status reports, the final report, the decision point, and the
follow-up count of jobs a year after the end; and which sub-goals a phase counts toward."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Delmal

from .dokumenter import Milepael
from .prosjekt import Fase, Kostnadskategori

USER = settings.AUTH_USER_MODEL


class Statusrapport(models.Model):
    """Progress at a point in a phase: milestones, costs so far, deviations, risks, forecast."""

    fase = models.ForeignKey(Fase, on_delete=models.PROTECT, related_name="statusrapporter")
    per_dato = models.DateField(_("per dato"))
    fremdrift = models.TextField(_("fremdrift mot milepælene"))
    avvik = models.TextField(_("avvik"), blank=True)
    risiko = models.TextField(_("risiko"), blank=True)
    prognose = models.TextField(_("prognose"), blank=True)
    innsendt = models.DateTimeField(_("sendt inn"), auto_now_add=True)
    innsendt_av = models.CharField(_("sendt inn av"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["fase", "per_dato", "id"]

    def __str__(self):
        return f"{self.fase}: {self.per_dato}"


class StatusrapportKostnad(models.Model):
    """Costs so far in one budget category."""

    rapport = models.ForeignKey(Statusrapport, on_delete=models.CASCADE, related_name="kostnader")
    kategori = models.CharField(
        _("kostnadskategori"), max_length=20, choices=Kostnadskategori.choices
    )
    belop = models.PositiveBigIntegerField(_("påløpt (kr)"))

    class Meta:
        verbose_name = _("påløpt kostnad")
        verbose_name_plural = _("påløpte kostnader")
        constraints = [
            models.UniqueConstraint(fields=["rapport", "kategori"], name="plp_statuskost_unik")
        ]

    def __str__(self):
        return f"{self.get_kategori_display()}: {self.belop} kr"


class MilepaelStatus(models.Model):
    """Where one milestone stands in a status report."""

    class Status(models.TextChoices):
        I_RUTE = "i_rute", _("I rute")
        FORSINKET = "forsinket", _("Forsinket")
        NADD = "nadd", _("Nådd")

    rapport = models.ForeignKey(Statusrapport, on_delete=models.CASCADE, related_name="milepaeler")
    milepael = models.ForeignKey(Milepael, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("milepælstatus")
        verbose_name_plural = _("milepælstatus")

    def __str__(self):
        return f"{self.milepael}: {self.get_status_display()}"


class Sluttrapport(models.Model):
    """The phase's final report: results, jobs, sub-goals delivered, costs and financing."""

    class Status(models.TextChoices):
        INNSENDT = "innsendt", _("Sendt inn, til kontroll")
        RETURNERT = "returnert", _("Returnert til prosjektet")
        GODKJENT = "godkjent", _("Godkjent")

    fase = models.OneToOneField(Fase, on_delete=models.PROTECT, related_name="sluttrapport")
    resultater = models.TextField(_("resultater mot målene"))
    nye_kvinner = models.PositiveIntegerField(_("nye arbeidsplasser, kvinner"))
    nye_menn = models.PositiveIntegerField(_("nye arbeidsplasser, menn"))
    sikrede_kvinner = models.PositiveIntegerField(_("sikrede arbeidsplasser, kvinner"))
    sikrede_menn = models.PositiveIntegerField(_("sikrede arbeidsplasser, menn"))
    malt_dato = models.DateField(_("arbeidsplassene telt per"))
    delmal = models.ManyToManyField(
        Delmal, blank=True, related_name="+", verbose_name=_("delmål prosjektet leverte")
    )
    egenfinansiering = models.PositiveBigIntegerField(_("egenfinansiering (kr)"), default=0)
    annen_finansiering = models.PositiveBigIntegerField(_("annen finansiering (kr)"), default=0)
    utlost_kapital = models.PositiveBigIntegerField(
        _("andre midler prosjektet utløste (kr)"), default=0
    )
    neste_fase_plan = models.TextField(_("plan for neste fase"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INNSENDT
    )
    merknad = models.TextField(_("programleders merknad"), blank=True)
    innsendt = models.DateTimeField(_("sendt inn"), auto_now_add=True)
    behandlet = models.DateTimeField(_("behandlet"), null=True, blank=True)
    behandlet_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sluttrapport")
        verbose_name_plural = _("sluttrapporter")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return str(self.fase)

    @property
    def tittel(self) -> str:
        return _("Sluttrapport: %(navn)s") % {"navn": self.fase.prosjekt.navn}

    @property
    def arbeidsplasser(self) -> int:
        return self.nye_kvinner + self.nye_menn + self.sikrede_kvinner + self.sikrede_menn

    @property
    def kostnad_sum(self) -> int:
        return sum(k.belop for k in self.kostnader.all())


class SluttrapportKostnad(models.Model):
    rapport = models.ForeignKey(Sluttrapport, on_delete=models.CASCADE, related_name="kostnader")
    kategori = models.CharField(
        _("kostnadskategori"), max_length=20, choices=Kostnadskategori.choices
    )
    belop = models.PositiveBigIntegerField(_("faktisk kostnad (kr)"))

    class Meta:
        verbose_name = _("faktisk kostnad")
        verbose_name_plural = _("faktiske kostnader")
        constraints = [
            models.UniqueConstraint(fields=["rapport", "kategori"], name="plp_sluttkost_unik")
        ]

    def __str__(self):
        return f"{self.get_kategori_display()}: {self.belop} kr"


class Beslutningspunkt(models.Model):
    """The owner's decision after a phase: go on, change course, or stop."""

    class Valg(models.TextChoices):
        VIDERE = "videre", _("Gå videre til neste fase")
        ENDRE = "endre", _("Endre kurs")
        STOPP = "stopp", _("Stoppe prosjektet")
        OVERLEVER = "overlever", _("Avslutte og overlevere til drift")

    fase = models.OneToOneField(Fase, on_delete=models.PROTECT, related_name="beslutningspunkt")
    nummer = models.PositiveSmallIntegerField(_("beslutningspunkt"))
    valg = models.CharField(_("beslutning"), max_length=20, choices=Valg.choices)
    begrunnelse = models.TextField(_("begrunnelse"))
    referat = models.FileField(_("referat fra styringsgruppen"), upload_to="plp/referat/%Y/")
    besluttet = models.DateTimeField(_("besluttet"), auto_now_add=True)
    neste_soknad = models.OneToOneField(
        "soknader.Soknad",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plp_beslutningspunkt",
        verbose_name=_("søknad om neste fase"),
    )

    class Meta:
        verbose_name = _("beslutningspunkt")
        verbose_name_plural = _("beslutningspunkter")

    def __str__(self):
        return f"BP{self.nummer}: {self.get_valg_display()}"


class Oppfolging(models.Model):
    """The job count one year after the project ended."""

    fase = models.OneToOneField(Fase, on_delete=models.CASCADE, related_name="oppfolging")
    frist = models.DateField(_("frist"))
    nye_kvinner = models.PositiveIntegerField(_("nye arbeidsplasser, kvinner"), null=True)
    nye_menn = models.PositiveIntegerField(_("nye arbeidsplasser, menn"), null=True)
    sikrede_kvinner = models.PositiveIntegerField(_("sikrede arbeidsplasser, kvinner"), null=True)
    sikrede_menn = models.PositiveIntegerField(_("sikrede arbeidsplasser, menn"), null=True)
    malt_dato = models.DateField(_("telt per"), null=True, blank=True)
    registrert = models.DateTimeField(_("registrert"), null=True, blank=True)

    class Meta:
        verbose_name = _("oppfølging av arbeidsplasser")
        verbose_name_plural = _("oppfølging av arbeidsplasser")

    def __str__(self):
        return f"{self.fase}: {self.frist}"


class DelmalTelling(models.Model):
    """A phase counted toward a sub-goal: started when the phase starts, completed when its
    final report is approved."""

    fase = models.ForeignKey(Fase, on_delete=models.CASCADE, related_name="delmaltellinger")
    delmal = models.ForeignKey(Delmal, on_delete=models.PROTECT, related_name="plp_tellinger")
    milepael = models.CharField(_("milepæl"), max_length=20, choices=Delmal.Milepael.choices)
    dato = models.DateField(_("dato"))

    class Meta:
        verbose_name = _("telling mot delmål")
        verbose_name_plural = _("tellinger mot delmål")
        constraints = [
            models.UniqueConstraint(
                fields=["fase", "delmal", "milepael"], name="plp_delmaltelling_unik"
            ),
            models.CheckConstraint(
                condition=Q(milepael__in=["igangsatt", "gjennomfort"]),
                name="plp_delmaltelling_milepael",
            ),
        ]

    def __str__(self):
        return f"{self.delmal}: {self.get_milepael_display()}"
