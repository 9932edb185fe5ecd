"""Helpers shared by the case services: locking, state moves, history, deadlines, links."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from felles.errors import DomainError
from notifications.services import message_send
from soknader.models import Behandling, Sakshendelse

B = Behandling.Status

# Allowed moves of a case. Withdrawal and closing are allowed from every open state.
APEN = {B.KONTROLL, B.VENTER_SVAR, B.VURDERING, B.TIL_VEDTAK, B.STYRET, B.VENTER_AKSEPT}
TRANSITIONS: dict[str, set[str]] = {
    B.KONTROLL: {B.VURDERING, B.VENTER_SVAR, B.TRUKKET, B.AVBRUTT},
    B.VENTER_SVAR: {B.KONTROLL, B.TRUKKET, B.AVBRUTT},
    B.VURDERING: {B.TIL_VEDTAK, B.STYRET, B.TRUKKET, B.AVBRUTT},
    B.TIL_VEDTAK: {B.VENTER_AKSEPT, B.AVSLATT, B.TRUKKET, B.AVBRUTT},
    B.STYRET: {B.VENTER_AKSEPT, B.AVSLATT, B.TRUKKET, B.AVBRUTT},
    B.VENTER_AKSEPT: {B.AKSEPTERT, B.BORTFALT, B.TRUKKET, B.AVBRUTT},
    B.AKSEPTERT: set(),
    B.AVSLATT: set(),
    B.BORTFALT: set(),
    B.TRUKKET: set(),
    B.AVBRUTT: set(),
}
AVSLUTTET = {s for s, targets in TRANSITIONS.items() if not targets}


def lock(behandling: Behandling) -> Behandling:
    return (
        Behandling.objects.select_for_update(of=("self",))
        .select_related("soknad", "soknad__program")
        .get(pk=behandling.pk)
    )


def require(behandling: Behandling, *states: str) -> None:
    if behandling.status not in states:
        raise DomainError(
            _("Saken er ikke i riktig steg for dette (status: %(status)s).")
            % {"status": behandling.get_status_display()},
            code="wrong_state",
        )


def move(behandling: Behandling, to: str) -> None:
    if to not in TRANSITIONS[behandling.status]:
        raise DomainError(
            _("Saken kan ikke gå fra «%(fra)s» til «%(til)s».")
            % {"fra": behandling.get_status_display(), "til": B(to).label},
            code="wrong_state",
        )
    behandling.status = to


def hendelse(behandling: Behandling, type: str, by=None, tekst: str = "") -> Sakshendelse:  # noqa: A002
    user = by if getattr(by, "is_authenticated", False) else None
    return Sakshendelse.objects.create(
        behandling=behandling, type=type, utfort_av=user, tekst=tekst
    )


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def minside_url(behandling: Behandling) -> str:
    return settings.SITE_URL + reverse(
        "soknader:minside_soknad", kwargs={"pk": behandling.soknad_id}
    )


def staff_url(path: str = "") -> str:
    return settings.SITE_URL + "/staff/" + path.lstrip("/")


def soker_adresser(behandling: Behandling) -> list[str]:
    soknad = behandling.soknad
    return sorted({a for a in (soknad.kontakt_epost, soknad.prosjektleder_epost) if a})


def send_to_applicants(
    behandling: Behandling,
    *,
    template: str,
    key: str,
    legal: bool = False,
    attachments=(),
    **context,
) -> None:
    """One e-mail to each of the applicant's addresses, in the application's language,
    with the case title, number and Min side link in the context. `key` is per address."""
    soknad = behandling.soknad
    for address in soker_adresser(behandling):
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
                "reference": soknad.saksnummer,
                "url": minside_url(behandling),
                **context,
            },
        )
