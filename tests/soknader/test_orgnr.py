import pytest

from felles.errors import DomainError
from soknader.orgnr import orgnr_clean, orgnr_format


@pytest.mark.parametrize("value", ["974760673", "988 077 917", " 923609016 "])
def test_valid_numbers_are_cleaned_to_nine_digits(value):
    assert orgnr_clean(value) == value.replace(" ", "").strip()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("988077918", "Organisasjonsnummeret er ugyldig: kontrollsifferet stemmer ikke."),
        ("98807791", "Organisasjonsnummeret er ugyldig: det skal ha 9 sifre."),
        ("98807791A", "Organisasjonsnummeret er ugyldig: det kan bare inneholde sifre."),
        ("", "Skriv inn organisasjonsnummeret."),
    ],
)
def test_invalid_numbers_say_what_is_wrong(value, message):
    with pytest.raises(DomainError) as exc:
        orgnr_clean(value)
    assert exc.value.message == message
    assert exc.value.field == "orgnr"


def test_format_groups_digits():
    assert orgnr_format("988077917") == "988 077 917"
