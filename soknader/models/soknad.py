"""An application (søknad) and what it contains."""

import hashlib
import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Innsatsomrade, PlpFase, Program, Strategi

# The bounds of every number an applicant gives: the form says so beside the field, and the
# database refuses anything beyond them a second time.
MAKS_BELOP = 1_000_000_000  # kroner
MAKS_TIMER = 100_000
MAKS_ANTALL = 100_000


def new_draft_token() -> str:
    return secrets.token_urlsafe(32)


def draft_token_hash(token: str) -> str:
    """What is stored of a draft's secret link: its SHA-256, so a copy of the database
    does not open anyone's draft."""
    return hashlib.sha256(token.encode()).hexdigest()


# The PLP phases are the program's: its grant rules may differ per phase.
Fase = PlpFase


class Soknad(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        SENDT = "sendt", _("Sendt inn")
        TRUKKET = "trukket", _("Trukket")

    class Kilde(models.TextChoices):
        REGISTER = "register", _("Enhetsregisteret")
        MANUELL = "manuell", _("Fylt inn av søkeren")

    class Sprak(models.TextChoices):
        NB = "nb", _("Norsk bokmål")
        EN = "en", _("Engelsk")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="soknader")
    saksnummer = models.CharField(
        _("saksnummer"), max_length=12, unique=True, null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST
    )
    # The draft's secret link is only ever known to the applicant; see draft_token_hash.
    utkast_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sprak = models.CharField(_("språk"), max_length=2, choices=Sprak.choices, default=Sprak.NB)
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)
    innsendt = models.DateTimeField(_("sendt inn"), null=True, blank=True)

    # Søker (the applying organisation)
    orgnr = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True, db_index=True)
    org_navn = models.CharField(_("navn på organisasjonen"), max_length=300, blank=True)
    org_form = models.CharField(_("organisasjonsform"), max_length=100, blank=True)
    org_adresse = models.CharField(_("adresse"), max_length=300, blank=True)
    org_postnummer = models.CharField(_("postnummer"), max_length=4, blank=True)
    org_poststed = models.CharField(_("poststed"), max_length=100, blank=True)
    org_naeringskode = models.CharField(_("næringskode"), max_length=300, blank=True)
    org_antall_ansatte = models.PositiveIntegerField(_("antall ansatte"), null=True, blank=True)
    org_konkurs = models.BooleanField(_("konkurs"), default=False)
    org_under_avvikling = models.BooleanField(_("under avvikling"), default=False)
    org_kilde = models.CharField(
        _("opplysningene kommer fra"), max_length=10, choices=Kilde.choices, blank=True
    )

    # People
    kontakt_navn = models.CharField(_("kontaktperson, navn"), max_length=200, blank=True)
    kontakt_epost = models.EmailField(_("kontaktperson, e-post"), blank=True)
    kontakt_telefon = models.CharField(_("kontaktperson, telefon"), max_length=30, blank=True)
    prosjektleder_navn = models.CharField(_("prosjektleder, navn"), max_length=200, blank=True)
    prosjektleder_epost = models.EmailField(_("prosjektleder, e-post"), blank=True)
    prosjektleder_telefon = models.CharField(_("prosjektleder, telefon"), max_length=30, blank=True)

    # The project
    tittel = models.CharField(_("prosjekttittel"), max_length=200, blank=True)
    kort_beskrivelse = models.TextField(
        _("kort beskrivelse"), blank=True, validators=[MaxLengthValidator(500)]
    )
    bakgrunn = models.TextField(_("bakgrunn"), blank=True)
    mal = models.TextField(_("mål (hovedmål og delmål)"), blank=True)
    forankring = models.TextField(_("forankring"), blank=True)
    organisering = models.TextField(_("organisering av prosjektet"), blank=True)
    fase = models.CharField(_("PLP-fase"), max_length=20, choices=Fase.choices, blank=True)
    tidligere_fase = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="neste_faser",
        verbose_name=_("søknad for forrige fase"),
    )
    foreslatt_innsatsomrade = models.ForeignKey(
        Innsatsomrade,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("innsatsområde søkeren mener passer"),
    )
    foreslatt_strategi = models.ForeignKey(
        Strategi,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("strategi søkeren mener passer"),
    )
    startdato = models.DateField(_("startdato"), null=True, blank=True)
    sluttdato = models.DateField(_("sluttdato"), null=True, blank=True)

    # Expected jobs
    nye_kvinner = models.PositiveIntegerField(_("nye arbeidsplasser, kvinner"), default=0)
    nye_menn = models.PositiveIntegerField(_("nye arbeidsplasser, menn"), default=0)
    sikrede_kvinner = models.PositiveIntegerField(_("sikrede arbeidsplasser, kvinner"), default=0)
    sikrede_menn = models.PositiveIntegerField(_("sikrede arbeidsplasser, menn"), default=0)

    # De minimis: the other undertakings of the same single undertaking (linked companies),
    # as nine-digit numbers separated by commas.
    tilknyttede_orgnr = models.CharField(
        _("organisasjonsnummer til tilknyttede foretak"), max_length=200, blank=True
    )

    # Set at submission, for the programleder.
    bagatell_over_tak = models.BooleanField(
        _("bagatellmessig støtte over taket"), default=False, editable=False
    )

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        ordering = ["-opprettet", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="utkast") | Q(saksnummer__isnull=False),
                name="soknad_innsendt_har_saksnummer",
            ),
        ]

    def __str__(self):
        return f"{self.saksnummer or _('Utkast')}: {self.tittel or _('(uten tittel)')}"

    @property
    def er_utkast(self) -> bool:
        return self.status == self.Status.UTKAST

    @property
    def minside_path(self) -> str:
        """The application's page on Min side: by its saksnummer once submitted, by its id
        while it is a draft."""
        if self.saksnummer:
            return reverse("soknader:minside_sak", kwargs={"saksnummer": self.saksnummer})
        return reverse("soknader:minside_soknad", kwargs={"pk": self.pk})


