"""Case handling of a submitted application: check, assessment, impartiality, votes,
the decision (vedtak), the grant commitment (tilsagn), letters and the case's history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Delmal, Forpliktelse, Pot, Program

from .soknad import Soknad, Vedlegg

USER = settings.AUTH_USER_MODEL


class Behandlingsregler(models.Model):
    """Per-program settings of case handling; a program without a row uses the defaults."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="behandlingsregler"
    )
    beslutningsdyktig_antall = models.PositiveSmallIntegerField(
        _("beslutningsdyktig med (antall stemmer)"),
        null=True,
        blank=True,
        help_text=_("Tomt: et flertall av de habile medlemmene."),
    )
    kontrollfrist_dager = models.PositiveSmallIntegerField(
        _("frist for kompletthetskontroll (dager)"), default=14
    )
    vurderingsfrist_dager = models.PositiveSmallIntegerField(
        _("frist for vurdering (dager)"), default=30
    )
    svarfrist_dager = models.PositiveSmallIntegerField(_("søkers svarfrist (dager)"), default=14)
    stemmefrist_dager = models.PositiveSmallIntegerField(
        _("frist for å stemme (dager)"), default=14
    )
    nestleder = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nestleder"),
        help_text=_(
            "Settestyreleder i saker der styreleder er inhabil. Er nestlederen også inhabil, "
            "eller ikke satt, leder det habile styremedlemmet som først erklærte seg habilt."
        ),
    )

    class Meta:
        verbose_name = _("regler for saksbehandling")
        verbose_name_plural = _("regler for saksbehandling")

    def __str__(self):
        return str(self.program)


class Mote(models.Model):
    """A board meeting: its agenda (saksliste) and minutes (protokoll) are built from the cases."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="moter")
    dato = models.DateField(_("dato"))
    sted = models.CharField(_("sted"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("styremøte")
        verbose_name_plural = _("styremøter")
        ordering = ["dato", "id"]

    def __str__(self):
        return _("Styremøte %(dato)s") % {"dato": self.dato.strftime("%d.%m.%Y")}


class Behandling(models.Model):
    """The case of one submitted application, from the completeness check to acceptance."""

    class Status(models.TextChoices):
        KONTROLL = "kontroll", _("Kompletthetskontroll")
        VENTER_SVAR = "venter_svar", _("Venter på svar fra søker")
        VURDERING = "vurdering", _("Vurdering og innstilling")
        TIL_VEDTAK = "til_vedtak", _("Til vedtak hos programleder")
        STYRET = "styret", _("Til behandling i styret")
        VENTER_AKSEPT = "venter_aksept", _("Innvilget, venter på aksept")
        AKSEPTERT = "akseptert", _("Innvilget og akseptert")
        AVSLATT = "avslatt", _("Avslått")
        BORTFALT = "bortfalt", _("Tilsagnet falt bort")
        TRUKKET = "trukket", _("Trukket av søker")
        AVBRUTT = "avbrutt", _("Avsluttet av programleder")

    class Organ(models.TextChoices):
        PROGRAMLEDER = "programleder", _("Programleder (delegert)")
        STYRET = "styret", _("Styret")

    soknad = models.OneToOneField(Soknad, on_delete=models.PROTECT, related_name="behandling")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.KONTROLL
    )
    organ = models.CharField(_("besluttes av"), max_length=20, choices=Organ.choices, blank=True)
    programleder = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mote = models.ForeignKey(
        Mote, on_delete=models.SET_NULL, null=True, blank=True, related_name="saker"
    )
    stemmefrist = models.DateTimeField(_("frist for å stemme"), null=True, blank=True)
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    avsluttet = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("saksbehandling")
        verbose_name_plural = _("saksbehandlinger")
        ordering = ["-opprettet", "-id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.soknad.saksnummer}: {self.get_status_display()}"


class Opplysningskrav(models.Model):
    """The programleder asks the applicant for what is missing; the answer comes back here."""

    behandling = models.ForeignKey(
        Behandling, on_delete=models.CASCADE, related_name="opplysningskrav"
    )
    sporsmal = models.TextField(_("hva som mangler"))
    frist = models.DateTimeField(_("svarfrist"))
    svar = models.TextField(_("svar"), blank=True)
    besvart = models.DateTimeField(_("besvart"), null=True, blank=True)
    opprettet = models.DateTimeField(_("sendt"), auto_now_add=True)
    opprettet_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("forespørsel om opplysninger")
        verbose_name_plural = _("forespørsler om opplysninger")
        ordering = ["opprettet", "id"]

    def __str__(self):
        return self.sporsmal[:60]


class Innstilling(models.Model):
    """The programleder's assessment and recommendation (saksinnstilling)."""

    class Anbefaling(models.TextChoices):
        INNVILGE = "innvilge", _("Innvilge")
        AVSLA = "avsla", _("Avslå")

    behandling = models.OneToOneField(
        Behandling, on_delete=models.CASCADE, related_name="innstilling"
    )
    vurdering = models.TextField(_("vurdering mot tildelingskriteriene"))
    anbefaling = models.CharField(_("anbefaling"), max_length=10, choices=Anbefaling.choices)
    pot = models.ForeignKey(
        Pot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pott"),
    )
    belop = models.PositiveBigIntegerField(_("beløp (kr)"), null=True, blank=True)
    vilkar = models.TextField(_("vilkår"), blank=True)
    startdato = models.DateField(_("prosjektstart"), null=True, blank=True)
    sluttdato = models.DateField(_("prosjektslutt"), null=True, blank=True)
    rapportering = models.TextField(_("rapportering"), blank=True)
    utbetaling = models.TextField(_("utbetalingsvilkår"), blank=True)
    delmal = models.ManyToManyField(Delmal, blank=True, related_name="+", verbose_name=_("delmål"))
    nye_arbeidsplasser = models.PositiveIntegerField(_("forventede nye arbeidsplasser"), default=0)
    sikrede_arbeidsplasser = models.PositiveIntegerField(
        _("forventede sikrede arbeidsplasser"), default=0
    )
    bagatellmessig = models.BooleanField(_("bagatellmessig støtte"), default=True)
    bagatell_vurdering = models.TextField(_("vurdering av bagatellmessig støtte"), blank=True)
    begrunnelse = models.TextField(_("begrunnelse (står i brevet)"))
    til_styret = models.BooleanField(_("legg saken fram for styret"), default=False)
    laget_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    endret = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("innstilling")
        verbose_name_plural = _("innstillinger")

    def __str__(self):
        return f"{self.get_anbefaling_display()} ({self.behandling_id})"

    @property
    def innvilge(self) -> bool:
        return self.anbefaling == self.Anbefaling.INNVILGE


