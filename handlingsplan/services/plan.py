"""The yearly plan's status: draft → approved by the board → adopted by the council → published."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from handlingsplan.models import Handlingsplan, HandlingsplanStatusendring

Status = Handlingsplan.Status

STATUS_ORDER = [Status.UTKAST, Status.GODKJENT, Status.VEDTATT, Status.PUBLISERT]

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.UTKAST: {Status.GODKJENT},
    Status.GODKJENT: {Status.VEDTATT},
    Status.VEDTATT: {Status.PUBLISERT},
    Status.PUBLISERT: set(),
}

# Where each step's date and reference are kept on the plan.
_STEP_FIELDS = {
    Status.GODKJENT: ("godkjent_dato", "godkjent_referanse"),
    Status.VEDTATT: ("vedtatt_dato", "vedtatt_referanse"),
    Status.PUBLISERT: ("publisert_dato", "publisert_referanse"),
}


def _previous_date(plan: Handlingsplan) -> datetime.date | None:
    dates = [getattr(plan, fields[0]) for fields in _STEP_FIELDS.values()]
    return max((d for d in dates if d), default=None)


@transaction.atomic
def handlingsplan_advance(
    *, plan: Handlingsplan, to: str, date: datetime.date, reference: str, by=None
) -> Handlingsplan:
    """Move the plan one step on, recording the date, the decision's reference and who did it."""
    try:
        target = Status(to)
    except ValueError:
        raise DomainError(_("Ukjent status «%(to)s».") % {"to": to}, field="status") from None
    locked = Handlingsplan.objects.select_for_update().get(pk=plan.pk)
    current = Status(locked.status)
    if target not in ALLOWED_TRANSITIONS[current]:
        raise DomainError(
            _("Handlingsplanen kan ikke gå fra «%(from)s» til «%(to)s».")
            % {"from": current.label, "to": target.label},
            field="status",
            code="invalid_transition",
        )
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        raise DomainError(_("Oppgi datoen for vedtaket."), field="dato")
    if date > timezone.localdate():
        raise DomainError(_("Datoen kan ikke være fram i tid."), field="dato")
    previous = _previous_date(locked)
    if previous and date < previous:
        raise DomainError(
            _("Datoen kan ikke være før forrige steg (%(previous)s).")
            % {"previous": dato(previous)},
            field="dato",
        )
    reference = (reference or "").strip()
    if not reference:
        message = (
            _("Oppgi hvor planen er publisert.")
            if target == Status.PUBLISERT
            else _("Oppgi saksreferansen til vedtaket.")
        )
        raise DomainError(message, field="referanse")

    date_field, reference_field = _STEP_FIELDS[target]
    max_length = Handlingsplan._meta.get_field(reference_field).max_length
    if len(reference) > max_length:
        raise DomainError(
            _("Referansen er for lang (høyst %(max)s tegn).") % {"max": max_length},
            field="referanse",
        )
    setattr(locked, date_field, date)
    setattr(locked, reference_field, reference)
    locked.status = target
    locked.save(update_fields=["status", date_field, reference_field])
    HandlingsplanStatusendring.objects.create(
        handlingsplan=locked,
        fra_status=current,
        til_status=target,
        dato=date,
        referanse=reference,
        utfort_av=by,
    )
    for name in ("status", date_field, reference_field):
        setattr(plan, name, getattr(locked, name))
    return locked
