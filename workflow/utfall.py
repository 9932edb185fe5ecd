"""The board's vote in a case and what confirming it would decide, as rules that only read:
majorities, the tie rule, who leads the decision, and the outcome in plain words."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from handlingsplan.models import Pot
from workflow import regler
from workflow.models import Sak, Stemme


def leders_stemme(tall: regler.Stemmetall, leder) -> str | None:
    """The vote of the chair leading the case, when it was for or against."""
    stemme = next((s for s in tall.stemmer if s.medlem_id == getattr(leder, "pk", None)), None)
    if stemme is not None and stemme.valg in (Stemme.Valg.FOR, Stemme.Valg.MOT):
        return stemme.valg
    return None


@dataclass(frozen=True)
class Styreutfall:
    """What confirming the board's vote now would decide."""

    vedtatt: bool  # the recommendation is adopted (or, for a rejection, stands)
    ved_leder: bool  # a tie decided by the vote of the chair leading the case
    stemmelikhet: bool
    innvilget: bool

    @property
    def stemmelikhet_uten_leder(self) -> bool:
        return self.stemmelikhet and not self.ved_leder

    @property
    def innvilger_mot_avslag(self) -> bool:
        """The board grants although the programleder recommended rejecting."""
        return self.innvilget and not self.vedtatt


def styrets_utfall(tall: regler.Stemmetall, leder, innstilling) -> Styreutfall:
    """A majority of for or against decides. A tie follows the vote of the chair leading the
    case (styreleder, or settestyreleder when the chair is disqualified) when that vote was
    for or against. A tie without it is no majority for a grant: the application is rejected
    — a recommendation to grant is not adopted, and a recommendation to reject stands."""
    stemmelikhet = tall.for_ == tall.mot
    if not stemmelikhet:
        vedtatt = tall.for_ > tall.mot
        return Styreutfall(vedtatt, False, False, innstilling.innvilge == vedtatt)
    valg = leders_stemme(tall, leder)
    if valg is not None:
        vedtatt = valg == Stemme.Valg.FOR
        return Styreutfall(vedtatt, True, True, innstilling.innvilge == vedtatt)
    return Styreutfall(
        vedtatt=not innstilling.innvilge, ved_leder=False, stemmelikhet=True, innvilget=False
    )


def bekrefter_check(sak: Sak, by) -> regler.Moteleder:
    """Only the chair leading the case may confirm its decision: the impartial styreleder, or
    the settestyreleder when the styreleder is disqualified (forvaltningsloven § 6)."""
    leder = regler.moteleder(sak)
    if leder.user is not None and getattr(by, "pk", None) == leder.user.pk:
        return leder
    if regler.er_inhabil(sak, by):
        raise DomainError(
            _(
                "Du er inhabil i sak %(nr)s og kan ikke ta del i vedtaket. "
                "Settestyreleder bekrefter vedtaket."
            )
            % {"nr": sak.saksnummer},
            code="disqualified",
        )
    raise DomainError(
        _(
            "Bare styreleder, eller settestyreleder når styreleder er inhabil, kan bekrefte "
            "vedtaket i sak %(nr)s."
        )
        % {"nr": sak.saksnummer},
        code="not_chair",
    )


def potter_for_vedtak(program, ar: int | None = None):
    """The pots a board decision may take money from: those of the program's plan for the
    year of the decision."""
    ar = ar or timezone.localdate().year
    return Pot.objects.filter(
        strategi__handlingsplan__program=program, strategi__handlingsplan__ar=ar
    ).select_related("strategi__handlingsplan")


def utfall_tekst(tall, utfall, leder=None, innstilling=None) -> list[str]:
    """The outcome of the vote in plain words, as the chair leading the case confirms it."""
    lines = []
    if leder is not None and leder.satt:
        lines.append(
            _(
                "Styreleder er inhabil i saken. Du leder saken som settestyreleder og "
                "bekrefter vedtaket; ved stemmelikhet avgjør din stemme."
            )
        )
    if utfall.stemmelikhet and utfall.ved_leder:
        if leder is not None and leder.satt:
            lines.append(
                _("Stemmelikhet (%(f)d for, %(m)d mot): settestyreleders stemme avgjør.")
                % {"f": tall.for_, "m": tall.mot}
            )
        else:
            lines.append(
                _("Stemmelikhet (%(f)d for, %(m)d mot): styreleders stemme avgjør.")
                % {"f": tall.for_, "m": tall.mot}
            )
    elif utfall.stemmelikhet:
        lines.append(
            _(
                "Stemmelikhet (%(f)d for, %(m)d mot), og møteleder har ikke stemt for eller "
                "mot innstillingen. Et tilskudd krever flertall for å innvilge, så søknaden "
                "blir avslått."
            )
            % {"f": tall.for_, "m": tall.mot}
        )
    if utfall.stemmelikhet_uten_leder and innstilling is not None and not innstilling.innvilge:
        lines.append(_("Innstillingen om avslag blir stående."))
    else:
        lines.append(
            _("Innstillingen er vedtatt.")
            if utfall.vedtatt
            else _("Innstillingen er ikke vedtatt.")
        )
    lines.append(_("Søknaden blir innvilget.") if utfall.innvilget else _("Søknaden blir avslått."))
    if utfall.innvilger_mot_avslag:
        lines.append(
            _(
                "Programlederen innstilte på avslag: velg potten i årets handlingsplan og "
                "beløpet, og skriv styrets begrunnelse."
            )
        )
    elif not utfall.vedtatt:
        lines.append(_("Skriv styrets begrunnelse for avslaget. Den står i brevet."))
    return lines


def potter_for_bekreftelse(sak: Sak):
    """The pots the chair may choose at confirmation: this year's, and the recommended one."""
    innstilling = sak.innstilling
    pots = potter_for_vedtak(sak.soknad.program)
    if innstilling.pot_id:
        pots = pots | Pot.objects.filter(pk=innstilling.pot_id)
    return pots.select_related("strategi__handlingsplan")


def bekreftelse_oversikt(sak: Sak, leder) -> tuple:
    """The vote count and what confirming it would decide, in plain words."""
    tall = regler.stemmetall(sak)
    utfallet = styrets_utfall(tall, leder.user, sak.innstilling)
    return tall, utfall_tekst(tall, utfallet, leder, sak.innstilling)
