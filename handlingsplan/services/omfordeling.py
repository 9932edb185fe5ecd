"""Reallocation by decision (omfordeling): the ledger moves the money, the board hears of it."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from felles.formatting import kr
from felles.roles import Rolle
from handlingsplan.models import Postering, Pot
from notifications.services import messages_send_to_roles

from .ledger import pot_transfer


@transaction.atomic
def pot_reallocate(
    *, from_pot: Pot, to_pot: Pot, amount: int, reason: str, reference: str, by=None
) -> tuple[Postering, Postering]:
    """Move uncommitted money between two pots of one year's plan, and tell the board.

    The chair and the observers get an e-mail: its rows are written in this
    transaction and sent after it commits, so a refused move sends nothing.
    """
    out, into = pot_transfer(
        from_pot=from_pot, to_pot=to_pot, amount=amount, reason=reason, reference=reference, by=by
    )
    _notify_reallocation(out, into, by)
    return out, into


def _notify_reallocation(out: Postering, into: Postering, by) -> None:
    source, target = out.pot.strategi, into.pot.strategi
    messages_send_to_roles(
        roles=[Rolle.STYRELEDER, Rolle.OBSERVATOR],
        template="pot_reallocated",
        key=f"omfordeling:{out.pk}",
        case=out,
        context={
            "amount": kr(out.belop),
            "from_pot": f"{source.bokstav} {source.navn}",
            "to_pot": f"{target.bokstav} {target.navn}",
            "reason": out.begrunnelse,
            "reference": out.vedtaksreferanse,
            "by": (by.get_full_name() or by.get_username()) if by else _("Programleder"),
            "url": settings.SITE_URL + reverse("handlingsplan:index"),
        },
    )
