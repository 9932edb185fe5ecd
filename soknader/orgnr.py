"""Organisation numbers: 9 digits, mod-11 checked, via python-stdnum."""

import re

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


MAKS_TILKNYTTEDE = 20


def orgnr_list_clean(value: str, *, field: str = "tilknyttede_orgnr") -> str:
    """Organisation numbers separated by commas, semicolons or new lines, each checked:
    stored as nine digits each, separated by commas, without repeats."""
    numbers = []
    for part in re.split(r"[,;\n]+", value or ""):
        if not part.strip():
            continue
        try:
            digits = orgnr_clean(part, field=field)
        except DomainError as exc:
            raise DomainError(
                _("«%(nr)s»: %(feil)s") % {"nr": part.strip(), "feil": exc.message},
                field=field,
                code=exc.code,
            ) from None
        if digits not in numbers:
            numbers.append(digits)
    if len(numbers) > MAKS_TILKNYTTEDE:
        raise DomainError(
            _("Skriv høyst %(n)d organisasjonsnumre.") % {"n": MAKS_TILKNYTTEDE}, field=field
        )
    return ",".join(numbers)


def orgnr_list(value: str) -> list[str]:
    """The numbers stored by orgnr_list_clean."""
    return [nr for nr in (value or "").split(",") if nr]
