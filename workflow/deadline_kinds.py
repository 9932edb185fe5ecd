"""The kinds of deadline the case handling owns, registered with notifications' reminders.

`register()` runs from WorkflowConfig.ready; services name a kind as `Frist.AKSEPT`.
The reminder rules per kind are rows (edited in the admin), seeded by notifications'
migration 0002.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.registry import deadline_kind_register


class Frist(models.TextChoices):
    KOMPLETTHETSKONTROLL = "kompletthetskontroll", _("Kompletthetskontroll")
    VURDERING = "vurdering", _("Vurdering av søknad")
    STEMME = "stemme", _("Stemme i styret")
    SVAR_FRA_SOKER = "svar_fra_soker", _("Søkers svar på forespørsel")
    AKSEPT = "aksept", _("Aksept av tilsagn")
    MERKNAD = "merknad", _("Søkers merknader til forhåndsvarsel")
    STATUSRAPPORT = "statusrapport", _("Statusrapport")
    SLUTTRAPPORT = "sluttrapport", _("Sluttrapport")
    UTBETALING = "utbetaling", _("Utbetalingsanmodning")
    KLAGE_VURDERING = "klage_vurdering", _("Klage: ny vurdering hos vedtaksorganet")
    KLAGE_OVERSENDELSE = "klage_oversendelse", _("Klage: oversendelse til klageorganet")
    KLAGE_KLAGEORGAN = "klage_klageorgan", _("Klage: oppfølging av klageorganets avgjørelse")


def register() -> None:
    for kind in Frist:
        deadline_kind_register(kind.value, kind.label)
