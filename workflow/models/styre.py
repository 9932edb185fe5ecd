"""The board in a case: each member's impartiality declaration and vote."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .sak import Sak

USER = settings.AUTH_USER_MODEL


class Habilitet(models.Model):
    """A board member's impartiality declaration for one case (forvaltningsloven § 6)."""

    class Grunn(models.TextChoices):
        """The grounds of § 6 first paragraph (a–e), each of which disqualifies by itself.
        Other special circumstances, an ordinary job with a party among them, are weighed
        under the second paragraph."""

        PART = "part", _("a) Er selv part i saken")
        SLEKT = (
            "slekt",
            _(
                "b) Er i slekt eller svogerskap med en part i opp- eller nedstigende linje eller i "
                "sidelinje så nær som søsken"
            ),
        )
        EKTEFELLE = (
            "ektefelle",
            _("c) Er eller har vært gift med, er samboer med eller forlovet med en part"),
        )
        FOSTER = "foster", _("c) Er fosterforelder eller fosterbarn til en part")
        VERGE = "verge", _("d) Er eller har vært verge eller fullmektig for en part i saken")
        LEDER = (
            "leder",
            _("e) Er leder, har ledende stilling eller er styremedlem i søkerorganisasjonen"),
        )

    class Rolle(models.TextChoices):
        STYREMEDLEM = "styremedlem", _("styremedlem")
        SAKSBEHANDLER = "saksbehandler", _("saksbehandler")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="habilitet")
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    rolle = models.CharField(
        _("rolle i saken"), max_length=20, choices=Rolle.choices, default=Rolle.STYREMEDLEM
    )
    grunner = models.JSONField(_("grunner etter § 6 første ledd"), default=list, blank=True)
    andre_forhold = models.TextField(_("andre særegne forhold (§ 6 annet ledd)"), blank=True)
    # Empty while the board has not ruled on a question the member put to it (§ 8 annet ledd).
    inhabil = models.BooleanField(_("inhabil"), null=True)
    tvil = models.BooleanField(_("styret avgjør"), default=False)
    begrunnelse = models.TextField(_("styrets begrunnelse"), blank=True)
    avgjort = models.DateTimeField(_("avgjort av styret"), null=True, blank=True)
    avgjort_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erklart = models.DateTimeField(_("erklært"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), null=True, blank=True)

    class Meta:
        verbose_name = _("habilitetserklæring")
        verbose_name_plural = _("habilitetserklæringer")
        constraints = [
            models.UniqueConstraint(
                fields=["sak", "medlem", "rolle"], name="habilitet_en_per_medlem_og_rolle"
            )
        ]

    def __str__(self):
        return f"{self.medlem_id}: {'inhabil' if self.inhabil else 'habil'}"

    @property
    def venter_pa_styret(self) -> bool:
        return self.tvil and self.avgjort is None


class Habilitetsstemme(models.Model):
    """A member's position when the board rules on another member's impartiality."""

    habilitet = models.ForeignKey(
        Habilitet, on_delete=models.CASCADE, related_name="avgjorelse_stemmer"
    )
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    inhabil = models.BooleanField(_("mener inhabil"))

    class Meta:
        verbose_name = _("stemme om habilitet")
        verbose_name_plural = _("stemmer om habilitet")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["habilitet", "medlem"], name="habilitetsstemme_en_per_medlem"
            )
        ]

    def __str__(self):
        return f"{self.medlem_id}: {self.inhabil}"


class Settestyreleder(models.Model):
    """The board's election of an acting chair for one case, when the chair is disqualified
    and the program has no eligible deputy chair."""

    sak = models.OneToOneField(Sak, on_delete=models.CASCADE, related_name="settestyreleder")
    valgt = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("valgt")
    )
    deltakere = models.ManyToManyField(USER, related_name="+", verbose_name=_("deltok i valget"))
    registrert_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merknad = models.TextField(_("merknad"), blank=True)
    valgt_tid = models.DateTimeField(_("valgt"), auto_now_add=True)

    class Meta:
        verbose_name = _("settestyreleder")
        verbose_name_plural = _("settestyreledere")

    def __str__(self):
        return f"{self.sak_id}: {self.valgt_id}"


class Stemme(models.Model):
    class Valg(models.TextChoices):
        FOR = "for", _("For innstillingen")
        MOT = "mot", _("Mot innstillingen")
        AVSTAR = "avstar", _("Avstår")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="stemmer")
    medlem = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    valg = models.CharField(_("stemme"), max_length=10, choices=Valg.choices)
    kommentar = models.TextField(_("kommentar"), blank=True)
    avgitt = models.DateTimeField(_("avgitt"), auto_now_add=True)

    class Meta:
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        ordering = ["avgitt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sak", "medlem"], name="stemme_en_per_medlem")
        ]

    def __str__(self):
        return f"{self.medlem_id}: {self.valg}"


class Bekreftelse(models.TextChoices):
    """In what role a board decision was confirmed (forvaltningsloven § 6: a disqualified
    chair takes no part, and an acting chair leads the case instead)."""

    STYRELEDER = "styreleder", _("styreleder")
    SETTESTYRELEDER = "settestyreleder", _("settestyreleder")
