"""A phase's documents: the mandate (forstudie) or the project plan (forprosjekt,
hovedprosjekt) as structured fields, its milestones, and the decision point's names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Program

from .prosjekt import Fase


class Fasedokument(models.Model):
    """The mandate of a forstudie, or the project plan of a forprosjekt or hovedprosjekt.

    A mandate uses problem, goal, scope and activities; a plan also organisation,
    stakeholders, risks and the status reporting. The budget is the phase's budget lines."""

    fase = models.OneToOneField(Fase, on_delete=models.CASCADE, related_name="dokument")
    problem = models.TextField(_("problemstilling"), blank=True)
    mal = models.TextField(_("mål"), blank=True)
    omfang = models.TextField(_("omfang og avgrensning"), blank=True)
    aktiviteter = models.TextField(_("aktiviteter med tid og ressurser"), blank=True)
    organisering = models.TextField(_("organisering"), blank=True)
    interessenter = models.TextField(_("interessenter"), blank=True)
    risiko = models.TextField(_("risiko"), blank=True)
    statusrapportering = models.TextField(_("statusrapportering"), blank=True)
    rapportintervall_maneder = models.PositiveSmallIntegerField(
        _("statusrapport hver (måneder)"), default=3
    )

    class Meta:
        verbose_name = _("mandat eller prosjektplan")
        verbose_name_plural = _("mandater og prosjektplaner")

    def __str__(self):
        return str(self.fase)


class Milepael(models.Model):
    """A milestone or decision point in a phase's plan."""

    fase = models.ForeignKey(Fase, on_delete=models.CASCADE, related_name="milepaeler")
    navn = models.CharField(_("milepæl"), max_length=200)
    frist = models.DateField(_("frist"))
    ressurser = models.CharField(_("ressurser"), max_length=300, blank=True)
    er_beslutningspunkt = models.BooleanField(_("beslutningspunkt"), default=False)

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")
        ordering = ["fase", "frist", "id"]

    def __str__(self):
        return self.navn


class Beslutningspunktnavn(models.Model):
    """A program's own name for a decision point (BP1–BP4); without a row the default holds."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    navn = models.CharField(_("navn"), max_length=100)

    class Meta:
        verbose_name = _("navn på beslutningspunkt")
        verbose_name_plural = _("navn på beslutningspunkter")
        constraints = [
            models.UniqueConstraint(fields=["program", "nummer"], name="plp_bp_navn_unik")
        ]

    def __str__(self):
        return self.navn
