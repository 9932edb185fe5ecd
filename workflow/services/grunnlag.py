"""What every case service shares: locking the case, its history, links and the applicant's
addresses."""

from django.conf import settings

from felles.errors import DomainError
from notifications.services import message_send
from workflow.deadline_kinds import Frist as K
from workflow.models import Hendelse, Sak


def sak_lock(sak: Sak) -> Sak:
    locked = (
        Sak.objects.select_for_update(of=("self",))
        .select_related(
            "soknad__program__behandlingsregler",
            "innstilling__pot__strategi__handlingsplan",
            "programleder__notification_preference",  # the programleder's notices
        )
        .get(pk=sak.pk)
    )
    # The board (who sits on it) is no part of the case's row: as read by the caller.
    if getattr(sak, "_styret", None) is not None:
        locked._styret = sak._styret
    return locked


def hendelse_record(sak: Sak, type: str, by=None, tekst: str = "") -> Hendelse:  # noqa: A002
    user = by if getattr(by, "is_authenticated", False) else None
    return Hendelse.objects.create(sak=sak, type=type, utfort_av=user, tekst=tekst)


def hendelser_record(sak: Sak, *events: tuple, by=None) -> list[Hendelse]:
    """Several steps of one action in the case's history, in one statement: each event is
    `(type, tekst)`."""
    user = by if getattr(by, "is_authenticated", False) else None
    return Hendelse.objects.bulk_create(
        [Hendelse(sak=sak, type=type_, utfort_av=user, tekst=tekst) for type_, tekst in events]
    )


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def minside_url(sak: Sak) -> str:
    """The application's page on Min side, at its saksnummer."""
    return settings.SITE_URL + sak.gjelder_soknad.minside_path


def staff_url(path: str = "") -> str:
    return settings.SITE_URL + "/staff/" + path.lstrip("/")


def programleder_take(sak: Sak, by) -> None:
    """The programleder who acts on a case becomes its programleder (deadlines go to them)."""
    if getattr(by, "is_authenticated", False) and sak.programleder_id != by.pk:
        sak.programleder = by


INBOX = "saker/inbox/"


def oppgave_url(sak: Sak) -> str:
    """The link that opens the reader's own open task in the case (or the case page)."""
    return staff_url(f"saker/sak/{sak.pk}/oppgave/")


__all__ = [
    "INBOX",
    "K",
    "hendelse_record",
    "hendelser_record",
    "minside_url",
    "oppgave_url",
    "programleder_take",
    "required_text",
    "sak_lock",
    "send_to_applicants",
    "soker_adresser",
    "staff_url",
]


def soker_adresser(sak: Sak) -> list[str]:
    soknad = sak.gjelder_soknad
    return sorted({a for a in (soknad.kontakt_epost, soknad.prosjektleder_epost) if a})


def send_to_applicants(
    sak: Sak,
    *,
    template: str,
    key: str,
    legal: bool = False,
    attachments=(),
    **context,
) -> None:
    """One e-mail to each of the applicant's addresses, in the application's language,
    with the case title, number and Min side link in the context. `key` is per address.
    E-mails of an appeal are filed under the application, where Min side shows them."""
    soknad = sak.gjelder_soknad
    for address in soker_adresser(sak):
        message_send(
            to=address,
            template=template,
            key=f"{key}:{address}",
            language=soknad.sprak,
            case=soknad,
            legal=legal,
            attachments=attachments,
            context={
                "soknad_title": soknad.tittel,
                "reference": sak.saksnummer,
                "url": minside_url(sak),
                **context,
            },
        )
