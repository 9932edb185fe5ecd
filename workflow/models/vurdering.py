"""What the programleder does with a case: asks for information, assesses and recommends,
and marks parts of an application exempt from public access."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Delmal, Pot
from soknader.models import Soknad, Vedlegg

from .sak import Sak

USER = settings.AUTH_USER_MODEL


class Opplysningskrav(models.Model):
    """The programleder asks the applicant for what is missing; the answer comes back here."""

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="opplysningskrav")
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


# What the programleder writes in the assessment, in the order the task form shows it
# (delmal, many-to-many, is set beside the others).
INNSTILLING_FELT = (
    "vurdering",
    "anbefaling",
    "pot",
    "kostnadsgrunnlag",
    "belop",
    "vilkar",
    "startdato",
    "sluttdato",
    "rapportering",
    "utbetaling",
    "delmal",
    "nye_arbeidsplasser",
    "sikrede_arbeidsplasser",
    "bagatellmessig",
    "bagatell_vurdering",
    "begrunnelse",
    "til_styret",
)


class Innstilling(models.Model):
    """The programleder's assessment and recommendation (saksinnstilling)."""

    class Anbefaling(models.TextChoices):
        INNVILGE = "innvilge", _("Innvilge")
        AVSLA = "avsla", _("Avslå")

    sak = models.OneToOneField(Sak, on_delete=models.CASCADE, related_name="innstilling")
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
    kostnadsgrunnlag = models.PositiveBigIntegerField(
        _("godkjent kostnadsgrunnlag (kr)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000_000)],
        help_text=_("Kostnadene tilskuddet regnes av. Tomt: søknadens kostnader."),
    )
    stotteintensitet = models.PositiveSmallIntegerField(
        _("største støtteintensitet (%)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Fasens største andel av kostnadsgrunnlaget da innstillingen ble skrevet."),
    )
    belop = models.PositiveBigIntegerField(
        _("beløp (kr)"), null=True, blank=True, validators=[MaxValueValidator(1_000_000_000)]
    )
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
        return f"{self.get_anbefaling_display()} ({self.sak_id})"

    @property
    def innvilge(self) -> bool:
        return self.anbefaling == self.Anbefaling.INNVILGE


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
