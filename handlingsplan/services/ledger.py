"""The only code that moves money. Every movement is a Postering, written under row locks.

Lock order is always: pots by ascending id, then the commitment. The cached
balances on Pot and Forpliktelse are updated with F() expressions in the same
transaction as the entry, and the database constraints on both models refuse
any state where a pot is overdrawn or a commitment overpaid, even if this
module had a bug.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import kr
from handlingsplan.models import Forpliktelse, Handlingsplan, Postering, Pot

T = Postering.Type


def _whole_kroner(amount, *, field: str = "belop") -> int:
    """Amounts are whole kroner: 1000, "1000" and Decimal("1000") pass; 10.5, True and "" do not."""
    not_whole = DomainError(_("Beløpet må være et helt antall kroner."), field=field)
    if isinstance(amount, bool) or amount is None:
        raise not_whole
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise not_whole from None
    if not value.is_finite() or value != value.to_integral_value():
        raise not_whole
    if value <= 0:
        raise DomainError(_("Beløpet må være større enn 0 kr."), field=field)
    return int(value)


def _no_pot() -> DomainError:
    return DomainError(_("Potten finnes ikke."))


def _lock_pots(*pot_ids: int, with_strategi: bool = False) -> dict[int, Pot]:
    pots = Pot.objects.select_for_update(of=("self",)).filter(pk__in=sorted(set(pot_ids)))
    if with_strategi:
        pots = pots.select_related("strategi")
    locked = {pot.pk: pot for pot in pots.order_by("pk")}
    if set(pot_ids) - set(locked):
        raise _no_pot()
    return locked


def _not_enough(pot: Pot, amount: int) -> DomainError:
    return DomainError(
        _("Det er ikke nok penger i potten %(pot)s: tilgjengelig %(available)s, ønsket %(wanted)s.")
        % {"pot": pot.strategi.bokstav, "available": kr(pot.tilgjengelig), "wanted": kr(amount)},
        field="belop",
        code="not_enough_money",
    )


def _update(model, pk: int, **changes) -> int:
    """An F() update of one row, in the caller's transaction; returns the rows changed."""
    try:
        return model.objects.filter(pk=pk).update(**changes)
    except IntegrityError as exc:
        # The service checked first; this is the database's second guard.
        raise DomainError(
            _("Bevegelsen ble avvist fordi den ville gitt en ugyldig saldo.")
        ) from exc


@transaction.atomic
def pot_allocate(
    *, pot: Pot, amount: int, by=None, reason: str = "", reference: str = ""
) -> Postering:
    """Fill a pot from the action plan."""
    amount = _whole_kroner(amount)
    if not _update(Pot, pot.pk, tildelt=F("tildelt") + amount):
        raise _no_pot()
    return Postering.objects.create(
        pot=pot,
        type=T.ALLOKERING,
        belop=amount,
        begrunnelse=reason,
        vedtaksreferanse=reference,
        utfort_av=by,
    )


@transaction.atomic
def pot_transfer(
    *, from_pot: Pot, to_pot: Pot, amount: int, reason: str, reference: str, by=None
) -> tuple[Postering, Postering]:
    """Move uncommitted money from one pot to another of the same year's plan.

    Only the money: `handlingsplan.services.pot_reallocate` is the decision that also
    tells the board. The entries' pots come with their strategies loaded.
    """
    amount = _whole_kroner(amount)
    if from_pot.pk == to_pot.pk:
        raise DomainError(_("Velg to forskjellige potter."), field="til_pot")
    if not (reason or "").strip():
        raise DomainError(_("Oppgi en begrunnelse for omfordelingen."), field="begrunnelse")
    if not (reference or "").strip():
        raise DomainError(
            _("Oppgi referansen til vedtaket om omfordelingen."), field="vedtaksreferanse"
        )
    pots = _lock_pots(from_pot.pk, to_pot.pk, with_strategi=True)
    source, target = pots[from_pot.pk], pots[to_pot.pk]
    if source.strategi.handlingsplan_id != target.strategi.handlingsplan_id:
        raise DomainError(
            _("Det kan bare omfordeles mellom potter i samme års handlingsplan."), field="til_pot"
        )
    if source.tilgjengelig < amount:
        raise _not_enough(source, amount)
    common = {"begrunnelse": reason.strip(), "vedtaksreferanse": reference.strip(), "utfort_av": by}
    out = Postering.objects.create(pot=source, type=T.OMFORDELING_UT, belop=amount, **common)
    into = Postering.objects.create(
        pot=target, type=T.OMFORDELING_INN, belop=amount, motpost=out, **common
    )
    _update(Pot, source.pk, tildelt=F("tildelt") - amount)
    _update(Pot, target.pk, tildelt=F("tildelt") + amount)
    return out, into


