"""The project's reference group: the programleder and the project itself add and remove
its members (name, role or organisation, e-mail if they like)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from plp.models import Prosjekt, Referansegruppemedlem

from .felles import required_text
from .tilstand import prosjekt_lock

MAKS_MEDLEMMER = 30
MAKS_TEKST = 200


def _open(prosjekt: Prosjekt) -> Prosjekt:
    prosjekt = prosjekt_lock(prosjekt)
    if prosjekt.status != Prosjekt.Status.AKTIV:
        raise DomainError(
            _("Prosjektet er %(status)s, så referansegruppen kan ikke endres lenger.")
            % {"status": prosjekt.get_status_display().lower()},
            code="closed",
        )
    return prosjekt


def _text(value, field: str, message: str) -> str:
    value = required_text(value, field, message)
    if len(value) > MAKS_TEKST:
        raise DomainError(
            _("Bruk høyst %(n)s tegn.") % {"n": MAKS_TEKST}, field=field, code="too_long"
        )
    return value


def referansegruppe_add(
    *, prosjekt: Prosjekt, navn: str, rolle: str, epost: str = ""
) -> Referansegruppemedlem:
    """A new member of the project's reference group."""
    navn = _text(navn, "navn", _("Skriv navnet til medlemmet."))
    rolle = _text(rolle, "rolle", _("Skriv hvilken rolle eller organisasjon medlemmet har."))
    epost = (epost or "").strip().lower()
    if epost:
        try:
            validate_email(epost)
        except ValidationError:
            raise DomainError(
                _("Skriv en gyldig e-postadresse, eller la feltet stå tomt."), field="epost"
            ) from None
    with tjeneste():
        prosjekt = _open(prosjekt)
        medlemmer = prosjekt.referansegruppe_medlemmer.all()
        if medlemmer.count() >= MAKS_MEDLEMMER:
            raise DomainError(
                _("Referansegruppen har allerede %(n)s medlemmer. Fjern noen før du legger til.")
                % {"n": MAKS_MEDLEMMER},
                code="full",
            )
        if medlemmer.filter(navn__iexact=navn, rolle__iexact=rolle).exists():
            raise DomainError(
                _("%(navn)s er allerede med i referansegruppen.") % {"navn": navn},
                field="navn",
                code="duplicate",
            )
        return Referansegruppemedlem.objects.create(
            prosjekt=prosjekt, navn=navn, rolle=rolle, epost=epost
        )


def referansegruppe_remove(*, prosjekt: Prosjekt, medlem_id: int) -> None:
    """A member leaves the reference group."""
    with tjeneste():
        prosjekt = _open(prosjekt)
        deleted, _rows = Referansegruppemedlem.objects.filter(
            prosjekt=prosjekt, pk=medlem_id
        ).delete()
        if not deleted:
            raise DomainError(_("Medlemmet er allerede fjernet."), code="gone")