class Habilitet(models.Model):
    """A board member's impartiality declaration for one case (forvaltningsloven § 6)."""

    class Grunn(models.TextChoices):
        PART = "part", _("Er selv part i saken")
        SLEKT = "slekt", _("Er i slekt eller svogerskap med en part")
        EKTEFELLE = "ektefelle", _("Er gift, samboer eller forlovet med en part")
        VERGE = "verge", _("Er verge eller fullmektig for en part")
        LEDER = "leder", _("Er leder eller styremedlem i søkerorganisasjonen")
        ANSATT = "ansatt", _("Er ansatt hos eller har ledende stilling hos en part")

    behandling = models.ForeignKey(Behandling, on_delete=models.CASCADE, related_name="habilitet")
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    grunner = models.JSONField(_("grunner etter § 6 første ledd"), default=list, blank=True)
    andre_forhold = models.TextField(_("andre særegne forhold (§ 6 annet ledd)"), blank=True)
    inhabil = models.BooleanField(_("inhabil"))
    erklart = models.DateTimeField(_("erklært"), auto_now_add=True)

    class Meta:
        verbose_name = _("habilitetserklæring")
        verbose_name_plural = _("habilitetserklæringer")
        constraints = [
            models.UniqueConstraint(fields=["behandling", "medlem"], name="habilitet_en_per_medlem")
        ]

    def __str__(self):
        return f"{self.medlem_id}: {'inhabil' if self.inhabil else 'habil'}"


class Stemme(models.Model):
    class Valg(models.TextChoices):
        FOR = "for", _("For innstillingen")
        MOT = "mot", _("Mot innstillingen")
        AVSTAR = "avstar", _("Avstår")

    behandling = models.ForeignKey(Behandling, on_delete=models.CASCADE, related_name="stemmer")
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    valg = models.CharField(_("stemme"), max_length=10, choices=Valg.choices)
    kommentar = models.TextField(_("kommentar"), blank=True)
    avgitt = models.DateTimeField(_("avgitt"), auto_now_add=True)

    class Meta:
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        ordering = ["avgitt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["behandling", "medlem"], name="stemme_en_per_medlem")
        ]

    def __str__(self):
        return f"{self.medlem_id}: {self.valg}"


class Bekreftelse(models.TextChoices):
    """In what role a board decision was confirmed (forvaltningsloven § 6: a disqualified
    chair takes no part, and an acting chair leads the case instead)."""

    STYRELEDER = "styreleder", _("styreleder")
    SETTESTYRELEDER = "settestyreleder", _("settestyreleder")


