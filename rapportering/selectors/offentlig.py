"""What the public may see of the grants: decided grants that stand, one row per decision.

Public under offentleglova: a decision granting money, with the recipient organisation, its
organisation number, the project's title, its phase, the focus area and strategy of the pot
it is granted from, the amount granted, the amount paid and the decision date. Not public
here: applications not yet decided, rejected or dismissed applications, a grant that no
longer stands (lapsed, withdrawn, ended or revoked), and every personal detail (contact
persons, project managers, e-mail addresses, telephone numbers).

Every list is read in one query whatever the number of grants (rows as dicts by values(),
no model instance per row); the filter choices in three more.
"""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, ExtractYear, TruncDate

from handlingsplan.models import Innsatsomrade, PlpFase, Program, Strategi
from workflow.models import Tilsagn, Vedtak

# The open data's fields, in this order (documented in docs/public-data.md).
FELTER = (
    "saksnummer",
    "mottaker",
    "orgnr",
    "prosjekt",
    "fase",
    "innsatsomrade",
    "strategi",
    "innvilget_kr",
    "utbetalt_kr",
    "vedtaksdato",
)

# A grant stands while it waits for the applicant's acceptance or is accepted.
STAR = (Tilsagn.Status.VENTER_AKSEPT, Tilsagn.Status.AKSEPTERT)

SOKNAD = "sak__soknad__"
KLAGE_SOKNAD = "sak__klage__paklaget__soknad__"
STRATEGI = "tilsagn__forpliktelse__pot__strategi__"


def _fra_soknad(felt: str):
    """The application's field, also for a decision made on an appeal against its rejection."""
    return Coalesce(F(SOKNAD + felt), F(KLAGE_SOKNAD + felt))


def innvilgede(program: Program) -> QuerySet:
    """The program's decided grants that stand, as dicts with the open data's fields plus
    the ids and the year the filters use; newest decision first."""
    return (
        Vedtak.objects.filter(
            utfall=Vedtak.Utfall.INNVILGET,
            tilsagn__status__in=STAR,
            tilsagn__forpliktelse__pot__strategi__handlingsplan__program=program,
        )
        .annotate(
            saksnummer=F("sak__saksnummer"),
            mottaker=_fra_soknad("org_navn"),
            orgnr=_fra_soknad("orgnr"),
            prosjekt=_fra_soknad("tittel"),
            fase=Coalesce(_fra_soknad("fase"), Value("")),
            innsatsomrade=F(STRATEGI + "innsatsomrade__navn"),
            innsatsomrade_id=F(STRATEGI + "innsatsomrade_id"),
            strategi=Concat(F(STRATEGI + "bokstav"), Value(". "), F(STRATEGI + "navn")),
            strategi_id=F(STRATEGI + "id"),
            innvilget_kr=F("tilsagn__belop"),
            utbetalt_kr=F("tilsagn__forpliktelse__utbetalt")
            - F("tilsagn__forpliktelse__tilbakefort"),
            vedtaksdato=TruncDate("vedtatt"),
            ar=ExtractYear("vedtatt"),
        )
        .order_by("-vedtatt", "-id")
    )


def tilskudd_rader(qs: QuerySet) -> list[dict]:
    """Rows with exactly the open data's fields (one query)."""
    return [
        {**v, "innvilget_kr": int(v["innvilget_kr"]), "utbetalt_kr": int(v["utbetalt_kr"])}
        for v in qs.values(*FELTER)
    ]


def tilskudd_alle(program: Program) -> list[dict]:
    """Every decided grant of the program that stands, for the open data (one query)."""
    return tilskudd_rader(innvilgede(program))


@dataclass(frozen=True)
class Utvalg:
    """The public list's search and filters; empty means no limit."""

    sok: str = ""
    omrade: int | None = None
    strategi: int | None = None
    fase: str = ""
    ar: int | None = None


def tilskudd_utvalg(program: Program, utvalg: Utvalg) -> QuerySet:
    """The grants matching the search (recipient, organisation number or project title) and
    the filters; not yet read."""
    qs = innvilgede(program)
    if utvalg.sok:
        sok = utvalg.sok
        qs = qs.filter(
            Q(mottaker__icontains=sok)
            | Q(orgnr__icontains=sok.replace(" ", ""))
            | Q(prosjekt__icontains=sok)
        )
    if utvalg.omrade:
        qs = qs.filter(innsatsomrade_id=utvalg.omrade)
    if utvalg.strategi:
        qs = qs.filter(strategi_id=utvalg.strategi)
    if utvalg.fase:
        qs = qs.filter(fase=utvalg.fase)
    if utvalg.ar:
        qs = qs.filter(ar=utvalg.ar)
    return qs


@dataclass
class Filtervalg:
    omrader: list[tuple[int, str]]
    strategier: list[tuple[int, str]]
    faser: list[tuple[str, str]]
    arene: list[int]


def filtervalg(program: Program) -> Filtervalg:
    """What the filters offer: the focus areas, the strategies of the published and approved
    plans, the phases and the years with a grant (three queries)."""
    omrader = list(
        Innsatsomrade.objects.filter(program=program).order_by("nummer").values_list("id", "navn")
    )
    strategier = [
        (pk, f"{ar} {bokstav}. {navn}")
        for pk, ar, bokstav, navn in Strategi.objects.filter(handlingsplan__program=program)
        .order_by("handlingsplan__ar", "bokstav")
        .values_list("id", "handlingsplan__ar", "bokstav", "navn")
    ]
    arene = sorted(
        set(innvilgede(program).order_by().values_list("ar", flat=True).distinct()),
        reverse=True,
    )
    return Filtervalg(omrader, strategier, list(PlpFase.choices), arene)


def fasenavn(fase: str) -> str:
    return str(PlpFase(fase).label) if fase in PlpFase.values else fase
