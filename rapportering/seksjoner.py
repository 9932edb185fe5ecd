"""The sections of the reporting pages, in the order the board reads them.

Each section is built by one function `bygg(program, ar)` of a selector module, returning a
`Rapportdel` (tables and charts); `ar` is one year of the program, or None for the whole
period. The staff pages, the Excel and CSV files and the annual report all go through this
list, so a section added here appears everywhere."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from rapportering.tabell import Rapportdel


@dataclass(frozen=True)
class Seksjon:
    slug: str
    tittel: str
    bygg: Callable[..., Rapportdel]
    beskrivelse: str = ""


def alle() -> list[Seksjon]:
    # One line per section; the selector modules are imported here, when a page asks.
    from rapportering.selectors import delmal, indikatorer, mal, penger, planstatus, saksflyt

    return [
        Seksjon("mal", _("Mål og resultater"), mal.bygg, MAL),
        Seksjon("penger", _("Penger"), penger.bygg, PENGER),
        Seksjon("delmal", _("Delmål"), delmal.bygg, DELMAL),
        Seksjon("saksflyt", _("Saksflyt"), saksflyt.bygg, SAKSFLYT),
        Seksjon("indikatorer", _("Måleindikatorer"), indikatorer.bygg, INDIKATORER),
        Seksjon("planstatus", _("Planstatus"), planstatus.bygg, PLANSTATUS),
    ]


MAL = _("Arbeidsplasser mot handlingsplanens mål.")
PENGER = _(
    "Budsjett, omfordeling, forpliktet, utbetalt og tilgjengelig per strategi, "
    "innsatsområde og år, rett fra reskontroen; finansiering, programledertimer og "
    "andre midler prosjektene utløste."
)
DELMAL = _("Delmålene: prosjekter igangsatt og gjennomført, og om målet er nådd.")
INDIKATORER = _("Effektmålene år for år, slik programlederen har registrert dem.")
SAKSFLYT = _(
    "Søknader etter status, innsatsområde og fase; tid fra innsending til vedtak og "
    "fra vedtak til første utbetaling; hva som venter hos hvem, og hvor lenge."
)
PLANSTATUS = _("Hvert års handlingsplan fra utkast til publisert, og avvik som ikke er avklart.")


def finn(slug: str) -> Seksjon | None:
    return next((s for s in alle() if s.slug == slug), None)


TITTEL = _("Rapportering")
