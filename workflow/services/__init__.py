"""Writes of case handling: `from workflow.services import sak_start`.

Every change to a case goes through these services; the flows order the steps and say who
does them, and route only on the state the services set."""

from .avslutning import on_sak_ended
from .brev import vedtak_brev_send, vedtak_brev_sweep
from .innstilling import innstilling_save, vurdering_save
from .kontroll import (
    kontroll_record,
    opplysninger_answer,
    opplysninger_extend,
    opplysninger_request,
    sak_complete,
    sak_prosess_link,
    sak_start,
)
from .moter import mote_create, mote_update
from .styre import habilitet_declare, stemme_cast
from .tilsagn import (
    sak_close,
    sak_withdraw,
    svarfrist_decide,
    tilsagn_accept,
    tilsagn_lapse,
    tilsagn_lapse_sweep,
)
from .unntak import unntak_set
from .vedtak import vedtak_confirm, vedtak_decide

__all__ = [
    "habilitet_declare",
    "innstilling_save",
    "kontroll_record",
    "mote_create",
    "mote_update",
    "on_sak_ended",
    "opplysninger_answer",
    "opplysninger_extend",
    "opplysninger_request",
    "sak_close",
    "sak_complete",
    "sak_prosess_link",
    "sak_start",
    "sak_withdraw",
    "stemme_cast",
    "svarfrist_decide",
    "tilsagn_accept",
    "tilsagn_lapse",
    "tilsagn_lapse_sweep",
    "unntak_set",
    "vedtak_brev_send",
    "vedtak_brev_sweep",
    "vedtak_confirm",
    "vedtak_decide",
    "vurdering_save",
]
