"""The project's kinds of deadline, registered with notifications' reminders, and the one
place that opens and closes them. Status and final reports use the case app's kinds."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.registry import deadline_kind_register
from notifications.services import DeadlineSpec, deadline_close, deadlines_open_many
from workflow.deadline_kinds import Frist as K


class PlpFrist(models.TextChoices):
    OPPSTART = "plp_oppstart", gettext_lazy("Oppstart av prosjekt")
    OPPFOLGING = "plp_oppfolging", gettext_lazy("Oppfølging av arbeidsplasser")
    UTBETALINGSFRIST = "plp_utbetalingsfrist", gettext_lazy("Siste utbetalingsanmodning")


STATUSRAPPORT = K.STATUSRAPPORT.value
SLUTTRAPPORT = K.SLUTTRAPPORT.value


def register() -> None:
    for kind in PlpFrist:
        deadline_kind_register(kind.value, kind.label)


def due(day: datetime.date) -> datetime.datetime:
    """A deadline on a day runs to the end of that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def minside_link(fase) -> str:
    path = reverse("plp:minside_prosjekt", kwargs={"pk": fase.prosjekt_id})
    return settings.SITE_URL.rstrip("/") + path


def open_for(fase, *items: tuple[str, str, datetime.date, str]) -> None:
    """Open deadlines for the phase's prosjektleder: `(kind, key suffix, day, title)`."""
    prosjekt = fase.prosjekt
    deadlines_open_many(
        [
            DeadlineSpec(
                kind=kind,
                title=f"{title}: {prosjekt.navn}",
                due_at=due(day),
                email=prosjekt.prosjektleder_epost,
                case=fase,
                link=minside_link(fase),
                key=f"plp:fase:{fase.pk}:{suffix}",
                language=fase.sak.soknad.sprak if fase.sak_id else None,
            )
            for kind, suffix, day, title in items
        ]
    )


def statusrapport_open(fase, day: datetime.date) -> None:
    open_for(fase, (STATUSRAPPORT, f"statusrapport:{day.isoformat()}", day, _("Statusrapport")))


def utbetalingsfrist_item(fase) -> list[tuple[str, str, datetime.date, str]]:
    """The deadline for the phase's last payout request, when it has one."""
    day = fase.utbetalingsfrist
    if day is None:
        return []
    title = _("Siste utbetalingsanmodning")
    return [(PlpFrist.UTBETALINGSFRIST, f"utbetalingsfrist:{day.isoformat()}", day, title)]


def close(fase, kind: str = "") -> None:
    deadline_close(case=fase, kind=kind)


def close_reports(fase, *, keep_payout: bool) -> None:
    """The phase's report is done: its deadlines close, but the last payout request's while
    money is left to ask for."""
    if keep_payout:
        for kind in (PlpFrist.OPPSTART, STATUSRAPPORT, SLUTTRAPPORT, PlpFrist.OPPFOLGING):
            deadline_close(case=fase, kind=kind)
    else:
        deadline_close(case=fase)
