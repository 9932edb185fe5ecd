"""Template helpers for reports: a cell shown by its column's type, and a chart as SVG."""

from decimal import Decimal

from django import template

from felles.formatting import dato, group_thousands, kr
from rapportering.diagram import geometri
from rapportering.tabell import ANTALL, DATO, DESIMAL, KR, PROSENT, Celle

register = template.Library()


def vis(verdi, type_: str) -> str:
    if verdi is None or verdi == "":
        return "–"
    if type_ == KR:
        return kr(verdi)
    if type_ == ANTALL:
        return group_thousands(int(verdi))
    if type_ == PROSENT:
        return f"{Decimal(verdi):.1f} %".replace(".", ",")
    if type_ == DATO:
        return dato(verdi)
    if type_ == DESIMAL:
        return f"{Decimal(verdi):.1f}".replace(".", ",")
    return str(verdi)


@register.simple_tag
def celle(verdi, kolonne):
    """The cell's value shown by its column's type; a Celle's link is kept by the template."""
    if isinstance(verdi, Celle):
        verdi = verdi.verdi
    return vis(verdi, kolonne.type)


@register.filter
def lenke(verdi) -> str:
    return verdi.lenke if isinstance(verdi, Celle) else ""


@register.filter
def tallkolonne(kolonne) -> bool:
    return kolonne.type in (KR, ANTALL, PROSENT, DESIMAL)


@register.inclusion_tag("rapportering/_diagram.html")
def diagram(diagram, prefix=""):
    return {"d": diagram, "g": geometri(diagram), "id": f"{prefix}diagram-{diagram.tabell}"}


@register.simple_tag
def rapportseksjoner():
    """The reporting sections, for the staff menu."""
    from rapportering import seksjoner

    return seksjoner.alle()
