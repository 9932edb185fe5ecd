"""What the project services share: dates, the applicant's addresses, e-mails, the flow."""

import calendar
import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from felles.errors import DomainError
from notifications.services import message_send
from plp import frister
from plp.models import Prosjekt, Prosjektforlop

# The PLP decision points: after a forstudie comes BP2, and so on (BP1 is the start).
BP_ETTER_FASE = {"forstudie": 2, "forprosjekt": 3, "hovedprosjekt": 4}
NESTE_FASE = {"forstudie": "forprosjekt", "forprosjekt": "hovedprosjekt"}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def required_text(value, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def adresser(prosjekt) -> list[str]:
    return sorted(
        {a for a in (prosjekt.prosjektansvarlig_epost, prosjekt.prosjektleder_epost) if a}
    )


def send_to_project(fase, *, template: str, key: str, legal=False, attachments=(), **context):
    """One e-mail to the project's owner and its prosjektleder, in the application's language."""
    prosjekt = fase.prosjekt
    for address in adresser(prosjekt):
        message_send(
            to=address,
            template=template,
            key=f"{key}:{address}",
            language=fase.sak.soknad.sprak,
            case=fase,
            legal=legal,
            attachments=attachments,
            context={
                "project": prosjekt.navn,
                "phase": fase.get_fase_display().lower(),
                "reference": fase.sak.saksnummer,
                "url": frister.minside_link(fase),
                **context,
            },
        )


def prosjekt_prosess(prosjekt):
    """The project's running flow, if it has one."""
    return Prosjektforlop.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(Prosjekt),
        artifact_object_id=prosjekt.pk,
        finished__isnull=True,
    ).first()


def flow_resume(prosjekt, node_name: str) -> None:
    """Run the project flow's waiting task at `node_name`, if it waits there."""
    process = prosjekt_prosess(prosjekt)
    if process is None:
        return
    node = getattr(process.flow_class, node_name)
    task = process.task_set.filter(flow_task=node, status=STATUS.NEW).first()
    if task is not None:
        node.run(task)


def not_closed(prosjekt) -> None:
    if prosjekt.status != prosjekt.Status.AKTIV:
        raise DomainError(
            _(
                "Prosjektet er %(status)s, så det tar ikke imot flere rapporter eller søknader. "
                "Ta kontakt med programlederen om noe mangler."
            )
            % {"status": prosjekt.get_status_display().lower()},
            code="closed",
        )
