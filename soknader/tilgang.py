"""Who may see a submitted application: its case page, its attachments, the PDF of what was
sent and its letters all ask `soknad_access` (docs/security.md).

- Staff who read everything (administrator, programleder, styreleder, observatør) see every
  submitted application, as case handlers.
- Others on staff see it as case handlers only where the case app says so: it registers, from
  its AppConfig.ready, `case_access_register(check)`, and `check(user, soknad)` is true for a
  board member with a task in the application's case. soknader does not know the case app.
- An applicant sees it as its applicant when Min side lists it for them.
- A draft is no one's here: its files are for the browser holding the draft (soknader.lenker).
"""

import enum
from collections.abc import Callable

from felles.access import may_read_all

from .models import Soknad
from .selectors import soknader_for_user

CaseAccessCheck = Callable[[object, Soknad], bool]
_case_access: list[CaseAccessCheck] = []


class Adgang(enum.Enum):
    INGEN = "ingen"
    SOKER = "soker"  # the applicant: Min side, the files, the letters
    SAKSBEHANDLING = "saksbehandling"  # staff: the case page too


def case_access_register(check: CaseAccessCheck) -> None:
    """Let `check(user, soknad)` grant a member of staff the case of an application."""
    if check not in _case_access:
        _case_access.append(check)


def soknad_access(user, soknad: Soknad) -> Adgang:
    """How `user` may see the submitted application `soknad`."""
    if soknad.er_utkast or not getattr(user, "is_authenticated", False):
        return Adgang.INGEN
    if may_read_all(user) or any(check(user, soknad) for check in _case_access):
        return Adgang.SAKSBEHANDLING
    if soknader_for_user(user).filter(pk=soknad.pk).exists():
        return Adgang.SOKER
    return Adgang.INGEN


def soknad_visible_to(user, soknad: Soknad) -> bool:
    """May `user` read this application's files, its PDF and its letters?"""
    return soknad_access(user, soknad) is not Adgang.INGEN
