"""Goals against results: jobs per focus area and year.

Four sources side by side, each read in one grouped query whatever the number of projects:
- the target: the action plan's job table (handlingsplan `Arbeidsplassmal`), and the
  program's totals (new and secured);
- achieved: jobs from approved final reports, in the year they were counted (`malt_dato`),
  by the focus area of the strategy that funded the phase;
- expected: what the recommendations of phases still running promised, in the year the
  phase is planned to end;
- followed up: the counts recorded one year after a project ended.
"""

from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from handlingsplan.models import Arbeidsplassmal, Innsatsomrade, Program
from plp.models import Fase, Oppfolging, Sluttrapport
from rapportering.selectors.felles import programmets_ar
from rapportering.tabell import (
    ANTALL,
    PROSENT,
    Diagram,
    Kolonne,
    Rapportdel,
    Serie,
    Summerbar,
    Tabell,
)

OMRADE = "fase__forpliktelse__pot__strategi__innsatsomrade"
LOPENDE = (Fase.Status.IKKE_STARTET, Fase.Status.LOPENDE, Fase.Status.SLUTTRAPPORT)


@dataclass
class Tall(Summerbar):
    """Jobs in one cell: the target and what was achieved, expected and followed up."""

    mal: int = 0
    nye_kvinner: int = 0
    nye_menn: int = 0
    sikrede_kvinner: int = 0
    sikrede_menn: int = 0
    forventet: int = 0
    oppfolging: int = 0

    @property
    def nye(self) -> int:
        return self.nye_kvinner + self.nye_menn

    @property
    def sikrede(self) -> int:
        return self.sikrede_kvinner + self.sikrede_menn

    @property
    def oppnadd(self) -> int:
        return self.nye + self.sikrede


@dataclass
class Omrade:
    id: int
    nummer: int
    navn: str
    har_mal: bool
    per_ar: dict[int, Tall] = field(default_factory=dict)

    def sum(self, ar: int | None = None) -> Tall:
        if ar is not None:
            return self.per_ar[ar]
        total = Tall()
        for tall in self.per_ar.values():
            total += tall
        return total


@dataclass
class Maloppnaelse:
    program: Program
    arene: list[int]
    omrader: list[Omrade]
    mal_nye: int
    mal_sikrede: int

    def ar_sum(self, ar: int | None = None) -> Tall:
        total = Tall()
        for omrade in self.omrader:
            total += omrade.sum(ar)
        return total


def maloppnaelse(program: Program) -> Maloppnaelse:
    """Targets and results for every focus area and year of the program: five queries."""
    arene = programmets_ar(program)
    omrader = {
        o.pk: Omrade(o.pk, o.nummer, o.navn, o.har_arbeidsplassmal, {ar: Tall() for ar in arene})
        for o in Innsatsomrade.objects.filter(program=program).order_by("nummer")
    }

    def cell(omrade_id, ar) -> Tall | None:
        omrade = omrader.get(omrade_id)
        return None if omrade is None or ar not in omrade.per_ar else omrade.per_ar[ar]

    for mal in Arbeidsplassmal.objects.filter(innsatsomrade__program=program).values(
        "innsatsomrade_id", "ar", "antall"
    ):
        if tall := cell(mal["innsatsomrade_id"], mal["ar"]):
            tall.mal = mal["antall"]

    oppnadd = (
        Sluttrapport.objects.filter(
            status=Sluttrapport.Status.GODKJENT, fase__prosjekt__program=program
        )
        .annotate(ar=ExtractYear("malt_dato"), omrade=F(OMRADE))
        .values("omrade", "ar")
        .annotate(
            nk=Sum("nye_kvinner"),
            nm=Sum("nye_menn"),
            sk=Sum("sikrede_kvinner"),
            sm=Sum("sikrede_menn"),
        )
    )
    for rad in oppnadd:
        if tall := cell(rad["omrade"], rad["ar"]):
            tall.nye_kvinner, tall.nye_menn = rad["nk"] or 0, rad["nm"] or 0
            tall.sikrede_kvinner, tall.sikrede_menn = rad["sk"] or 0, rad["sm"] or 0

    forventet = (
        Fase.objects.filter(prosjekt__program=program, status__in=LOPENDE)
        .annotate(
            ar=Coalesce(ExtractYear("sluttdato"), ExtractYear("forpliktelse__opprettet")),
            omrade=F("forpliktelse__pot__strategi__innsatsomrade"),
        )
        .values("omrade", "ar")
        .annotate(
            antall=Sum(
                F("sak__innstilling__nye_arbeidsplasser")
                + F("sak__innstilling__sikrede_arbeidsplasser")
            )
        )
    )
    for rad in forventet:
        if tall := cell(rad["omrade"], _innenfor(rad["ar"], arene)):
            tall.forventet += rad["antall"] or 0

    fulgt_opp = (
        Oppfolging.objects.filter(fase__prosjekt__program=program, registrert__isnull=False)
        .annotate(ar=ExtractYear("malt_dato"), omrade=F(OMRADE))
        .values("omrade", "ar")
        .annotate(
            antall=Sum(
                Coalesce("nye_kvinner", 0)
                + Coalesce("nye_menn", 0)
                + Coalesce("sikrede_kvinner", 0)
                + Coalesce("sikrede_menn", 0)
            )
        )
    )
    for rad in fulgt_opp:
        if tall := cell(rad["omrade"], _innenfor(rad["ar"], arene)):
            tall.oppfolging += rad["antall"] or 0

    return Maloppnaelse(
        program=program,
        arene=arene,
        omrader=list(omrader.values()),
        mal_nye=program.mal_nye_arbeidsplasser,
        mal_sikrede=program.mal_sikrede_arbeidsplasser,
    )


