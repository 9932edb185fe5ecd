"""The case, its rules per program, the board's meetings, letters and history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Program
from soknader.models import Soknad

USER = settings.AUTH_USER_MODEL

TILDELINGSKRITERIER = (
    "Prosjektet skal bidra til nye eller sikrede arbeidsplasser i kommunen, passe inn i en "
    "strategi i årets handlingsplan, være forankret hos søkeren og ha en realistisk plan for "
    "gjennomføring og finansiering."
)


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
    vurderingsfrist_dager = models.PositiveSmallIntegerField(
        _("frist for vurdering (dager)"), default=30
    )
    svarfrist_dager = models.PositiveSmallIntegerField(_("søkers svarfrist (dager)"), default=14)
    merknadsfrist_dager = models.PositiveSmallIntegerField(
        _("frist for merknader til forhåndsvarsel (dager)"), default=14
    )
    tildelingskriterier = models.TextField(
        _("tildelingskriterier"),
        blank=True,
        default=TILDELINGSKRITERIER,
        help_text=_("Programmets kriterier for tilskudd, slik de står i vedtaksbrevene."),
    )
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
            "eller ikke satt, velger styret en settestyreleder i saken."
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


# The fields that name what a case is about; a case has exactly one of them.
EMNER = ("soknad", "klage", "sluttrapport", "endringssoknad", "plp_utbetaling")


def _exactly_one_of(fields: tuple[str, ...]) -> Q:
    """Q: exactly one of `fields` is set (one alternative per field, the others empty)."""
    condition = Q()
    for chosen in fields:
        condition |= Q(**{f"{f}__isnull": f != chosen for f in fields})
    return condition


class Sak(models.Model):
    """A case: one matter handled from its start to its decision and what follows it.

    A case is about exactly one subject (today an application; a phase application, a payout
    request, a final report, a change request or an appeal are subjects of their own kind).
    Each subject is an explicit relation, and a database constraint holds that exactly one
    is set. `saksnummer` is the case's one number, shown everywhere."""

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
        OPPHEVET = "opphevet", _("Tilsagnet er opphevet")
        KLAGE = "klage", _("Klage under behandling")
        KLAGE_AVSLUTTET = "klage_avsluttet", _("Klagesaken er avsluttet")
        # Cases of a project (plp): a final report is approved, a change request granted.
        GODKJENT = "godkjent", _("Godkjent")
        INNVILGET = "innvilget", _("Innvilget")

    class Organ(models.TextChoices):
        PROGRAMLEDER = "programleder", _("Programleder (delegert)")
        STYRET = "styret", _("Styret")
        KLAGEORGAN = "klageorgan", _("Klageorganet")

    soknad = models.OneToOneField(
        Soknad,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sak",
        verbose_name=_("søknad"),
    )
    klage = models.OneToOneField(
        "workflow.Klage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sak",
        verbose_name=_("klage"),
    )
    # A project's own cases (plp); workflow names them by string and never imports plp.
    plp_utbetaling = models.OneToOneField(
        "plp.Utbetaling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sak",
        verbose_name=_("utbetalingsanmodning"),
    )
    sluttrapport = models.OneToOneField(
        "plp.Sluttrapport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sak",
        verbose_name=_("sluttrapport"),
    )
    endringssoknad = models.OneToOneField(
        "plp.Endringssoknad",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sak",
        verbose_name=_("endringssøknad"),
    )
    saksnummer = models.CharField(_("saksnummer"), max_length=20, unique=True)
    prosess = models.OneToOneField(
        "viewflow.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sak_for_prosess",
        verbose_name=_("prosess"),
    )
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
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["-opprettet", "-id"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            # Exactly one subject; each new kind of subject adds its field to EMNER.
            models.CheckConstraint(
                condition=_exactly_one_of(EMNER),
                name="sak_har_ett_emne",
            ),
        ]

    def __str__(self):
        return f"{self.saksnummer}: {self.get_status_display()}"

    @property
    def emne(self):
        """The case's subject (one of the subject relations is set)."""
        return (
            self.soknad
            or self.klage
            or self.sluttrapport
            or self.endringssoknad
            or self.plp_utbetaling
        )

    @property
    def gjelder_soknad(self):
        """The application the case is about, also for an appeal against its decision."""
        return self.soknad if self.soknad_id else self.klage.paklaget.soknad

    @property
    def tittel(self) -> str:
        return self.emne.tittel