class Vedtak(models.Model):
    """The decision: granted or rejected, by whom, with the reasons the letter carries."""

    class Utfall(models.TextChoices):
        INNVILGET = "innvilget", _("Innvilget")
        AVSLATT = "avslatt", _("Avslått")

    behandling = models.OneToOneField(Behandling, on_delete=models.PROTECT, related_name="vedtak")
    utfall = models.CharField(_("utfall"), max_length=10, choices=Utfall.choices)
    organ = models.CharField(_("vedtatt av"), max_length=20, choices=Behandling.Organ.choices)
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

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")

    def __str__(self):
        return self.referanse

    @property
    def innvilget(self) -> bool:
        return self.utfall == self.Utfall.INNVILGET

    @property
    def stemmelikhet_uten_leder(self) -> bool:
        """The board's vote was a tie and the chair leading the case (styreleder or
        settestyreleder) voted neither for nor against: there was no majority for a grant,
        so the application was rejected."""
        return (
            self.organ == Behandling.Organ.STYRET
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


class Brev(models.Model):
    """A letter in the case file, kept exactly as it was sent."""

    class Type(models.TextChoices):
        TILSAGNSBREV = "tilsagnsbrev", _("Tilsagnsbrev")
        AVSLAGSBREV = "avslagsbrev", _("Avslagsbrev")

    behandling = models.ForeignKey(Behandling, on_delete=models.CASCADE, related_name="brev")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    sprak = models.CharField(_("språk"), max_length=2)
    filnavn = models.CharField(_("filnavn"), max_length=200)
    pdf = models.BinaryField(_("PDF"))
    laget = models.DateTimeField(_("laget"), auto_now_add=True)

    class Meta:
        verbose_name = _("brev")
        verbose_name_plural = _("brev")
        ordering = ["laget", "id"]

    def __str__(self):
        return self.filnavn


class Sakshendelse(models.Model):
    """What happened in the case and who did it, for the case's history."""

    class Type(models.TextChoices):
        STARTET = "startet", _("Saksbehandling startet")
        KOMPLETT = "komplett", _("Søknaden er komplett")
        OPPLYSNINGER_BEDT = "opplysninger_bedt", _("Søker bedt om opplysninger")
        SVAR_MOTTATT = "svar_mottatt", _("Svar fra søker mottatt")
        SVARFRIST_UTE = "svarfrist_ute", _("Svarfristen gikk ut")
        SVARFRIST_FORLENGET = "svarfrist_forlenget", _("Svarfristen forlenget")
        INNSTILLING = "innstilling", _("Innstilling skrevet")
        UNNTAK = "unntak", _("Unntak fra offentlighet endret")
        TIL_STYRET = "til_styret", _("Lagt fram for styret")
        DELEGERT = "delegert", _("Til vedtak hos programleder (delegert)")
        SAKSLISTE = "saksliste", _("Satt på sakslisten til styremøte")
        HABILITET = "habilitet", _("Habilitet erklært")
        INHABIL = "inhabil", _("Medlem inhabil")
        STEMME = "stemme", _("Stemme avgitt")
        VEDTAK = "vedtak", _("Vedtak fattet")
        BREV = "brev", _("Brev sendt")
        AKSEPTERT = "akseptert", _("Tilsagn akseptert")
        BORTFALT = "bortfalt", _("Tilsagn falt bort")
        TRUKKET = "trukket", _("Trukket av søker")
        AVBRUTT = "avbrutt", _("Avsluttet av programleder")

    behandling = models.ForeignKey(Behandling, on_delete=models.CASCADE, related_name="hendelser")
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    tidspunkt = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    utfort_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tekst = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("sakshendelse")
        verbose_name_plural = _("sakshendelser")
        ordering = ["tidspunkt", "id"]

    def __str__(self):
        return self.get_type_display()


UNNTAK_HJEMMEL = "offentleglova § 13, jf. forvaltningsloven § 13 første ledd nr. 2"


class Unntak(models.Model):
    """A part of an application exempt from public access (offentleglova § 13): one of its
    text fields or sections, or one attachment. Everything else, and the decision, is public."""

    class Felt(models.TextChoices):
        KORT_BESKRIVELSE = "kort_beskrivelse", _("Kort beskrivelse")
        BAKGRUNN = "bakgrunn", _("Bakgrunn")
        MAL = "mal", _("Mål (hovedmål og delmål)")
        FORANKRING = "forankring", _("Forankring")
        ORGANISERING = "organisering", _("Organisering av prosjektet")
        AKTIVITETER = "aktiviteter", _("Aktiviteter")
        KOSTNADER = "kostnader", _("Kostnadsplan")
        FINANSIERING = "finansiering", _("Finansieringsplan")

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="unntak")
    felt = models.CharField(_("felt"), max_length=20, choices=Felt.choices, blank=True)
    vedlegg = models.ForeignKey(
        Vedlegg,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unntak",
        verbose_name=_("vedlegg"),
    )
    hjemmel = models.CharField(_("hjemmel"), max_length=300, default=UNNTAK_HJEMMEL)
    merket_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merket = models.DateTimeField(_("merket"), auto_now_add=True)

    class Meta:
        verbose_name = _("unntak fra offentlighet")
        verbose_name_plural = _("unntak fra offentlighet")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(felt="") & Q(vedlegg__isnull=False))
                | (~Q(felt="") & Q(vedlegg__isnull=True)),
                name="unntak_felt_eller_vedlegg",
            ),
            models.UniqueConstraint(
                fields=["soknad", "felt"], condition=~Q(felt=""), name="unntak_ett_per_felt"
            ),
            models.UniqueConstraint(
                fields=["vedlegg"],
                condition=Q(vedlegg__isnull=False),
                name="unntak_ett_per_vedlegg",
            ),
        ]

    def __str__(self):
        return self.get_felt_display() if self.felt else str(self.vedlegg)
