"""Writes of the project app: `from plp.services import statusrapport_create`.

Each service locks the phase (and the project) it changes, moves them through the state
machines in `tilstand`, moves money only through handlingsplan's ledger, and opens and
closes deadlines through `plp.frister`."""

from .beslutning import beslutningspunkt_decide, bp_navn, prosjekt_stop_early
from .dokument import fasedokument_save
from .prosjekt import (
    fase_lapse,
    fase_opprett,
    fase_opprett_sweep,
    fase_start,
    oppstart_sweep,
    sak_avsluttet,
)
from .rapporter import (
    on_sluttrapport_godkjent,
    oppfolging_record,
    sluttrapport_approve,
    sluttrapport_return,
    sluttrapport_submit,
    statusrapport_create,
    tilskudd_etter_kostnader,
)
from .referansegruppe import referansegruppe_add, referansegruppe_remove
from .restbelop import rest_lapse, rest_sweep
from .vedtak import endring_decide, endring_submit, tilbakebetaling_decide

__all__ = [
    "beslutningspunkt_decide",
    "bp_navn",
    "endring_decide",
    "endring_submit",
    "fase_lapse",
    "fasedokument_save",
    "fase_opprett",
    "fase_opprett_sweep",
    "fase_start",
    "on_sluttrapport_godkjent",
    "oppfolging_record",
    "oppstart_sweep",
    "prosjekt_stop_early",
    "referansegruppe_add",
    "referansegruppe_remove",
    "rest_lapse",
    "rest_sweep",
    "sak_avsluttet",
    "sluttrapport_approve",
    "sluttrapport_return",
    "sluttrapport_submit",
    "statusrapport_create",
    "tilbakebetaling_decide",
    "tilskudd_etter_kostnader",
]
