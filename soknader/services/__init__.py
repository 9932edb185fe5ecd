"""Writes of the soknader app: drafts and their steps, attachments, submitting, withdrawing.

Each service locks the rows it changes, checks the application's status through
`SoknadStatus`, saves, records what happened, and schedules side effects on commit.
"""

from felles.errors import DomainError

from .innlogging import innloggingslenke_request
from .innsending import (
    SoknadIncomplete,
    _submitted_receivers,
    innsendt_pdf_ensure,
    on_submitted,
    soknad_submit,
    soknad_withdraw,
)
from .steg import (
    Melding,
    Stegresultat,
    soknad_enhet_fill,
    soknad_okonomi_save,
    soknad_organisasjon_save,
    soknad_prosjekt_save,
)
from .tilstand import WITHDRAWABLE, SoknadStatus, status_move
from .utkast import (
    DRAFT_FIELDS,
    soknad_create,
    soknad_draft_delete,
    soknad_draft_save,
    utkast_token_issue,
)
from .vedlegg import vedlegg_add, vedlegg_delete, vedlegg_filtype_check

__all__ = [
    "DRAFT_FIELDS",
    "WITHDRAWABLE",
    "DomainError",
    "Melding",
    "SoknadIncomplete",
    "SoknadStatus",
    "Stegresultat",
    "_submitted_receivers",
    "innloggingslenke_request",
    "innsendt_pdf_ensure",
    "on_submitted",
    "soknad_create",
    "soknad_draft_delete",
    "soknad_draft_save",
    "soknad_enhet_fill",
    "soknad_okonomi_save",
    "soknad_organisasjon_save",
    "soknad_prosjekt_save",
    "soknad_submit",
    "soknad_withdraw",
    "status_move",
    "utkast_token_issue",
    "vedlegg_add",
    "vedlegg_delete",
    "vedlegg_filtype_check",
]
