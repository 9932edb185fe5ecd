"""Sub-goals (delmål): each countable sub-goal of each year's action plan, with its target,
the projects counting toward it, started and completed, and whether it is reached.

A project counts toward a sub-goal when its phase was granted with the sub-goal in the
recommendation and the phase has started (igangsatt), and again when its approved final
report says it delivered the sub-goal (gjennomført); plp records both as `DelmalTelling`
rows. A sub-goal is reached when the number of projects counted at its own milestone (started
or completed, as the plan states it) is at least its target. A project with two phases that
count toward the same sub-goal counts once.

Three queries whatever the number of projects: the focus areas, the sub-goals with their
strategy and plan, and the counts grouped by sub-goal and milestone.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Delmal, Innsatsomrade, Program
from plp.models import DelmalTelling
from rapportering.tabell import ANTALL, TEKST, Diagram, Kolonne, Rapportdel, Serie, Tabell

M = Delmal.Milepael


@dataclass
class Delmalrad:
    delmal: Delmal
    igangsatt: int = 0
    gjennomfort: int = 0

    @property
    def telt(self) -> int:
        """Projects counted at the sub-goal's own milestone."""
        return self.gjennomfort if self.delmal.milepael == M.GJENNOMFORT else self.igangsatt

    @property
    def nadd(self) -> bool:
        return self.telt >= self.delmal.antall


@dataclass
class Omradesum:
    navn: str
    delmal: int = 0
    nadd: int = 0
    mal: int = 0
    telt: int = 0
    rader: list[Delmalrad] = field(default_factory=list)


def delmal_status(program: Program, ar: int | None = None) -> list[Delmalrad]:
    """The sub-goals of the plan of year `ar` (every plan when None), in the plan's order:
    year, focus area, strategy. Two queries."""
    delmal = Delmal.objects.filter(strategi__handlingsplan__program=program)
    tellinger = DelmalTelling.objects.filter(delmal__strategi__handlingsplan__program=program)
    if ar is not None:
        delmal = delmal.filter(strategi__handlingsplan__ar=ar)
        tellinger = tellinger.filter(delmal__strategi__handlingsplan__ar=ar)
    rader = {
        d.pk: Delmalrad(d)
        for d in delmal.select_related(
            "strategi__handlingsplan", "strategi__innsatsomrade"
        ).order_by(
            "strategi__handlingsplan__ar",
            "strategi__innsatsomrade__nummer",
            "strategi__bokstav",
            "id",
        )
    }
    for telling in tellinger.values("delmal_id", "milepael").annotate(
        prosjekter=Count("fase__prosjekt", distinct=True)
    ):
        rad = rader.get(telling["delmal_id"])
        if rad is None:
            continue
        if telling["milepael"] == M.IGANGSATT:
            rad.igangsatt = telling["prosjekter"]
        else:
            rad.gjennomfort = telling["prosjekter"]
    return list(rader.values())


def per_omrade(program: Program, rader: list[Delmalrad]) -> list[Omradesum]:
    """The sub-goals summed per focus area, every focus area of the program (one query)."""
    omrader = {
        o.pk: Omradesum(o.navn)
        for o in Innsatsomrade.objects.filter(program=program).order_by("nummer")
    }
    for rad in rader:
        summen = omrader.get(rad.delmal.strategi.innsatsomrade_id)
        if summen is None:
            continue
        summen.rader.append(rad)
        summen.delmal += 1
        summen.nadd += rad.nadd
        summen.mal += rad.delmal.antall
        summen.telt += min(rad.telt, rad.delmal.antall)
    return list(omrader.values())


def bygg(program: Program, ar: int | None = None) -> Rapportdel:
    rader = delmal_status(program, ar)
    summer = per_omrade(program, rader)
    periode = str(ar) if ar else str(_("hele perioden"))
    ja, nei = str(_("Ja")), str(_("Nei"))
    delmal = Tabell(
        slug="delmal",
        tittel=str(_("Delmål i handlingsplanen, %(periode)s") % {"periode": periode}),
        beskrivelse=str(_("prosjekter som teller mot hvert delmål")),
        kolonner=[
            Kolonne(_("Delmål")),
            Kolonne(_("Handlingsplan")),
            Kolonne(_("Innsatsområde")),
            Kolonne(_("Strategi")),
            Kolonne(_("Telles når")),
            Kolonne(_("Mål"), ANTALL, summer=True),
            Kolonne(_("Igangsatt"), ANTALL, summer=True),
            Kolonne(_("Gjennomført"), ANTALL, summer=True),
            Kolonne(_("Nådd"), TEKST),
        ],
        rader=[
            [
                r.delmal.tekst,
                str(r.delmal.strategi.handlingsplan.ar),
                r.delmal.strategi.innsatsomrade.navn,
                f"{r.delmal.strategi.bokstav}. {r.delmal.strategi.navn}",
                str(r.delmal.get_milepael_display()),
                r.delmal.antall,
                r.igangsatt,
                r.gjennomfort,
                ja if r.nadd else nei,
            ]
            for r in rader
        ],
    )
    omrader = Tabell(
        slug="delmal-omrader",
        tittel=str(_("Delmål per innsatsområde, %(periode)s") % {"periode": periode}),
        beskrivelse=str(_("telt er prosjektene ved delmålets milepæl, høyst målet per delmål")),
        kolonner=[
            Kolonne(_("Innsatsområde")),
            Kolonne(_("Delmål"), ANTALL, summer=True),
            Kolonne(_("Nådd"), ANTALL, summer=True),
            Kolonne(_("Mål (prosjekter)"), ANTALL, summer=True),
            Kolonne(_("Telt (prosjekter)"), ANTALL, summer=True),
        ],
        rader=[[s.navn, s.delmal, s.nadd, s.mal, s.telt] for s in summer if s.delmal],
    )
    med_delmal = [s for s in summer if s.delmal]
    diagram = Diagram(
        tittel=str(_("Delmål per innsatsområde: mål og telt")),
        kategorier=[s.navn for s in med_delmal],
        serier=[
            Serie(str(_("Mål")), [s.mal for s in med_delmal]),
            Serie(str(_("Telt")), [s.telt for s in med_delmal]),
        ],
        tabell="delmal-omrader",
        enhet=str(_("prosjekter")),
    )
    merknader = []
    if not rader:
        merknader.append(
            str(_("Handlingsplanen for %(ar)s har ingen delmål.") % {"ar": ar})
            if ar
            else str(_("Ingen handlingsplan har delmål ennå."))
        )
    return Rapportdel(
        tabeller=[omrader, delmal],
        diagrammer=[diagram] if med_delmal else [],
        merknader=merknader,
    )
