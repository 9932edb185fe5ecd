"""Rules of case handling that are pure reads: settings per program, routing, the vote count."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, Subquery

from felles.roles import Rolle
from soknader.rules import soknadsbelop
from workflow.models import (
    Behandlingsregler,
    Bekreftelse,
    Habilitet,
    Innstilling,
    Sak,
    Settestyreleder,
    Stemme,
)


def regler_for(program) -> Behandlingsregler:
    """The program's settings, or the defaults (unsaved) when an administrator set none."""
    try:
        return program.behandlingsregler  # no query when read with the program
    except Behandlingsregler.DoesNotExist:
        return Behandlingsregler(program=program)


def styremedlemmer():
    """Everyone on the board: members and the chair, active, in a fixed order."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name=Rolle.STYREMEDLEM) | Q(groups__name=Rolle.STYRELEDER),
            is_active=True,
        )
        .distinct()
        .order_by("id")
    )


def styret(sak: Sak | None = None) -> list:
    """The board as `styremedlemmer()` lists it, each member with `er_leder` (the chair) and
    `sprak` (their language, if they chose one); read once per case object."""
    cached = getattr(sak, "_styret", None)
    if cached is not None:
        return cached
    from notifications.models import Preference

    user_model = get_user_model()
    members = list(
        styremedlemmer().annotate(
            er_leder=Exists(
                user_model.groups.through.objects.filter(
                    user_id=OuterRef("pk"), group__name=Rolle.STYRELEDER
                )
            ),
            sprak=Subquery(Preference.objects.filter(user=OuterRef("pk")).values("language")[:1]),
        )
    )
    if sak is not None:
        sak._styret = members
    return members


def inhabil_ids(sak: Sak) -> set[int]:
    """The ids of the members disqualified in the case; read once per case object."""
    cached = getattr(sak, "_inhabile", None)
    if cached is None:
        cached = set(
            Habilitet.objects.filter(
                sak=sak, inhabil=True, rolle=Habilitet.Rolle.STYREMEDLEM
            ).values_list("medlem_id", flat=True)
        )
        sak._inhabile = cached
    return cached


def er_inhabil(sak: Sak, user) -> bool:
    return user is not None and user.pk in inhabil_ids(sak)


@dataclass(frozen=True)
class Moteleder:
    """Who leads the board's decision in a case: the chair, or an acting chair
    (settestyreleder) when the chair is disqualified (forvaltningsloven § 6)."""

    user: object
    satt: bool  # an acting chair (settestyreleder)

    @property
    def rolle(self) -> str:
        return Bekreftelse.SETTESTYRELEDER if self.satt else Bekreftelse.STYRELEDER


def moteleder(sak: Sak) -> Moteleder:
    """The chair, unless disqualified in this case; then the program's deputy chair
    (nestleder) if on the board and declared impartial in the case; else the acting chair the
    board elected in the case (workflow.services.settestyreleder_elect), while still eligible.
    Whoever leads confirms the decision, and a tie follows their vote. Nobody leads (user
    None) until the deputy has declared or the board has elected."""
    medlemmer = {member.pk: member for member in styret(sak)}
    leder = next((member for member in medlemmer.values() if member.er_leder), None)
    if leder is None or not er_inhabil(sak, leder):
        return Moteleder(leder, False)
    habile = set(
        Habilitet.objects.filter(
            sak=sak, inhabil=False, rolle=Habilitet.Rolle.STYREMEDLEM
        ).values_list("medlem_id", flat=True)
    ) & set(medlemmer)
    nestleder_id = regler_for(sak.soknad.program).nestleder_id
    if nestleder_id in habile:
        return Moteleder(medlemmer[nestleder_id], True)
    valgt = Settestyreleder.objects.filter(sak=sak).values_list("valgt_id", flat=True).first()
    if valgt in habile:
        return Moteleder(medlemmer[valgt], True)
    return Moteleder(None, True)


def settestyreleder_trengs(sak: Sak) -> bool:
    """The chair is disqualified and no deputy chair can act: the board elects an acting
    chair for the case (a deputy who has not yet declared may still act)."""
    leder = next((member for member in styret(sak) if member.er_leder), None)
    if leder is None or not er_inhabil(sak, leder):
        return False
    nestleder_id = regler_for(sak.soknad.program).nestleder_id
    styre_ids = {member.pk for member in styret(sak)}
    if nestleder_id in styre_ids and nestleder_id not in inhabil_ids(sak):
        return False  # the deputy acts (once they have declared)
    return moteleder(sak).user is None


def habile_medlemmer(sak: Sak, *, unntatt=None) -> list:
    """Board members who may take part: not disqualified in the case, and not `unntatt`
    (the member whose impartiality the board rules on)."""
    ute = inhabil_ids(sak) | ({unntatt.pk} if unntatt is not None else set())
    return [member for member in styret(sak) if member.pk not in ute]


def habilitet_utfall(sak: Sak, stemmer: dict[int, bool]) -> tuple[bool, bool]:
    """The board's ruling on a member's impartiality from the positions of those who took
    part ({member id: disqualified}): a majority decides; a tie follows the chair's vote, or
    the deputy's or the elected acting chair's when the chair took no part; a tie without
    any of them leaves the member disqualified (the doubt is not resolved in their favour).
    Returns (disqualified, decided by the leader's vote)."""
    ja = sum(1 for inhabil in stemmer.values() if inhabil)
    nei = len(stemmer) - ja
    if ja != nei:
        return ja > nei, False
    leder = next((member.pk for member in styret(sak) if member.er_leder), None)
    nestleder = regler_for(sak.soknad.program).nestleder_id
    valgt = Settestyreleder.objects.filter(sak=sak).values_list("valgt_id", flat=True).first()
    for kandidat in (leder, nestleder, valgt):
        if kandidat in stemmer:
            return stemmer[kandidat], True
    return True, False


def saksbehandler_erklaring(sak: Sak, user) -> Habilitet | None:
    """The handler's own impartiality declaration in the case, if they made one."""
    if user is None or not getattr(user, "pk", None):
        return None
    return Habilitet.objects.filter(
        sak=sak, medlem=user, rolle=Habilitet.Rolle.SAKSBEHANDLER
    ).first()


def saksbehandler_inhabil(sak: Sak, user) -> bool | None:
    """Whether the handler declared themselves disqualified in the case (None: they have not
    declared); read once per case object and user (workflow.selectors.sak_for_prosess reads
    it with the case)."""
    known = getattr(sak, "_saksbehandler_inhabil", None)
    if known is not None and known[0] == getattr(user, "pk", None):
        return known[1]
    erklaring = saksbehandler_erklaring(sak, user)
    inhabil = None if erklaring is None else bool(erklaring.inhabil)
    saksbehandler_inhabil_known(sak, user, inhabil)
    return inhabil


def saksbehandler_inhabil_known(sak: Sak, user, inhabil: bool | None) -> None:
    if user is not None and getattr(user, "pk", None):
        sak._saksbehandler_inhabil = (user.pk, inhabil)


def habile_saksbehandlere(sak: Sak):
    """The programledere who may take over the case: not disqualified in it."""
    inhabile = Habilitet.objects.filter(
        sak=sak, rolle=Habilitet.Rolle.SAKSBEHANDLER, inhabil=True
    ).values("medlem_id")
    return programledere().exclude(pk__in=inhabile)


def programledere():
    return (
        get_user_model()
        .objects.filter(groups__name=Rolle.PROGRAMLEDER, is_active=True)
        .order_by("id")
    )


def omsokt_belop(soknad) -> int:
    return soknadsbelop(list(soknad.finansiering.all()))


def delegert(innstilling: Innstilling, program) -> bool:
    """The programleder decides alone up to the delegated limit, unless they chose the board.

    A grant is measured by the amount recommended, a rejection by the amount applied for.
    """
    if innstilling.til_styret:
        return False
    belop = innstilling.belop if innstilling.innvilge else omsokt_belop(innstilling.sak.soknad)
    return (belop or 0) <= program.delegert_grense


@dataclass
class Stemmetall:
    """Where the board's vote on a case stands."""

    medlemmer: list = field(default_factory=list)
    inhabile: list = field(default_factory=list)
    stemmer: list = field(default_factory=list)
    beslutningsdyktig: int = 0
    frist: datetime | None = None
    now: datetime | None = None

    @property
    def habile_antall(self) -> int:
        return len(self.medlemmer) - len(self.inhabile)

    @property
    def for_(self) -> int:
        return sum(1 for s in self.stemmer if s.valg == Stemme.Valg.FOR)

    @property
    def mot(self) -> int:
        return sum(1 for s in self.stemmer if s.valg == Stemme.Valg.MOT)

    @property
    def avstar(self) -> int:
        return sum(1 for s in self.stemmer if s.valg == Stemme.Valg.AVSTAR)

    @property
    def alle_har_stemt(self) -> bool:
        return len(self.stemmer) >= self.habile_antall

    @property
    def frist_ute(self) -> bool:
        return self.frist is not None and self.now is not None and self.now >= self.frist

    @property
    def beslutningsdyktig_nadd(self) -> bool:
        return len(self.stemmer) >= self.beslutningsdyktig

    @property
    def avsluttet(self) -> bool:
        """All eligible members voted, or the deadline passed with a quorum."""
        return (self.alle_har_stemt and self.habile_antall > 0) or (
            self.frist_ute and self.beslutningsdyktig_nadd and len(self.stemmer) > 0
        )


def stemmetall(sak: Sak, *, now=None) -> Stemmetall:
    """The vote on a case in three queries (the board and the disqualified members are read
    once per case object)."""
    from django.utils import timezone

    medlemmer = styret(sak)
    inhabile_ids = inhabil_ids(sak)
    stemmer = list(Stemme.objects.filter(sak=sak).select_related("medlem"))
    inhabile = [m for m in medlemmer if m.pk in inhabile_ids]
    habile = len(medlemmer) - len(inhabile)
    satt = regler_for(sak.soknad.program).beslutningsdyktig_antall
    return Stemmetall(
        medlemmer=medlemmer,
        inhabile=inhabile,
        stemmer=stemmer,
        beslutningsdyktig=min(satt, habile) if satt else habile // 2 + 1,
        frist=sak.stemmefrist,
        now=now or timezone.now(),
    )


def kostnadsgrunnlag_for(soknad) -> int:
    """The application's eligible costs: the sum of its cost plan."""
    from soknader.rules import kostnad_total

    return kostnad_total(list(soknad.kostnader.all()))


def stotteintensitet_check(innstilling, belop: int | None) -> None:
    """A grant is at most the phase's support intensity of the approved cost base, at the
    recommendation as at the decision (the form checks the amount applied for). Both are
    fixed on the recommendation when it is written."""
    from django.utils.translation import gettext as _

    from felles.errors import DomainError
    from felles.formatting import kr

    grunnlag, pct = innstilling.kostnadsgrunnlag, innstilling.stotteintensitet
    if belop is None or grunnlag is None or pct is None:
        return
    most = int((Decimal(grunnlag) * pct / 100).to_integral_value(rounding=ROUND_HALF_UP))
    if belop > most:
        raise DomainError(
            _(
                "Tilskuddet kan være høyst %(pct)s %% av kostnadsgrunnlaget på %(kostnader)s, "
                "det vil si %(max)s."
            )
            % {"pct": pct, "kostnader": kr(grunnlag), "max": kr(most)},
            field="belop",
            code="support_intensity",
        )
