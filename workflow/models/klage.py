"""The appeal (klage): a case of its own kind, about one decision of another case."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Klage(models.Model):
    """An applicant's appeal against a decision (forvaltningsloven §§ 28–36).

    `paklaget` is the case whose decision is appealed and `vedtak` that decision; the appeal
    is handled in a case of its own (`Sak.klage`). The state is the appeal case's
    (`workflow/services/klagetilstand.py`)."""

    class Status(models.TextChoices):
        FOR_SENT = "for_sent", _("Kommet for sent: venter på om klagen skal behandles")
        UNDERINSTANS = "underinstans", _("Til ny vurdering hos vedtaksorganet")
        TIL_OVERSENDELSE = "til_oversendelse", _("Vedtaket opprettholdt: klagen forberedes")
        OVERSENDT = "oversendt", _("Sendt til klageorganet")
        OMGJORT = "omgjort", _("Vedtaket er endret av vedtaksorganet")
        AVVIST = "avvist", _("Klagen er avvist")
        AVGJORT = "avgjort", _("Avgjort av klageorganet")

    class Kanal(models.TextChoices):
        MIN_SIDE = "min_side", _("Min side")
        BREV = "brev", _("Brev eller e-post")

    class Resultat(models.TextChoices):
        STADFESTET = "stadfestet", _("Klagen er ikke tatt til følge (vedtaket stadfestet)")
        OMGJORT = "omgjort", _("Klagen er tatt til følge (vedtaket endret)")
        DELVIS = "delvis", _("Klagen er delvis tatt til følge")
        OPPHEVET = "opphevet", _("Vedtaket er opphevet og sendt tilbake til ny behandling")

    paklaget = models.ForeignKey(
        "workflow.Sak", on_delete=models.PROTECT, related_name="klager", verbose_name=_("sak")
    )
    vedtak = models.ForeignKey(
        "workflow.Vedtak",
        on_delete=models.PROTECT,
        related_name="klager",
        verbose_name=_("påklaget vedtak"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    kanal = models.CharField(_("mottatt via"), max_length=20, choices=Kanal.choices)
    begrunnelse = models.TextField(_("klagens begrunnelse"))
    onsket_belop = models.PositiveBigIntegerField(
        _("beløp klageren ber om (kr)"), null=True, blank=True
    )
    vedtak_mottatt = models.DateField(_("vedtaksbrevet mottatt"))
    sendt = models.DateField(_("klagen sendt"), null=True, blank=True)
    mottatt = models.DateField(_("klagen mottatt"))
    frist = models.DateField(_("klagefristen gikk ut"))
    for_sent = models.BooleanField(_("kommet for sent"), default=False)
    fristbegrunnelse = models.TextField(
        _("begrunnelse for å behandle klagen etter fristen"), blank=True
    )
    avvisningsgrunn = models.TextField(_("grunn til avvisning"), blank=True)
    underinstans_begrunnelse = models.TextField(_("vedtaksorganets vurdering"), blank=True)
    underinstans_vurdert = models.DateTimeField(_("vurdert av vedtaksorganet"), null=True)
    oversendt = models.DateTimeField(_("sendt til klageorganet"), null=True, blank=True)
    klageorgan = models.CharField(_("klageorgan"), max_length=200, blank=True)
    resultat = models.CharField(
        _("klageorganets avgjørelse"), max_length=20, choices=Resultat.choices, blank=True
    )
    resultat_dato = models.DateField(_("klageorganets vedtaksdato"), null=True, blank=True)
    resultat_begrunnelse = models.TextField(_("klageorganets begrunnelse"), blank=True)
    registrert_av = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        ordering = ["opprettet", "id"]

    def __str__(self):
        return _("Klage på %(ref)s") % {"ref": self.vedtak.referanse}

    @property
    def tittel(self) -> str:
        return _("Klage: %(tittel)s") % {"tittel": self.paklaget.tittel}

    @property
    def apen(self) -> bool:
        return self.status in APNE


APNE = (
    Klage.Status.FOR_SENT,
    Klage.Status.UNDERINSTANS,
    Klage.Status.TIL_OVERSENDELSE,
    Klage.Status.OVERSENDT,
)
