"""The one status Min side shows for an application, with what happens next and what the
applicant can do now.

Before a case exists the application's own status says it all. Once the case app has a case,
the case's status is the truth: the case app registers, from its AppConfig.ready,
`case_status_register(source)`, and `source(soknader)` returns `{soknad_id: MinSideStatus}`
for those of the applications that have a case, in a fixed number of queries. soknader does
not know the case app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Soknad

S = Soknad.Status


@dataclass(frozen=True)
class MinSideStatus:
    tekst: str  # the status in plain words
    neste: str  # what happens next
    kan_trekkes: bool = False  # "withdraw the application" is offered
    kan_takke_nei: bool = False  # a grant waits: "decline the grant" is offered
    kan_akseptere: bool = False  # a grant waits: "accept" is offered


WITHOUT_CASE = {
    S.UTKAST: MinSideStatus(
        _("Ikke sendt ennå"),
        _("Søknaden er et utkast. Fullfør den og send den inn når du er klar."),
    ),
    S.SENDT: MinSideStatus(
        _("Mottatt, venter på behandling"),
        _(
            "Programlederen går gjennom søknaden og sjekker at den er komplett. "
            "Mangler det noe, ber vi deg om det på e-post."
        ),
        kan_trekkes=True,
    ),
    S.TRUKKET: MinSideStatus(
        _("Trukket"),
        _("Du har trukket søknaden. Den blir ikke behandlet."),
    ),
}

CaseStatusSource = Callable[[Sequence[Soknad]], dict]
_sources: list[CaseStatusSource] = []


def case_status_register(source: CaseStatusSource) -> None:
    if source not in _sources:
        _sources.append(source)


def minside_status_many(soknader: Sequence[Soknad]) -> dict[int, MinSideStatus]:
    """Each application's status on Min side: its case's when it has one."""
    found = {
        s.pk: WITHOUT_CASE.get(s.status, MinSideStatus(s.get_status_display(), ""))
        for s in soknader
    }
    submitted = [s for s in soknader if not s.er_utkast]
    for source in _sources:
        if submitted:
            found.update(source(submitted))
    return found


def minside_status(soknad: Soknad) -> MinSideStatus:
    return minside_status_many([soknad])[soknad.pk]
