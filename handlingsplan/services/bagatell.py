"""De minimis configuration: the regime in force on a date, the program's NOK/EUR rate on a
date, and the regimes first configured (ensured by the plan import and the demo)."""

from datetime import date
from decimal import Decimal

from django.db.models import Subquery
from django.utils.translation import gettext as _

from felles.errors import DomainError
from handlingsplan.bagatell_regimer import REGIMER
from handlingsplan.models import Bagatellregime, Eurokurs, Program


def bagatellregimer_ensure() -> int:
    """Create the regimes first configured that are missing (by regulation); an
    administrator's changes to existing rows stand. Returns how many were created."""
    have = set(Bagatellregime.objects.values_list("forordning", flat=True))
    missing = [Bagatellregime(**row) for row in REGIMER if row["forordning"] not in have]
    Bagatellregime.objects.bulk_create(missing)
    return len(missing)


def _i_kraft(day: date):
    return (
        Bagatellregime.objects.filter(gyldig_fra__lte=day)
        .exclude(gyldig_til__lt=day)
        .order_by("-gyldig_fra")
    )


def _kurs(program: Program, day: date):
    return (
        Eurokurs.objects.filter(program=program, dato__lte=day)
        .order_by("-dato")
        .values_list("nok_per_eur", flat=True)
    )


def bagatellregime_for(day: date) -> Bagatellregime:
    """The regime in force on `day`; a DomainError when none is configured for it. With
    no regime configured at all, the regimes first configured apply (and are stored)."""
    regime = _i_kraft(day).first()
    if regime is None and not Bagatellregime.objects.exists():
        bagatellregimer_ensure()
        regime = _i_kraft(day).first()
    if regime is None:
        raise DomainError(
            _(
                "Ingen ordning for bagatellmessig støtte er satt opp for %(dato)s. "
                "En administrator legger den inn under innstillingene."
            )
            % {"dato": day.strftime("%d.%m.%Y")},
            code="de_minimis_no_regime",
        )
    return regime


def eurokurs_for(program: Program, day: date) -> Decimal:
    """The program's NOK per EUR on `day`: the latest dated rate on or before it, else the
    program's standard rate."""
    rate = _kurs(program, day).first()
    return rate if rate is not None else program.nok_per_eur


def bagatell_satser(program: Program, day: date) -> tuple[Bagatellregime | None, Decimal]:
    """The regime in force on `day` (None when none is configured for it) and the program's
    rate on that day, for the applicant's own view of the ceiling (in one query when the
    regime is configured)."""
    regime = _i_kraft(day).annotate(kurs=Subquery(_kurs(program, day)[:1])).first()
    if regime is not None:
        return regime, regime.kurs if regime.kurs is not None else program.nok_per_eur
    try:
        regime = bagatellregime_for(day)
    except DomainError:
        regime = None
    return regime, eurokurs_for(program, day)
