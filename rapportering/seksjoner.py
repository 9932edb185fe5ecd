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
    from rapportering.selectors import delmal, indikatorer, mal

    return [
        Seksjon(
            "mal", _("Mål og resultater"), mal.bygg, _("Arbeidsplasser mot handlingsplanens mål.")
        ),
        Seksjon(
            "delmal",
            _("Delmål"),
            delmal.bygg,
            _("Delmålene: prosjekter igangsatt og gjennomført, og om målet er nådd."),
        ),
        Seksjon(
            "indikatorer",
            _("Måleindikatorer"),
            indikatorer.bygg,
            _("Effektmålene år for år, slik programlederen har registrert dem."),
        ),
    ]


def finn(slug: str) -> Seksjon | None:
    return next((s for s in alle() if s.slug == slug), None)


TITTEL = _("Rapportering")