def _innenfor(ar, arene: list[int]) -> int | None:
    """A count dated after the program's last year is shown in its last year."""
    if ar is None:
        return None
    return min(max(ar, arene[0]), arene[-1])


def _andel(oppnadd: int, mal: int):
    return round(100 * oppnadd / mal, 1) if mal else None


def bygg(program: Program, ar: int | None = None) -> Rapportdel:
    data = maloppnaelse(program)
    arene = data.arene
    plan = Tabell(
        slug="mal",
        tittel=str(_("Mål for arbeidsplasser per innsatsområde og år")),
        beskrivelse=str(_("handlingsplanens tabell")),
        kolonner=[Kolonne(_("Innsatsområde"))]
        + [Kolonne(str(a), ANTALL, summer=True) for a in arene]
        + [Kolonne(_("I alt"), ANTALL, summer=True)],
        rader=[
            [o.navn, *(o.per_ar[a].mal for a in arene), o.sum().mal]
            for o in data.omrader
            if o.har_mal
        ],
    )
    resultat = Tabell(
        slug="oppnadd",
        tittel=str(_("Arbeidsplasser fra godkjente sluttrapporter per innsatsområde og år")),
        kolonner=plan.kolonner,
        rader=[
            [o.navn, *(o.per_ar[a].oppnadd for a in arene), o.sum().oppnadd] for o in data.omrader
        ],
    )
    tittel = (
        _("Mål og resultat per innsatsområde, %(ar)s") % {"ar": ar}
        if ar
        else _("Mål og resultat per innsatsområde, hele perioden")
    )
    per_omrade = Tabell(
        slug="maloppnaelse",
        tittel=str(tittel),
        kolonner=[
            Kolonne(_("Innsatsområde")),
            Kolonne(_("Mål"), ANTALL, summer=True),
            Kolonne(_("Nye, kvinner"), ANTALL, summer=True),
            Kolonne(_("Nye, menn"), ANTALL, summer=True),
            Kolonne(_("Sikrede, kvinner"), ANTALL, summer=True),
            Kolonne(_("Sikrede, menn"), ANTALL, summer=True),
            Kolonne(_("Oppnådd i alt"), ANTALL, summer=True),
            Kolonne(_("Andel av målet (%)"), PROSENT),
            Kolonne(_("Forventet fra løpende prosjekter"), ANTALL, summer=True),
            Kolonne(_("Telt ved oppfølging"), ANTALL, summer=True),
        ],
        rader=[_rad(o.navn, o.sum(ar)) for o in data.omrader],
    )
    total = data.ar_sum()
    program_tabell = Tabell(
        slug="program",
        tittel=str(_("Programmets mål for hele perioden")),
        kolonner=[
            Kolonne(_("Arbeidsplasser")),
            Kolonne(_("Mål"), ANTALL, summer=True),
            Kolonne(_("Oppnådd"), ANTALL, summer=True),
            Kolonne(_("Andel av målet (%)"), PROSENT),
        ],
        rader=[
            [str(_("Nye")), data.mal_nye, total.nye, _andel(total.nye, data.mal_nye)],
            [
                str(_("Sikrede")),
                data.mal_sikrede,
                total.sikrede,
                _andel(total.sikrede, data.mal_sikrede),
            ],
        ],
    )
    per_ar = [data.ar_sum(a) for a in arene]
    diagram = Diagram(
        tittel=str(_("Arbeidsplasser per år: mål, oppnådd og forventet")),
        kategorier=[str(a) for a in arene],
        serier=[
            Serie(str(_("Mål")), [t.mal for t in per_ar]),
            Serie(str(_("Oppnådd")), [t.oppnadd for t in per_ar]),
            Serie(str(_("Forventet")), [t.forventet for t in per_ar]),
        ],
        tabell="oppnadd",
        enhet=str(_("arbeidsplasser")),
    )
    return Rapportdel(tabeller=[per_omrade, program_tabell, plan, resultat], diagrammer=[diagram])


def _rad(navn: str, t: Tall) -> list:
    return [
        navn,
        t.mal,
        t.nye_kvinner,
        t.nye_menn,
        t.sikrede_kvinner,
        t.sikrede_menn,
        t.oppnadd,
        _andel(t.oppnadd, t.mal),
        t.forventet,
        t.oppfolging,
    ]