class Brev(models.Model):
    """A letter in the case file, kept exactly as it was sent."""

    class Type(models.TextChoices):
        TILSAGNSBREV = "tilsagnsbrev", _("Tilsagnsbrev")
        AVSLAGSBREV = "avslagsbrev", _("Avslagsbrev")
        AVVISNINGSBREV = "avvisningsbrev", _("Avvisningsbrev")
        OPPHEVELSESBREV = "opphevelsesbrev", _("Vedtak om oppheving av tilsagn")
        OMGJORINGSBREV = "omgjoringsbrev", _("Vedtak etter klage")
        OVERSENDELSE = "oversendelse", _("Klagen er sendt til klageorganet")
        KLAGEVEDTAK = "klagevedtak", _("Klageorganets vedtak")
        UTBETALINGSBREV = "utbetalingsbrev", _("Vedtak om redusert utbetaling")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="brev")
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


class Hendelse(models.Model):
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
        HABILITET_ENDRET = "habilitet_endret", _("Habilitetserklæring endret")
        HABILITET_TVIL = "habilitet_tvil", _("Styret bedt om å avgjøre habilitet")
        HABILITET_AVGJORT = "habilitet_avgjort", _("Styret avgjorde habilitet")
        SAKSBEHANDLER_HABIL = "saksbehandler_habil", _("Saksbehandler erklærte seg habil")
        SAKSBEHANDLER_INHABIL = "saksbehandler_inhabil", _("Saksbehandler inhabil")
        SAKSBEHANDLER_TILDELT = "saksbehandler_tildelt", _("Saken tildelt ny saksbehandler")
        SETTESTYRELEDER = "settestyreleder", _("Settestyreleder valgt")
        STEMME = "stemme", _("Stemme avgitt")
        VEDTAK = "vedtak", _("Vedtak fattet")
        BREV = "brev", _("Brev sendt")
        AKSEPTERT = "akseptert", _("Tilsagn akseptert")
        BORTFALT = "bortfalt", _("Tilsagn falt bort")
        TRUKKET = "trukket", _("Trukket av søker")
        AVBRUTT = "avbrutt", _("Avsluttet av programleder")
        OMGJORING_VARSLET = "omgjoring_varslet", _("Forhåndsvarsel om oppheving sendt")
        MERKNAD = "merknad", _("Merknad fra søker mottatt")
        OPPHEVET = "opphevet", _("Tilsagnet er opphevet")
        OMGJORING_HENLAGT = "omgjoring_henlagt", _("Omgjøringssaken er henlagt")
        STOTTEREGISTER = "stotteregister", _("Rapportert til støtteregisteret")
        KLAGE_MOTTATT = "klage_mottatt", _("Klage mottatt")
        KLAGE_FOR_SENT = "klage_for_sent", _("Klage kommet for sent")
        KLAGE_BEHANDLES = "klage_behandles", _("Klage behandles selv om fristen er ute")
        KLAGE_AVVIST = "klage_avvist", _("Klage avvist")
        KLAGE_OMGJORT = "klage_omgjort", _("Vedtaket endret etter klage")
        KLAGE_OPPRETTHOLDT = "klage_opprettholdt", _("Vedtaket opprettholdt etter ny vurdering")
        KLAGE_OVERSENDT = "klage_oversendt", _("Klage sendt til klageorganet")
        KLAGE_AVGJORT = "klage_avgjort", _("Klageorganets avgjørelse registrert")
        AKSEPTFRIST_NY = "akseptfrist_ny", _("Ny frist for aksept etter klage")
        UTBETALT = "utbetalt", _("Utbetaling betalt")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="hendelser")
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    tidspunkt = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    utfort_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tekst = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("hendelse i saken")
        verbose_name_plural = _("hendelser i saken")
        ordering = ["tidspunkt", "id"]

    def __str__(self):
        return self.get_type_display()
