"""The rules an application must meet, as plain functions over a Soknad and its lines.

Forms use the single checks to show a message next to the field; `soknad_problems`
gathers every check for submission, each problem naming its step and field.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from felles.errors import DomainError
from felles.formatting import kr

from .models import Finansieringslinje, Kostnadslinje, OffentligStotte, Soknad
from .orgnr import orgnr_clean

STEG = [
    (1, "organisasjon", gettext_lazy("Organisasjon og personer")),
    (2, "prosjekt", gettext_lazy("Prosjektet")),
    (3, "okonomi", gettext_lazy("Kostnader og finansiering")),
    (4, "stotte", gettext_lazy("Arbeidsplasser og offentlig støtte")),
    (5, "vedlegg", gettext_lazy("Vedlegg")),
    (6, "send", gettext_lazy("Se over og send")),
]
STEG_NAVN = {nummer: navn for nummer, _slug, navn in STEG}


@dataclass(frozen=True)
class Problem:
    steg: int
    felt: str
    melding: str

    @property
    def steg_navn(self) -> str:
        return str(STEG_NAVN[self.steg])


def personell_belop(timer: int | None, timesats: int | None) -> int:
    return (timer or 0) * (timesats or 0)


def kostnad_total(kostnader) -> int:
    return sum(line.belop for line in kostnader)


def finansiering_total(finansiering) -> int:
    return sum(line.belop for line in finansiering)


def soknadsbelop(finansiering) -> int:
    return sum(
        line.belop for line in finansiering if line.kilde == Finansieringslinje.Kilde.PROGRAMMET
    )


def balance_check(*, kostnader_sum: int, finansiering_sum: int) -> None:
    if kostnader_sum != finansiering_sum:
        raise DomainError(
            _(
                "Finansieringsplanen (%(finansiering)s) må være lik kostnadsplanen "
                "(%(kostnader)s). Differansen er %(diff)s."
            )
            % {
                "finansiering": kr(finansiering_sum),
                "kostnader": kr(kostnader_sum),
                "diff": kr(abs(kostnader_sum - finansiering_sum)),
            },
            field="finansiering",
            code="not_balanced",
        )


def max_soknadsbelop(*, kostnader_sum: int, program, fase: str | None = None) -> int:
    """The most that may be applied for: the support intensity of the program and phase
    times the eligible costs."""
    value = Decimal(kostnader_sum) * program.stotteintensitet_for(fase) / 100
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def intensity_check(*, belop: int, kostnader_sum: int, program, fase: str | None = None) -> None:
    most = max_soknadsbelop(kostnader_sum=kostnader_sum, program=program, fase=fase)
    if belop > most:
        raise DomainError(
            _(
                "Du kan søke om høyst %(pct)s %% av kostnadene, det vil si %(max)s. "
                "Du har søkt om %(belop)s."
            )
            % {
                "pct": program.stotteintensitet_for(fase),
                "max": kr(most),
                "belop": kr(belop),
            },
            field=Finansieringslinje.Kilde.PROGRAMMET,
            code="support_intensity",
        )


def dates_check(start: date | None, slutt: date | None, *, field: str = "sluttdato") -> None:
    if start and slutt and slutt < start:
        raise DomainError(
            _("Sluttdatoen kan ikke være før startdatoen."), field=field, code="dates_order"
        )


@dataclass(frozen=True)
class Bagatellstatus:
    tidligere_nok: int
    denne_nok: int
    sum_eur: int
    tak_eur: int

    @property
    def over_tak(self) -> bool:
        return self.sum_eur > self.tak_eur


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def bagatell_status(
    *, stotte, belop: int, program, today: date, regime=None, kurs=None
) -> Bagatellstatus:
    """De minimis aid declared for the period plus this amount, in EUR: the period, ceiling
    and rate of the regime in force `today` when given (a pause has a ceiling of 0), else
    three years at the program's ceiling and rate."""
    kurs = kurs or program.nok_per_eur
    if regime is not None:
        since, tak = regime.periode_start(today), regime.tak_eur or 0
    else:
        since, tak = _years_before(today, 3), program.bagatell_tak_eur
    earlier = sum(
        line.belop
        for line in stotte
        if line.type == OffentligStotte.Type.BAGATELL and line.dato and line.dato >= since
    )
    total_eur = (Decimal(earlier + belop) / kurs).to_integral_value(rounding=ROUND_HALF_UP)
    return Bagatellstatus(earlier, belop, int(total_eur), tak)


def _required(soknad: Soknad, steg: int, fields: list[str]) -> list[Problem]:
    problems = []
    for name in fields:
        if getattr(soknad, name) in ("", None):
            label = Soknad._meta.get_field(name).verbose_name
            problems.append(
                Problem(steg, name, _("Fyll inn %(felt)s.") % {"felt": str(label).lower()})
            )
    return problems


def soknad_problems(soknad: Soknad, *, kostnader=None, finansiering=None) -> list[Problem]:
    """Everything that stops this application from being submitted; [] when it is complete."""
    kostnader = list(soknad.kostnader.all()) if kostnader is None else kostnader
    finansiering = list(soknad.finansiering.all()) if finansiering is None else finansiering
    problems = []

    try:
        orgnr_clean(soknad.orgnr)
    except DomainError as exc:
        problems.append(Problem(1, "orgnr", exc.message))
    problems += _required(
        soknad,
        1,
        [
            "org_navn",
            "org_adresse",
            "org_postnummer",
            "org_poststed",
            "kontakt_navn",
            "kontakt_epost",
            "kontakt_telefon",
            "prosjektleder_navn",
            "prosjektleder_epost",
            "prosjektleder_telefon",
        ],
    )
    problems += _required(
        soknad,
        2,
        [
            "tittel",
            "kort_beskrivelse",
            "bakgrunn",
            "mal",
            "forankring",
            "organisering",
            "fase",
            "startdato",
            "sluttdato",
        ],
    )
    if len(soknad.kort_beskrivelse) > 500:
        problems.append(
            Problem(2, "kort_beskrivelse", _("Den korte beskrivelsen kan ha høyst 500 tegn."))
        )
    try:
        dates_check(soknad.startdato, soknad.sluttdato)
    except DomainError as exc:
        problems.append(Problem(2, exc.field, exc.message))
    if not soknad.aktiviteter.exists():
        problems.append(Problem(2, "aktiviteter", _("Legg inn minst én aktivitet med tidsplan.")))

    if not kostnader:
        problems.append(Problem(3, "kostnader", _("Legg inn minst én kostnadslinje.")))
    belop = soknadsbelop(finansiering)
    if belop <= 0:
        problems.append(
            Problem(
                3,
                Finansieringslinje.Kilde.PROGRAMMET,
                _("Skriv inn beløpet du søker om fra omstillingsprogrammet."),
            )
        )
    total_kost = kostnad_total(kostnader)
    for check, kwargs in (
        (
            balance_check,
            {"kostnader_sum": total_kost, "finansiering_sum": finansiering_total(finansiering)},
        ),
        (
            intensity_check,
            {
                "belop": belop,
                "kostnader_sum": total_kost,
                "program": soknad.program,
                "fase": soknad.fase,
            },
        ),
    ):
        try:
            check(**kwargs)
        except DomainError as exc:
            problems.append(Problem(3, exc.field, exc.message))
    return problems


__all__ = [
    "STEG",
    "Bagatellstatus",
    "Kostnadslinje",
    "Problem",
    "bagatell_status",
    "balance_check",
    "dates_check",
    "intensity_check",
    "kostnad_total",
    "max_soknadsbelop",
    "personell_belop",
    "soknad_problems",
    "soknadsbelop",
]
