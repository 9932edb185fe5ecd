"""Writes of case handling: `from workflow.services import sak_start`.

Every change to a case goes through these services; the flows order the steps and say who
does them, and route only on the state the services set."""

from .avslutning import on_sak_ended
from .brev import vedtak_brev_send, vedtak_brev_sweep
from .habilitet import (
    habilitet_change,
    habilitet_rule,
    saksbehandler_assign,
    saksbehandler_check,
    saksbehandler_declare,
    settestyreleder_elect,
)
from .innstilling import innstilling_save, vurdering_save
from .klage import klage_dismiss, klage_late_decide, klage_register
from .klage_avgjorelse import klage_body_decision, klage_forward, klage_review
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
from .omgjoring import omgjoring_comment, omgjoring_decide, omgjoring_notify
from .omgjoring_brev import omgjoring_brev_send, omgjoring_brev_sweep
from .stotteregister import stotteregister_mark
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
    "habilitet_change",
    "habilitet_declare",
    "habilitet_rule",
    "innstilling_save",
    "klage_body_decision",
    "klage_dismiss",
    "klage_forward",
    "klage_late_decide",
    "klage_register",
    "klage_review",
    "kontroll_record",
    "mote_create",
    "mote_update",
    "omgjoring_brev_send",
    "omgjoring_brev_sweep",
    "omgjoring_comment",
    "omgjoring_decide",
    "omgjoring_notify",
    "on_sak_ended",
    "opplysninger_answer",
    "opplysninger_extend",
    "opplysninger_request",
    "sak_close",
    "sak_complete",
    "sak_prosess_link",
    "sak_start",
    "sak_withdraw",
    "saksbehandler_assign",
    "saksbehandler_check",
    "saksbehandler_declare",
    "settestyreleder_elect",
    "stemme_cast",
    "stotteregister_mark",
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
