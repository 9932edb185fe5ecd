"""Organisation numbers: 9 digits, mod-11 checked, via python-stdnum."""

from django.utils.translation import gettext as _
from stdnum import exceptions
from stdnum.no import orgnr as stdnum_orgnr

from felles.errors import DomainError


def orgnr_clean(value: str, *, field: str = "orgnr") -> str:
    """The nine digits of a valid organisation number, or a DomainError that says what is wrong."""
    raw = (value or "").strip()
    if not raw:
        raise DomainError(_("Skriv inn organisasjonsnummeret."), field=field, code="required")
    digits = stdnum_orgnr.compact(raw)
    try:
        if not digits.isdigit():
            raise exceptions.InvalidFormat()
        if len(digits) != 9:
            raise exceptions.InvalidLength()
        return stdnum_orgnr.validate(digits)
    except exceptions.InvalidLength:
        raise DomainError(
            _("Organisasjonsnummeret er ugyldig: det skal ha 9 sifre."),
            field=field,
            code="invalid_length",
        ) from None
    except exceptions.InvalidFormat:
        raise DomainError(
            _("Organisasjonsnummeret er ugyldig: det kan bare inneholde sifre."),
            field=field,
            code="invalid_format",
        ) from None
    except exceptions.InvalidChecksum:
        raise DomainError(
            _("Organisasjonsnummeret er ugyldig: kontrollsifferet stemmer ikke."),
            field=field,
            code="invalid_checksum",
        ) from None
    except exceptions.ValidationError:
        raise DomainError(
            _("Organisasjonsnummeret er ugyldig."), field=field, code="invalid"
        ) from None


def orgnr_format(value: str) -> str:
    """ "988077917" → "988 077 917"."""
    return stdnum_orgnr.format(value) if value else ""