def pot_commit(*, pot: Pot, amount: int, reference: str, by=None, reason: str = "") -> Forpliktelse:
    """Commit money from a pot for a grant (tilsagn). Refuses when the pot has too little, or
    when its action plan is not yet approved by the board.

    One conditional UPDATE locks the pot row, checks what is available and takes the
    amount; a concurrent commitment waits for the lock and the check is made again on
    the row it left. Nothing is written when it refuses, so the refusal is raised after
    the block and a caller's transaction stays usable.
    """
    amount = _whole_kroner(amount)
    approved = Handlingsplan.objects.filter(
        strategier__pot=OuterRef("pk"), status__in=Handlingsplan.GODKJENTE
    )
    with transaction.atomic(savepoint=False):
        taken = Pot.objects.filter(
            Exists(approved), pk=pot.pk, tildelt__gte=F("forpliktet") + amount
        ).update(forpliktet=F("forpliktet") + amount)
        if taken:
            commitment = Forpliktelse.objects.create(pot=pot, referanse=reference, belop=amount)
            Postering.objects.create(
                pot=pot,
                forpliktelse=commitment,
                type=T.FORPLIKTELSE,
                belop=amount,
                begrunnelse=reason,
                vedtaksreferanse=reference,
                utfort_av=by,
            )
            return commitment
    found = Pot.objects.select_related("strategi__handlingsplan").filter(pk=pot.pk).first()
    if found is None:
        raise _no_pot()
    plan = found.strategi.handlingsplan
    if plan.status not in Handlingsplan.GODKJENTE:
        raise DomainError(
            _(
                "Pengene i potten kan ikke brukes før handlingsplanen for %(ar)s er godkjent "
                "av styringsgruppen."
            )
            % {"ar": plan.ar},
            field="pot",
            code="plan_not_approved",
        )
    raise _not_enough(found, amount)


def _lock_commitment(forpliktelse: Forpliktelse) -> tuple[Pot, Forpliktelse]:
    pot_id = Forpliktelse.objects.values_list("pot_id", flat=True).get(pk=forpliktelse.pk)
    pot = _lock_pots(pot_id)[pot_id]
    return pot, Forpliktelse.objects.select_for_update().get(pk=forpliktelse.pk)


def forpliktelse_lock(forpliktelse: Forpliktelse) -> Forpliktelse:
    """Lock a commitment (its pot first, in the ledger's lock order) for the caller's
    transaction, and return it as it stands: a rule that decides how much may be paid reads
    it here, and the payment made in the same transaction cannot be overtaken."""
    return _lock_commitment(forpliktelse)[1]


@transaction.atomic
def forpliktelse_pay(
    *, forpliktelse: Forpliktelse, amount: int, reference: str = "", by=None
) -> Postering:
    """Pay out against a commitment; never beyond what remains of it."""
    amount = _whole_kroner(amount)
    pot, locked = _lock_commitment(forpliktelse)
    if amount > locked.gjenstaende:
        raise DomainError(
            _("Utbetalingen på %(wanted)s er større enn det som gjenstår av tilsagnet (%(left)s).")
            % {"wanted": kr(amount), "left": kr(locked.gjenstaende)},
            field="belop",
            code="beyond_commitment",
        )
    entry = Postering.objects.create(
        pot=pot,
        forpliktelse=locked,
        type=T.UTBETALING,
        belop=amount,
        vedtaksreferanse=reference,
        utfort_av=by,
    )
    _update(Forpliktelse, locked.pk, utbetalt=F("utbetalt") + amount)
    _update(Pot, pot.pk, utbetalt=F("utbetalt") + amount)
    return entry


