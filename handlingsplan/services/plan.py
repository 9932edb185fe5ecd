"""The yearly plan's status: draft → approved by the board → adopted by the council → published.

`HandlingsplanStatus` is the one place the allowed steps are written, as a viewflow.fsm
state machine over the plan's `status` field. Each step stores its date and reference
on the plan and records a HandlingsplanStatusendring; a step the machine does not allow
becomes a DomainError for the person who asked.
"""

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow import fsm

from felles.errors import DomainError
from felles.formatting import dato, kr
from handlingsplan.models import Handlingsplan, HandlingsplanStatusendring, Pot

Status = Handlingsplan.Status

STATUS_ORDER = [Status.UTKAST, Status.GODKJENT, Status.VEDTATT, Status.PUBLISERT]

# Where each step's date and reference are kept on the plan.
_STEP_FIELDS = {
    Status.GODKJENT: ("godkjent_dato", "godkjent_referanse"),
    Status.VEDTATT: ("vedtatt_dato", "vedtatt_referanse"),
    Status.PUBLISERT: ("publisert_dato", "publisert_referanse"),
}


class HandlingsplanStatus:
    """The plan's allowed steps, one transition per step; the plan is locked by the caller."""

    status = fsm.State(Status, default=Status.UTKAST)

    def __init__(self, plan: Handlingsplan):
        self.plan = plan

    @status.getter()
    def _status_get(self) -> str:
        return self.plan.status

    @status.setter()
    def _status_set(self, value: str) -> None:
        self.plan.status = value

    @status.transition(source=Status.UTKAST, target=Status.GODKJENT)
    def approve(self, *, date: datetime.date, reference: str, by=None) -> None:
        """The board (styringsgruppen) approves the draft."""
        self._step(Status.GODKJENT, date, reference)

    @status.transition(source=Status.GODKJENT, target=Status.VEDTATT)
    def adopt(self, *, date: datetime.date, reference: str, by=None) -> None:
        """The municipal council (kommunestyret) adopts the approved plan."""
        self._step(Status.VEDTATT, date, reference)

    @status.transition(source=Status.VEDTATT, target=Status.PUBLISERT)
    def publish(self, *, date: datetime.date, reference: str, by=None) -> None:
        """The adopted plan is made public; the reference says where."""
        self._step(Status.PUBLISERT, date, reference)

    def _step(self, target: str, date: datetime.date, reference: str) -> None:
        date_field, reference_field = _STEP_FIELDS[target]
        setattr(self.plan, date_field, date)
        setattr(self.plan, reference_field, reference)
        self.plan.save(update_fields=["status", date_field, reference_field])

    @status.on_success()
    def _record(self, descriptor, source, target, *, date, reference, by=None) -> None:
        HandlingsplanStatusendring.objects.create(
            handlingsplan=self.plan,
            fra_status=source,
            til_status=target,
            dato=date,
            referanse=reference,
            utfort_av=by,
        )


# The step that leads to each status: "to=vedtatt" is HandlingsplanStatus.adopt.
_STEP_TO = {
    transition.target: method.slug
    for method in HandlingsplanStatus.status.get_transitions()
    for transition in method.get_transitions()
}


def _previous_date(plan: Handlingsplan) -> datetime.date | None:
    dates = [getattr(plan, fields[0]) for fields in _STEP_FIELDS.values()]
    return max((d for d in dates if d), default=None)


def _check_step(locked: Handlingsplan, target: str, date, reference: str) -> None:
    """The date and the reference a step needs, checked before the step is taken."""
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
    if not reference:
        message = (
            _("Oppgi hvor planen er publisert.")
            if target == Status.PUBLISERT
            else _("Oppgi saksreferansen til vedtaket.")
        )
        raise DomainError(message, field="referanse")
    max_length = Handlingsplan._meta.get_field(_STEP_FIELDS[target][1]).max_length
    if len(reference) > max_length:
        raise DomainError(
            _("Referansen er for lang (høyst %(max)s tegn).") % {"max": max_length},
            field="referanse",
        )


def _not_allowed(current: str, target: str) -> DomainError:
    return DomainError(
        _("Handlingsplanen kan ikke gå fra «%(from)s» til «%(to)s».")
        % {"from": Status(current).label, "to": Status(target).label},
        field="status",
        code="invalid_transition",
    )


def plan_problems(plan: Handlingsplan) -> list[str]:
    """What the board must resolve before it approves the plan: the figures the plan's own
    arithmetic contradicts (found at the import), and pots that hold more than the year's
    financing."""
    problems = [entry.get("tekst", "") for entry in plan.avvik]
    pots = Pot.objects.filter(strategi__handlingsplan=plan).aggregate(s=Sum("tildelt"))["s"] or 0
    financing = plan.finansiering.aggregate(s=Sum("belop"))["s"] or 0
    hours = plan.programleder_timer.aggregate(s=Sum("timer"))["s"] or 0
    for_projects = financing - plan.administrasjonsbudsjett - int(hours * plan.timekostnad)
    if pots and pots > for_projects:
        problems.append(
            _(
                "Pottene har %(pots)s, mer enn finansieringen til prosjekter på %(fin)s "
                "(finansieringen uten administrasjon og programlederens timer)."
            )
            % {"pots": kr(pots), "fin": kr(for_projects)}
        )
    return problems


def _check_resolution(locked: Handlingsplan, resolusjon: str) -> None:
    problems = plan_problems(locked)
    if problems and not resolusjon:
        raise DomainError(
            _(
                "Planen har %(n)s avvik i egne tall. Skriv styringsgruppens vedtak om hvilke "
                "tall som gjelder, før planen godkjennes."
            )
            % {"n": len(problems)},
            field="resolusjon",
            code="unresolved",
        )
    locked.avvik_resolusjon = resolusjon
    locked.save(update_fields=["avvik_resolusjon"])


@transaction.atomic
def handlingsplan_advance(
    *,
    plan: Handlingsplan,
    to: str,
    date: datetime.date,
    reference: str,
    by=None,
    resolusjon: str = "",
) -> Handlingsplan:
    """Move the plan one step on, recording the date, the decision's reference and who did it.

    The board's approval of a plan with figures its own arithmetic contradicts, or with pots
    above its financing, needs the board's recorded resolution of which figures stand."""
    try:
        target = Status(to)
    except ValueError:
        raise DomainError(_("Ukjent status «%(to)s».") % {"to": to}, field="status") from None
    locked = Handlingsplan.objects.select_for_update().get(pk=plan.pk)
    machine = HandlingsplanStatus(locked)
    step = _STEP_TO.get(target)
    if step is None or not getattr(machine, step).can_proceed():
        raise _not_allowed(locked.status, target)
    reference = (reference or "").strip()
    _check_step(locked, target, date, reference)
    if target == Status.GODKJENT:
        _check_resolution(locked, (resolusjon or "").strip())
    try:
        getattr(machine, step)(date=date, reference=reference, by=by)
    except fsm.TransitionNotAllowed:
        raise _not_allowed(locked.status, target) from None
    date_field, reference_field = _STEP_FIELDS[target]
    for name in ("status", date_field, reference_field):
        setattr(plan, name, getattr(locked, name))
    return locked
