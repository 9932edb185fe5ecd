"""What an application leaves behind when it is sent: case numbers, the record of what was
submitted, its own log before the case, and who may see it on Min side."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .soknad import Soknad


class Saksnummerteller(models.Model):
    """The last case number used in a year; locked with select_for_update when a number is taken."""

    ar = models.PositiveSmallIntegerField(_("år"), primary_key=True)
    siste = models.PositiveIntegerField(_("siste nummer"), default=0)

    class Meta:
        verbose_name = _("teller for saksnummer")
        verbose_name_plural = _("tellere for saksnummer")

    def __str__(self):
        return f"{self.ar}: {self.siste}"


class ImmutableError(Exception):
    pass


class InnsendtSoknad(models.Model):
    """Exactly what was submitted, as JSON, and when. Written once, never changed."""

    soknad = models.OneToOneField(Soknad, on_delete=models.PROTECT, related_name="innsendt_kopi")
    data = models.JSONField(_("innsendte opplysninger"))
    innsendt = models.DateTimeField(_("sendt inn"))

    class Meta:
        verbose_name = _("innsendt søknad")
        verbose_name_plural = _("innsendte søknader")

    def __str__(self):
        return f"{self.soknad.saksnummer} ({self.innsendt:%d.%m.%Y %H:%M})"

    def save(self, *args, **kwargs):
        # The decision refers to this record: an update would change what was decided on.
        if self.pk is not None:
            raise ImmutableError("An InnsendtSoknad is never changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("An InnsendtSoknad is never deleted.")


class InnsendtSoknadPdf(models.Model):
    """The submitted application as a PDF for the case file, made once from the snapshot
    in the applicant's language. Written once, never changed."""

    innsendt_soknad = models.OneToOneField(
        InnsendtSoknad, on_delete=models.PROTECT, related_name="pdf"
    )
    filnavn = models.CharField(_("filnavn"), max_length=100)
    sprak = models.CharField(_("språk"), max_length=2)
    innhold = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64)
    laget = models.DateTimeField(_("laget"), auto_now_add=True)

    class Meta:
        verbose_name = _("innsendt søknad som PDF")
        verbose_name_plural = _("innsendte søknader som PDF")

    def __str__(self):
        return self.filnavn

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("The PDF of a submitted application is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("The PDF of a submitted application is never deleted.")


class Soknadslogg(models.Model):
    """The application's own log before and at submission (draft created, sent, withdrawn);
    what happens in its case is the case's history (workflow.Hendelse)."""

    class Type(models.TextChoices):
        OPPRETTET = "opprettet", _("Utkast opprettet")
        SENDT = "sendt", _("Sendt inn")
        TRUKKET = "trukket", _("Trukket av søkeren")
        BAGATELL_OVER_TAK = "bagatell_over_tak", _("Bagatellmessig støtte over taket")

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="logg")
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    tidspunkt = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utført av"),
    )
    tekst = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("logg for søknaden")
        verbose_name_plural = _("logg for søknadene")
        ordering = ["tidspunkt", "id"]

    def __str__(self):
        return f"{self.get_type_display()} ({self.tidspunkt:%d.%m.%Y %H:%M})"


class Tilgang(models.Model):
    """An e-mail address that may see every application of one organisation on Min side.

    The contact person and project leader of an application see it without a row here.
    """

    orgnr = models.CharField(_("organisasjonsnummer"), max_length=9)
    epost = models.EmailField(_("e-post"))
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("tilgang til organisasjonens søknader")
        verbose_name_plural = _("tilganger til organisasjonenes søknader")
        constraints = [
            models.UniqueConstraint(fields=["orgnr", "epost"], name="tilgang_unik"),
        ]
        indexes = [models.Index(fields=["epost"])]

    def __str__(self):
        return f"{self.epost} → {self.orgnr}"
