"""The linked undertakings an applicant declares (same single undertaking for de minimis
aid): organisation numbers checked one by one and stored as nine digits each."""

import re

import pytest

from felles.errors import DomainError
from soknader.orgnr import orgnr_list, orgnr_list_clean
from tests.factories import ProgramFactory

from . import journey
from .journey import STEP1, STEP2, STEP4, step_url

pytestmark = pytest.mark.django_db


def test_numbers_are_checked_and_stored_without_spaces_or_repeats():
    assert orgnr_list_clean("974 760 673, 923609016;\n974760673") == "974760673,923609016"
    assert orgnr_list("974760673,923609016") == ["974760673", "923609016"]
    assert orgnr_list_clean("  ") == "" and orgnr_list("") == []
    with pytest.raises(DomainError) as refused:
        orgnr_list_clean("974760673, 974760674")
    assert refused.value.message == (
        "«974760674»: Organisasjonsnummeret er ugyldig: kontrollsifferet stemmer ikke."
    )


def test_the_support_step_saves_the_linked_undertakings(client):
    ProgramFactory()
    token = journey.start(client)
    client.post(step_url(token, 1), STEP1)
    client.post(step_url(token, 2), STEP2)

    response = client.post(step_url(token, 4), {**STEP4, "tilknyttede_orgnr": "974 760 67"})
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"«974 760 67»: Organisasjonsnummeret er ugyldig: det skal ha 9 sifre", body)
    assert journey.soknad_of(token).tilknyttede_orgnr == ""

    response = client.post(
        step_url(token, 4), {**STEP4, "tilknyttede_orgnr": "974 760 673, 923 609 016"}
    )
    assert response.status_code == 302
    soknad = journey.soknad_of(token)
    assert soknad.tilknyttede_orgnr == "974760673,923609016"
    assert soknad.nye_menn == 2
