"""Impact indicators (effektmål): the value the programleder entered for each indicator and
year, as a table of indicators by year and a chart per indicator over the years.

Read through handlingsplan's `indikator_oversikt`: two queries whatever the number of values.
"""

from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Program
from handlingsplan.selectors import indikator_oversikt
from rapportering.tabell import DESIMAL, TEKST, Diagram, Kolonne, Rapportdel, Serie, Tabell


def bygg(program: Program, ar: int | None = None) -> Rapportdel:
    oversikt = indikator_oversikt(program)
    arene = oversikt.arene
    tabeller, diagrammer, merknader = [], [], []
    if ar is not None:
        tabeller.append(
            Tabell(
                slug="indikatorer-ar",
                tittel=str(_("Måleindikatorer %(ar)s") % {"ar": ar}),
                kolonner=[
                    Kolonne(_("Indikator")),
                    Kolonne(_("Verdi"), DESIMAL),
                    Kolonne(_("Enhet")),
                    Kolonne(_("Kilde")),
                    Kolonne(_("Merknad")),
                ],
                rader=[
                    [rad.indikator.navn, *_detaljer(rad.verdier.get(ar))] for rad in oversikt.rader
                ],
            )
        )
    tabeller.append(
        Tabell(
            slug="indikatorer",
            tittel=str(_("Måleindikatorer per år")),
            beskrivelse=str(_("registrert av programlederen")),
            kolonner=[Kolonne(_("Indikator")), Kolonne(_("Enhet"), TEKST)]
            + [Kolonne(str(a), DESIMAL) for a in arene],
            rader=[
                [rad.indikator.navn, rad.enhet, *(_verdi(v) for v in rad.per_ar(arene))]
                for rad in oversikt.rader
            ],
        )
    )
    negative = False
    for nummer, rad in enumerate(oversikt.rader, start=1):
        verdier = [_verdi(v) for v in rad.per_ar(arene)]
        if all(v is None for v in verdier):
            continue
        slug = f"indikator-{nummer}"
        tabeller.append(
            Tabell(
                slug=slug,
                tittel=rad.indikator.navn,
                kolonner=[Kolonne(_("År")), Kolonne(_("Verdi"), DESIMAL), Kolonne(_("Kilde"))],
                rader=[
                    [str(a), _verdi(v), v.kilde if v else ""]
                    for a, v in zip(arene, rad.per_ar(arene), strict=True)
                ],
            )
        )
        negative = negative or any(v is not None and v < 0 for v in verdier)
        diagrammer.append(
            Diagram(
                tittel=rad.indikator.navn,
                kategorier=[str(a) for a in arene],
                serier=[Serie(str(_("Verdi")), [max(v, 0) if v else v for v in verdier])],
                tabell=slug,
                enhet=rad.enhet,
            )
        )
    if not oversikt.rader:
        merknader.append(str(_("Programmet har ingen måleindikatorer ennå.")))
    elif not diagrammer:
        merknader.append(str(_("Ingen verdier er registrert for indikatorene ennå.")))
    if negative:
        merknader.append(
            str(_("Negative verdier vises som null i diagrammene; tabellene har tallene."))
        )
    return Rapportdel(tabeller=tabeller, diagrammer=diagrammer, merknader=merknader)


def _verdi(verdi):
    return verdi.verdi if verdi is not None else None


def _detaljer(verdi) -> list:
    if verdi is None:
        return [None, "", "", ""]
    return [verdi.verdi, verdi.enhet, verdi.kilde, verdi.merknad]