@transaction.atomic
def forpliktelse_release(
    *, forpliktelse: Forpliktelse, amount: int | None = None, reason: str = "", by=None
) -> Postering | None:
    """Give an unused commitment (all that is left of it, or `amount`) back to the pot."""
    pot, locked = _lock_commitment(forpliktelse)
    if amount is None:
        amount = locked.gjenstaende
        if amount == 0:
            return None
    amount = _whole_kroner(amount)
    if amount > locked.gjenstaende:
        raise DomainError(
            _("Kan ikke frigjøre %(wanted)s: bare %(left)s av tilsagnet er ubrukt.")
            % {"wanted": kr(amount), "left": kr(locked.gjenstaende)},
            field="belop",
        )
    entry = Postering.objects.create(
        pot=pot,
        forpliktelse=locked,
        type=T.FRIGJORING,
        belop=amount,
        begrunnelse=reason,
        utfort_av=by,
    )
    _update(Forpliktelse, locked.pk, frigjort=F("frigjort") + amount)
    _update(Pot, pot.pk, forpliktet=F("forpliktet") - amount)
    return entry


@transaction.atomic
def forpliktelse_clawback(
    *, forpliktelse: Forpliktelse, amount: int, reason: str, reference: str = "", by=None
) -> Postering:
    """Money paid out comes back (tilbakeføring); it returns to the pot's available money."""
    amount = _whole_kroner(amount)
    pot, locked = _lock_commitment(forpliktelse)
    if amount > locked.netto_utbetalt:
        raise DomainError(
            _("Kan ikke tilbakeføre %(wanted)s: bare %(paid)s er utbetalt på tilsagnet.")
            % {"wanted": kr(amount), "paid": kr(locked.netto_utbetalt)},
            field="belop",
        )
    entry = Postering.objects.create(
        pot=pot,
        forpliktelse=locked,
        type=T.TILBAKEFORING,
        belop=amount,
        begrunnelse=reason,
        vedtaksreferanse=reference,
        utfort_av=by,
    )
    _update(Forpliktelse, locked.pk, tilbakefort=F("tilbakefort") + amount)
    _update(Pot, pot.pk, utbetalt=F("utbetalt") - amount, forpliktet=F("forpliktet") - amount)
    return entry


# -- Verification: the caches against the ledger ------------------------------------------


@dataclass(frozen=True)
class Avvik:
    """A cached balance that disagrees with the ledger."""

    what: str
    pk: int
    field: str
    cached: int
    ledger: int


def _sums(prefix: str) -> dict:
    def s(*types):
        return Sum(f"{prefix}belop", filter=Q(**{f"{prefix}type__in": types}), default=0)

    return {
        "l_tildelt_pluss": s(T.ALLOKERING, T.OMFORDELING_INN),
        "l_tildelt_minus": s(T.OMFORDELING_UT),
        "l_forpliktet_pluss": s(T.FORPLIKTELSE),
        "l_forpliktet_minus": s(T.FRIGJORING, T.TILBAKEFORING),
        "l_utbetalt_pluss": s(T.UTBETALING),
        "l_utbetalt_minus": s(T.TILBAKEFORING),
        "l_frigjort": s(T.FRIGJORING),
        "l_tilbakefort": s(T.TILBAKEFORING),
    }


def ledger_verify(*, pots: Iterable[Pot] | None = None) -> list[Avvik]:
    """Recompute every cached balance from the ledger; return what disagrees (empty = balanced)."""
    pot_qs = Pot.objects.all() if pots is None else Pot.objects.filter(pk__in=[p.pk for p in pots])
    found: list[Avvik] = []
    for pot in pot_qs.annotate(**_sums("posteringer__")).order_by("pk"):
        expected = {
            "tildelt": pot.l_tildelt_pluss - pot.l_tildelt_minus,
            "forpliktet": pot.l_forpliktet_pluss - pot.l_forpliktet_minus,
            "utbetalt": pot.l_utbetalt_pluss - pot.l_utbetalt_minus,
        }
        for field, value in expected.items():
            if getattr(pot, field) != value:
                found.append(Avvik("pot", pot.pk, field, getattr(pot, field), value))
    commitments = Forpliktelse.objects.filter(pot__in=pot_qs).annotate(**_sums("posteringer__"))
    for c in commitments.order_by("pk"):
        expected = {
            "belop": c.l_forpliktet_pluss,
            "utbetalt": c.l_utbetalt_pluss,
            "frigjort": c.l_frigjort,
            "tilbakefort": c.l_tilbakefort,
        }
        for field, value in expected.items():
            if getattr(c, field) != value:
                found.append(Avvik("forpliktelse", c.pk, field, getattr(c, field), value))
    return found
