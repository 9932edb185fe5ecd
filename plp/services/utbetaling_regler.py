"""The payout rules, from the program's settings and the grant's terms (docs/money.md).

Pure functions of the numbers they are given: the services read the phase and its commitment
(locked, when approving) and ask here how much may be paid. Each refusal says what to do."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato, kr
from plp.models import Kostnadskategori


@dataclass(frozen=True)
class Utbetalingsramme:
    """How much a phase may be paid in all, and in this request, by each rule."""

    tilskudd: int
    kostnader: int  # documented costs so far, all categories
    andel_av_kostnader: int  # the grant's share of those costs, in all
    tak_for_sluttrapport: int | None  # the held-back cap; None once the final report is approved
    prosent_for_sluttrapport: int
    allerede_utbetalt: int
    gjenstaende: int  # of the commitment

    @property
    def maks(self) -> int:
        """The most this request may be: the tightest of the rules, never below 0."""
        grenser = [self.gjenstaende, self.andel_av_kostnader - self.allerede_utbetalt]
        if self.tak_for_sluttrapport is not None:
            grenser.append(self.tak_for_sluttrapport - self.allerede_utbetalt)
        return max(0, min(grenser))


def andel_av_kostnader(*, kostnader: int, tilskudd: int, kostnadsgrunnlag: int) -> int:
    """The grant's share of documented costs, pro rata (whole kroner, rounded down), never
    above the grant: lower actual costs give a lower grant."""
    if kostnadsgrunnlag <= 0:
        return 0
    return min(tilskudd, kostnader * tilskudd // kostnadsgrunnlag)


def ramme_for(
    *,
    fase,
    kostnader: int,
    allerede_utbetalt: int,
    gjenstaende: int,
    sluttrapport_godkjent: bool,
) -> Utbetalingsramme:
    prosent = fase.prosjekt.program.maks_utbetalt_for_sluttrapport
    return Utbetalingsramme(
        tilskudd=fase.tilskudd,
        kostnader=kostnader,
        andel_av_kostnader=andel_av_kostnader(
            kostnader=kostnader, tilskudd=fase.tilskudd, kostnadsgrunnlag=fase.kostnadsgrunnlag
        ),
        tak_for_sluttrapport=None if sluttrapport_godkjent else fase.tilskudd * prosent // 100,
        prosent_for_sluttrapport=prosent,
        allerede_utbetalt=allerede_utbetalt,
        gjenstaende=gjenstaende,
    )


def kostnader_check(kostnader: Mapping[str, int], budsjett_kategorier: set[str]) -> dict[str, int]:
    """Costs by category, whole kroner, only in categories of the approved budget."""
    gyldige = {k.value: k.label for k in Kostnadskategori}
    resultat = {}
    for kategori, belop in kostnader.items():
        if not belop:
            continue
        if kategori not in gyldige:
            raise DomainError(_("Ukjent kostnadskategori."), field="kostnader")
        if isinstance(belop, bool) or not isinstance(belop, int) or belop < 0:
            raise DomainError(
                _("Kostnadene må oppgis i hele kroner, 0 eller mer."), field=f"kost_{kategori}"
            )
        if kategori not in budsjett_kategorier:
            raise DomainError(
                _(
                    "Kostnadskategorien «%(kategori)s» er ikke med i det godkjente budsjettet. "
                    "Før kostnadene under en kategori som er i budsjettet, eller søk om endring "
                    "av budsjettet."
                )
                % {"kategori": gyldige[kategori]},
                field=f"kost_{kategori}",
                code="category_not_in_budget",
            )
        resultat[kategori] = belop
    if not resultat:
        raise DomainError(
            _("Oppgi kostnadene prosjektet har hatt så langt, fordelt på kostnadskategori."),
            field="kostnader",
            code="no_costs",
        )
    return resultat


def frist_check(*, utbetalingsfrist: date | None, idag: date) -> None:
    if utbetalingsfrist is not None and idag > utbetalingsfrist:
        raise DomainError(
            _(
                "Fristen for siste utbetalingsanmodning var %(frist)s. Ta kontakt med "
                "programlederen og søk om forlenget frist (endringssøknad) om dere trenger mer tid."
            )
            % {"frist": dato(utbetalingsfrist)},
            code="past_deadline",
        )


def revisor_check(*, kostnader: int, revisorgrense: int, har_bekreftelse: bool) -> None:
    if kostnader > revisorgrense and not har_bekreftelse:
        raise DomainError(
            _(
                "Kostnadene hittil (%(kost)s) er over %(grense)s. Legg ved en bekreftelse fra "
                "regnskapsfører eller revisor på kostnadene."
            )
            % {"kost": kr(kostnader), "grense": kr(revisorgrense)},
            field="revisor",
            code="auditor_required",
        )


def belop_check(belop: int, ramme: Utbetalingsramme) -> None:
    """Refuse an amount above any of the limits, naming the one it breaks and the most that
    may be asked for."""
    if belop <= 0:
        raise DomainError(_("Beløpet må være større enn 0 kr."), field="belop")
    utbetalt = kr(ramme.allerede_utbetalt)
    maks = kr(ramme.maks)
    if belop > ramme.gjenstaende:
        raise DomainError(
            _(
                "Utbetalingen på %(belop)s er større enn det som gjenstår av tilsagnet "
                "(%(gjenstaende)s). Senk beløpet til høyst %(maks)s."
            )
            % {"belop": kr(belop), "gjenstaende": kr(ramme.gjenstaende), "maks": maks},
            field="belop",
            code="beyond_commitment",
        )
    tak = ramme.tak_for_sluttrapport
    if tak is not None and ramme.allerede_utbetalt + belop > tak:
        raise DomainError(
            _(
                "Før sluttrapporten er godkjent kan det utbetales høyst %(prosent)s %% av "
                "tilskuddet, %(tak)s i alt. %(utbetalt)s er allerede utbetalt, så denne "
                "utbetalingen kan være høyst %(maks)s. Resten utbetales når sluttrapporten "
                "er godkjent."
            )
            % {
                "prosent": ramme.prosent_for_sluttrapport,
                "tak": kr(tak),
                "utbetalt": utbetalt,
                "maks": maks,
            },
            field="belop",
            code="above_held_back",
        )
    if ramme.allerede_utbetalt + belop > ramme.andel_av_kostnader:
        raise DomainError(
            _(
                "Tilskuddet dekker samme andel av de dokumenterte kostnadene som av det "
                "godkjente kostnadsgrunnlaget. Med %(kost)s i kostnader hittil kan det "
                "utbetales %(andel)s i alt; %(utbetalt)s er allerede utbetalt, så denne "
                "utbetalingen kan være høyst %(maks)s. Senk beløpet, eller dokumenter flere "
                "kostnader."
            )
            % {
                "kost": kr(ramme.kostnader),
                "andel": kr(ramme.andel_av_kostnader),
                "utbetalt": utbetalt,
                "maks": maks,
            },
            field="belop",
            code="above_cost_share",
        )
