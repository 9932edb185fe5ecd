"""De minimis aid at the decision: the ceiling of the regime in force on the decision's date,
counting the aid the applicant declared and this program's own grants to the same
undertaking (its organisation number and the linked undertakings it declared) within the
regime's period. Checked when the recommendation is made and when the decision is taken;
the decision keeps the regime, the rate and the amount in EUR."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, DateField, F, Func, OuterRef, Subquery, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato as dato_text
from felles.formatting import group_thousands, kr
from handlingsplan.models import Bagatellregime, Eurokurs
from handlingsplan.services import bagatellregime_for
from soknader.models import OffentligStotte
from soknader.orgnr import orgnr_list
from workflow.models import Sak, Tilsagn, Vedtak

MAKS_KURS = Decimal("1000")

# Grants that no longer stand do not count towards the ceiling.
FALT_BORT = (Tilsagn.Status.BORTFALT, Tilsagn.Status.TRUKKET, Tilsagn.Status.AVBRUTT)


def _eur(nok: int, kurs: Decimal) -> int:
    return int((Decimal(nok) / kurs).quantize(Decimal(1), ROUND_HALF_UP))


def _nok(eur: int, kurs: Decimal) -> int:
    return int((Decimal(eur) * kurs).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class Bagatellberegning:
    """De minimis aid to one undertaking on a date, in EUR at the rate of that date."""

    regime: Bagatellregime
    dato: date
    kurs: Decimal
    fra: date  # the first day of the regime's period
    oppgitt_nok: int  # declared by the applicant in the period
    egne_eur: int  # this program's earlier grants to the undertaking in the period
    denne_nok: int

    @property
    def denne_eur(self) -> int:
        return _eur(self.denne_nok, self.kurs)

    @property
    def sum_eur(self) -> int:
        return _eur(self.oppgitt_nok + self.denne_nok, self.kurs) + self.egne_eur

    @property
    def over_tak(self) -> bool:
        return self.regime.pause or self.sum_eur > self.regime.tak_eur

    @property
    def rapporteres(self) -> bool:
        return self.denne_eur >= self.regime.rapporteringsgrense_eur


def kurs_text(kurs: Decimal) -> str:
    """11.5000 → "11,5"."""
    return f"{Decimal(kurs):.4f}".rstrip("0").rstrip(".").replace(".", ",")


def _eur_text(eur: int, kurs: Decimal) -> str:
    return f"{group_thousands(eur)} EUR ({kr(_nok(eur, kurs))})"


def kurs_check(kurs) -> Decimal:
    kurs = Decimal(kurs)
    if not Decimal(0) < kurs <= MAKS_KURS:
        raise DomainError(
            _("Kursen må være større enn 0 og høyst %(maks)s NOK per EUR.") % {"maks": MAKS_KURS},
            field="eurokurs",
        )
    return kurs


def bagatell_beregn(
    *, sak: Sak, belop: int, dato: date, kurs: Decimal | None = None, lock: bool = False
) -> Bagatellberegning:
    """The aid to the applicant's undertaking if `belop` kr is granted in `sak` on `dato`:
    the regime in force, the program's rate and the aid counted, read in one query. With
    `lock`, the regime's row is locked: de minimis decisions are made one at a time, so
    that two grants to one undertaking cannot both pass unseen."""
    soknad = sak.soknad
    row = _regime_query(sak, dato, lock=lock).first()
    if row is None:
        bagatellregime_for(dato)  # configures the first regimes, or says none applies
        row = _regime_query(sak, dato, lock=lock).first()
    kurs = kurs_check(kurs) if kurs is not None else (row.dagens_kurs or soknad.program.nok_per_eur)
    egne_eur = (row.egne_eur or 0) + _eur(row.egne_nok_uten_eur or 0, kurs)
    return Bagatellberegning(row, dato, kurs, row.fra, row.oppgitt or 0, egne_eur, belop)


def _sum(queryset, field: str) -> Subquery:
    """SUM(field) over the rows of `queryset`, as a subquery (NULL when there are none)."""
    return Subquery(
        queryset.order_by().annotate(total=Func(F(field), function="SUM")).values("total")[:1]
    )


def _regime_query(sak: Sak, dato: date, *, lock: bool):
    soknad = sak.soknad
    starts = {
        periode: Bagatellregime(periode=periode).periode_start(dato)
        for periode in Bagatellregime.Periode.values
    }
    fra = Case(
        *(When(periode=periode, then=Value(day)) for periode, day in starts.items()),
        output_field=DateField(),
    )
    foretak = {soknad.orgnr, *orgnr_list(soknad.tilknyttede_orgnr)} - {""}
    egne = (
        Vedtak.objects.filter(
            utfall=Vedtak.Utfall.INNVILGET,
            sak__soknad__program_id=soknad.program_id,
            sak__soknad__orgnr__in=foretak,
            sak__innstilling__bagatellmessig=True,
            vedtatt__date__gte=OuterRef("fra"),
            vedtatt__date__lte=dato,
        )
        .exclude(sak_id=sak.pk)
        .exclude(tilsagn__status__in=FALT_BORT)
    )
    rows = (
        Bagatellregime.objects.filter(gyldig_fra__lte=dato)
        .exclude(gyldig_til__lt=dato)
        .order_by("-gyldig_fra")
        .annotate(
            fra=fra,
            dagens_kurs=Subquery(
                Eurokurs.objects.filter(program_id=soknad.program_id, dato__lte=dato)
                .order_by("-dato")
                .values("nok_per_eur")[:1]
            ),
            oppgitt=_sum(
                OffentligStotte.objects.filter(
                    soknad_id=soknad.pk,
                    type=OffentligStotte.Type.BAGATELL,
                    dato__gte=OuterRef("fra"),
                    dato__lte=dato,
                ),
                "belop",
            ),
            egne_eur=_sum(egne.filter(bagatell_eur__isnull=False), "bagatell_eur"),
            egne_nok_uten_eur=_sum(egne.filter(bagatell_eur__isnull=True), "belop"),
        )
    )
    return rows.select_for_update(of=("self",)) if lock else rows


def bagatell_check(
    *, sak: Sak, belop: int, dato: date, kurs: Decimal | None = None, lock: bool = False
) -> Bagatellberegning:
    """bagatell_beregn, refused with a message naming the amounts, the regulation and the
    period when the grant would take the undertaking over the ceiling (or when no de minimis
    aid may be given on the date)."""
    b = bagatell_beregn(sak=sak, belop=belop, dato=dato, kurs=kurs, lock=lock)
    if b.regime.pause:
        raise DomainError(
            _(
                "Bagatellmessig støtte kan ikke gis %(dato)s: %(tittel)s (%(fra)s–%(til)s). "
                "Gi tilskuddet etter et annet grunnlag, eller vent til en ny forordning gjelder."
            )
            % {
                "dato": dato_text(dato),
                "tittel": b.regime.tittel_for(get_language()),
                "fra": dato_text(b.regime.gyldig_fra),
                "til": dato_text(b.regime.gyldig_til),
            },
            field="belop",
            code="de_minimis_pause",
        )
    if b.over_tak:
        raise DomainError(
            _(
                "Taket for bagatellmessig støtte er %(tak)s etter %(forordning)s, regnet "
                "%(fra)s–%(til)s. Med dette tilskuddet på %(denne)s blir støtten til foretaket "
                "og foretakene det er knyttet til, %(sum)s: oppgitt av søkeren %(oppgitt)s, "
                "programmets egne tilsagn %(egne)s. Kurs: %(kurs)s NOK per EUR."
            )
            % {
                "tak": _eur_text(b.regime.tak_eur, b.kurs),
                "forordning": b.regime.tittel_for(get_language()),
                "fra": dato_text(b.fra),
                "til": dato_text(b.dato),
                "denne": f"{kr(b.denne_nok)} ({group_thousands(b.denne_eur)} EUR)",
                "sum": _eur_text(b.sum_eur, b.kurs),
                "oppgitt": f"{kr(b.oppgitt_nok)} ({group_thousands(_eur(b.oppgitt_nok, b.kurs))} "
                "EUR)",
                "egne": _eur_text(b.egne_eur, b.kurs),
                "kurs": kurs_text(b.kurs),
            },
            field="belop",
            code="de_minimis",
        )
    return b
