"""The money section: per strategy, focus area and year, what the action plan allocated, what
was reallocated, committed, released and paid, and what is available, all summed from the
ledger (handlingsplan Postering); the share of the year's frame used; the plan's financing
by source against its budget; the programleder's hours; and the other money the projects
triggered per program krone. Seven queries, whatever the number of grants.

The figures (see docs/reporting-money.md):
  tildelt       allocation entries (from the action plan)
  omfordelt inn / ut   reallocation entries into and out of the pot
  forpliktet    commitment entries, less clawbacks (money paid and then taken back)
  frigjort      release entries (unused commitments given back to the pot)
  utbetalt      payout entries, less clawbacks
  tilgjengelig  the pot's own running figure, tildelt − forpliktet on the pot

so that, for every pot, tildelt + inn − ut − forpliktet + frigjort = tilgjengelig, and
utbetalt ≤ forpliktet − frigjort ≤ forpliktet. A pot whose running figures disagree with
its ledger is named in the section's notes."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingsplan.models import Handlingsplan, Innsatsomrade, Postering, Strategi
from rapportering.selectors import finansiering, timer, utlost
from rapportering.tabell import (
    KR,
    PROSENT,
    Celle,
    Diagram,
    Kolonne,
    Rapportdel,
    Serie,
    Summerbar,
    Tabell,
)

T = Postering.Type


@dataclass
class Tall(Summerbar):
    """The money figures of one pot, or of a group of pots added together."""

    tildelt: int = 0
    inn: int = 0
    ut: int = 0
    forpliktet: int = 0
    frigjort: int = 0
    utbetalt: int = 0
    tilgjengelig: int = 0

    @property
    def budsjett(self) -> int:
        """What the strategy has after reallocations."""
        return self.tildelt + self.inn - self.ut

    @property
    def netto_forpliktet(self) -> int:
        """Money still bound to grants: committed less released."""
        return self.forpliktet - self.frigjort


@dataclass
class PotRad:
    strategi_id: int
    ar: int
    bokstav: str
    navn: str
    budsjett_plan: int
    omrade_id: int
    pot_id: int | None
    tall: Tall
    # The pot's running figures, to check against its ledger.
    pot_tildelt: int
    pot_forpliktet: int
    pot_utbetalt: int

    @property
    def stemmer(self) -> bool:
        t = self.tall
        return (
            self.pot_tildelt == t.budsjett
            and self.pot_forpliktet == t.netto_forpliktet
            and self.pot_utbetalt == t.utbetalt
        )


def _sum(*types: str):
    return Sum("pot__posteringer__belop", filter=Q(pot__posteringer__type__in=types), default=0)


def pot_rader(program, ar: int | None) -> list[PotRad]:
    """Every strategy of the program's plans (or of one year's plan) with its pot's figures
    summed from the ledger. One query."""
    qs = Strategi.objects.filter(handlingsplan__program=program)
    if ar is not None:
        qs = qs.filter(handlingsplan__ar=ar)
    rows = (
        qs.values(
            "pk",
            "bokstav",
            "navn",
            "budsjett",
            "handlingsplan__ar",
            "innsatsomrade_id",
            "pot__pk",
            "pot__tildelt",
            "pot__forpliktet",
            "pot__utbetalt",
        )
        .annotate(
            s_allokering=_sum(T.ALLOKERING),
            s_inn=_sum(T.OMFORDELING_INN),
            s_ut=_sum(T.OMFORDELING_UT),
            s_forpliktelse=_sum(T.FORPLIKTELSE),
            s_frigjoring=_sum(T.FRIGJORING),
            s_utbetaling=_sum(T.UTBETALING),
            s_tilbakeforing=_sum(T.TILBAKEFORING),
        )
        .order_by("handlingsplan__ar", "bokstav", "pk")
    )
    rader = []
    for r in rows:
        tilbake = r["s_tilbakeforing"]
        tall = Tall(
            tildelt=r["s_allokering"],
            inn=r["s_inn"],
            ut=r["s_ut"],
            forpliktet=r["s_forpliktelse"] - tilbake,
            frigjort=r["s_frigjoring"],
            utbetalt=r["s_utbetaling"] - tilbake,
            tilgjengelig=(r["pot__tildelt"] or 0) - (r["pot__forpliktet"] or 0),
        )
        rader.append(
            PotRad(
                strategi_id=r["pk"],
                ar=r["handlingsplan__ar"],
                bokstav=r["bokstav"],
                navn=r["navn"],
                budsjett_plan=r["budsjett"],
                omrade_id=r["innsatsomrade_id"],
                pot_id=r["pot__pk"],
                tall=tall,
                pot_tildelt=r["pot__tildelt"] or 0,
                pot_forpliktet=r["pot__forpliktet"] or 0,
                pot_utbetalt=r["pot__utbetalt"] or 0,
            )
        )
    return rader


def _kolonner(forste: list[Kolonne]) -> list[Kolonne]:
    return [
        *forste,
        Kolonne(_("Tildelt"), KR, summer=True),
        Kolonne(_("Omfordelt inn"), KR, summer=True),
        Kolonne(_("Omfordelt ut"), KR, summer=True),
        Kolonne(_("Budsjett etter omfordeling"), KR, summer=True),
        Kolonne(_("Forpliktet"), KR, summer=True),
        Kolonne(_("Frigjort"), KR, summer=True),
        Kolonne(_("Utbetalt"), KR, summer=True),
        Kolonne(_("Tilgjengelig"), KR, summer=True),
    ]


# What each figure of a pot links to: its ledger page, filtered to the entries behind it.
LENKETYPER = {
    "tildelt": (T.ALLOKERING,),
    "inn": (T.OMFORDELING_INN,),
    "ut": (T.OMFORDELING_UT,),
    "budsjett": (T.ALLOKERING, T.OMFORDELING_INN, T.OMFORDELING_UT),
    "forpliktet": (T.FORPLIKTELSE, T.TILBAKEFORING),
    "frigjort": (T.FRIGJORING,),
    "utbetalt": (T.UTBETALING, T.TILBAKEFORING),
    "tilgjengelig": (),
}


def _tallceller(tall: Tall, pot_id: int | None = None) -> list:
    verdier = []
    for navn, typer in LENKETYPER.items():
        verdi = getattr(tall, navn)
        if pot_id is None:
            verdier.append(verdi)
            continue
        lenke = reverse("handlingsplan:pot", args=[pot_id])
        if typer:
            lenke += "?" + "&".join(f"type={t}" for t in typer)
        verdier.append(Celle(verdi, lenke))
    return verdier


def bygg(program, ar: int | None) -> Rapportdel:
    rader = pot_rader(program, ar)
    omrader = list(Innsatsomrade.objects.filter(program=program).order_by("nummer"))
    omradenavn = {o.pk: f"{o.nummer}. {o.navn}" for o in omrader}
    planer_qs = Handlingsplan.objects.filter(program=program).order_by("ar")
    if ar is not None:
        planer_qs = planer_qs.filter(ar=ar)
    planer = list(planer_qs.values("pk", "ar", "timekostnad", "administrasjonsbudsjett"))
    arene = [p["ar"] for p in planer]

    del_ = Rapportdel()
    for rad in rader:
        if not rad.stemmer:
            del_.merknader.append(
                _(
                    "Potten %(bokstav)s (%(ar)s): pottens løpende tall stemmer ikke med "
                    "posteringene. Kontroller reskontroen."
                )
                % {"bokstav": rad.bokstav, "ar": rad.ar}
            )

    per_strategi = Tabell(
        slug="penger-strategi",
        tittel=_("Penger per strategi"),
        kolonner=_kolonner([Kolonne(_("Strategi")), Kolonne(_("Innsatsområde"))]),
        beskrivelse=_("Hvert tall lenker til posteringene bak det i pottens reskontro."),
    )
    per_omrade: dict[int, Tall] = defaultdict(Tall)
    per_ar: dict[int, Tall] = defaultdict(Tall)
    for rad in rader:
        navn = (
            f"{rad.bokstav}. {rad.navn}"
            if ar is not None
            else f"{rad.ar} {rad.bokstav}. {rad.navn}"
        )
        per_strategi.rader.append(
            [navn, omradenavn.get(rad.omrade_id, ""), *_tallceller(rad.tall, rad.pot_id)]
        )
        per_omrade[rad.omrade_id] += rad.tall
        per_ar[rad.ar] += rad.tall

    omrade_tabell = Tabell(
        slug="penger-omrade",
        tittel=_("Penger per innsatsområde"),
        kolonner=_kolonner([Kolonne(_("Innsatsområde"))]),
    )
    for o in omrader:
        omrade_tabell.rader.append([omradenavn[o.pk], *_tallceller(per_omrade[o.pk])])

    ar_tabell = Tabell(
        slug="penger-ar",
        tittel=_("Penger per år og andel av årsrammen"),
        kolonner=[
            *_kolonner([Kolonne(_("År"))]),
            Kolonne(_("Årlig ramme"), KR, summer=True),
            Kolonne(_("Andel av rammen forpliktet"), PROSENT),
        ],
        beskrivelse=_(
            "Andel av rammen: forpliktet minus frigjort fra årets handlingsplan, delt på "
            "programmets årlige ramme."
        ),
    )
    for a in arene:
        tall = per_ar[a]
        ar_tabell.rader.append(
            [
                Celle(str(a), reverse("handlingsplan:index") + f"?ar={a}"),
                *_tallceller(tall),
                program.arlig_ramme,
                finansiering.prosent(tall.netto_forpliktet, program.arlig_ramme),
            ]
        )

    del_.tabeller += [per_strategi, omrade_tabell, ar_tabell]
    planlagt = timer.planlagte(planer)
    strategibudsjett: dict[int, int] = defaultdict(int)
    for rad in rader:
        strategibudsjett[rad.ar] += rad.budsjett_plan
    del_.tabeller += finansiering.tabeller(planer, strategibudsjett, planlagt)
    del_.tabeller.append(timer.tabell(program, ar, planer, omrader, planlagt))
    utlost_tabell = utlost.tabell(program, ar, omrader)
    del_.tabeller.append(utlost_tabell)
    andre, utbetalt = utlost_tabell.summer()[5:7]
    if utbetalt:
        del_.merknader.append(
            _("I alt utløste prosjektene %(andre)s andre kroner per programkrone.")
            % {"andre": f"{utlost.per_krone(andre, utbetalt):.2f}".replace(".", ",")}
        )
    del_.diagrammer += _diagrammer(ar, rader, omrader, per_omrade, per_ar, arene)
    return del_


def _diagrammer(ar, rader, omrader, per_omrade, per_ar, arene) -> list[Diagram]:
    def serier(talls: list[Tall]) -> list[Serie]:
        return [
            Serie(_("Budsjett etter omfordeling"), [t.budsjett for t in talls]),
            Serie(_("Forpliktet"), [t.forpliktet for t in talls]),
            Serie(_("Utbetalt"), [t.utbetalt for t in talls]),
        ]

    if ar is not None:
        return [
            Diagram(
                _("Penger per strategi %(ar)s") % {"ar": ar},
                [r.bokstav for r in rader],
                serier([r.tall for r in rader]),
                tabell="penger-strategi",
                enhet="kr",
            )
        ]
    return [
        Diagram(
            _("Penger per innsatsområde"),
            [f"{o.nummer}. {o.navn}" for o in omrader],
            serier([per_omrade[o.pk] for o in omrader]),
            tabell="penger-omrade",
            enhet="kr",
        ),
        Diagram(
            _("Penger per år"),
            [str(a) for a in arene],
            serier([per_ar[a] for a in arene]),
            tabell="penger-ar",
            enhet="kr",
        ),
    ]