class Aktivitet(models.Model):
    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="aktiviteter")
    navn = models.CharField(_("aktivitet"), max_length=300)
    start = models.DateField(_("fra"))
    slutt = models.DateField(_("til"))

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["start", "id"]

    def __str__(self):
        return self.navn


class Kostnadslinje(models.Model):
    class Kategori(models.TextChoices):
        PERSONELL = "personell", _("Eget personell (timer × timesats)")
        TJENESTER = "tjenester", _("Eksterne tjenester og konsulenter")
        LOKALER = "lokaler", _("Lokaler")
        INVESTERINGER = "investeringer", _("Investeringer")
        REISER = "reiser", _("Reiser")
        ANNET = "annet", _("Andre kostnader")

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="kostnader")
    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices)
    beskrivelse = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    timer = models.PositiveIntegerField(
        _("timer"), null=True, blank=True, validators=[MaxValueValidator(MAKS_TIMER)]
    )
    timesats = models.PositiveIntegerField(
        _("timesats (kr)"), null=True, blank=True, validators=[MaxValueValidator(MAKS_BELOP)]
    )
    belop = models.PositiveBigIntegerField(
        _("beløp (kr)"), validators=[MaxValueValidator(MAKS_BELOP)]
    )

    class Meta:
        verbose_name = _("kostnadslinje")
        verbose_name_plural = _("kostnadsplan")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(belop__lte=MAKS_BELOP), name="kostnad_belop_innenfor_grensen"
            ),
        ]

    def __str__(self):
        return f"{self.get_kategori_display()}: {self.belop}"


class Finansieringslinje(models.Model):
    class Kilde(models.TextChoices):
        EGNE_MIDLER = "egne_midler", _("Egne midler")
        EGENINNSATS = "egeninnsats", _("Egeninnsats (eget arbeid)")
        INNOVASJON_NORGE = "innovasjon_norge", _("Innovasjon Norge")
        BANKLAN = "banklan", _("Banklån")
        ANDRE_OFFENTLIGE = "andre_offentlige", _("Andre offentlige midler")
        PROGRAMMET = "programmet", _("Søkt fra omstillingsprogrammet")

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="finansiering")
    kilde = models.CharField(_("kilde"), max_length=20, choices=Kilde.choices)
    belop = models.PositiveBigIntegerField(
        _("beløp (kr)"), validators=[MaxValueValidator(MAKS_BELOP)]
    )

    class Meta:
        verbose_name = _("finansieringslinje")
        verbose_name_plural = _("finansieringsplan")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(belop__lte=MAKS_BELOP), name="finansiering_belop_innenfor_grensen"
            ),
            models.UniqueConstraint(fields=["soknad", "kilde"], name="en_linje_per_kilde"),
        ]

    def __str__(self):
        return f"{self.get_kilde_display()}: {self.belop}"


class OffentligStotte(models.Model):
    """Other public aid to this project, or de minimis aid received in the last three years."""

    class Type(models.TextChoices):
        BAGATELL = "bagatell", _("Bagatellmessig støtte (siste tre år)")
        PROSJEKT = "prosjekt", _("Annen offentlig støtte til prosjektet")

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="offentlig_stotte")
    type = models.CharField(_("type støtte"), max_length=10, choices=Type.choices)
    giver = models.CharField(_("støttegiver"), max_length=200)
    ordning = models.CharField(_("ordning"), max_length=200, blank=True)
    belop = models.PositiveBigIntegerField(
        _("beløp (kr)"), validators=[MaxValueValidator(MAKS_BELOP)]
    )
    dato = models.DateField(_("dato for tildeling"))

    class Meta:
        verbose_name = _("offentlig støtte")
        verbose_name_plural = _("offentlig støtte")
        ordering = ["dato", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(belop__lte=MAKS_BELOP), name="stotte_belop_innenfor_grensen"
            ),
        ]

    def __str__(self):
        return f"{self.giver}: {self.belop}"


class VedleggStorage(FileSystemStorage):
    """Files under SOKNAD_VEDLEGG_ROOT, outside any public URL: served only by a view
    that checks who is asking."""

    @property
    def base_location(self):
        return settings.SOKNAD_VEDLEGG_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Attachments have no public URL.")


def _vedlegg_storage():
    return VedleggStorage()


class Vedlegg(models.Model):
    class Type(models.TextChoices):
        PROSJEKTPLAN = "prosjektplan", _("Prosjektplan")
        REGNSKAP = "regnskap", _("Regnskap")
        TILBUD = "tilbud", _("Tilbud")
        ANNET = "annet", _("Annet")

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="vedlegg")
    type = models.CharField(_("type vedlegg"), max_length=20, choices=Type.choices)
    fil = models.FileField(_("fil"), storage=_vedlegg_storage, max_length=300)
    filnavn = models.CharField(_("filnavn"), max_length=255)
    innholdstype = models.CharField(_("innholdstype"), max_length=100)
    storrelse = models.PositiveBigIntegerField(_("størrelse (byte)"))
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64)
    lastet_opp = models.DateTimeField(_("lastet opp"), auto_now_add=True)

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["lastet_opp", "id"]

    def __str__(self):
        return self.filnavn
