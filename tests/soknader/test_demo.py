import pytest

from soknader.demo import demo_soknader_ensure
from soknader.models import Soknad
from soknader.orgnr import orgnr_clean
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_demo_applications_are_submitted_with_valid_numbers_and_run_once():
    ProgramFactory(start_ar=2021, slutt_ar=2026)
    created = demo_soknader_ensure()
    assert len(created) == 3
    for soknad in created:
        assert soknad.status == Soknad.Status.SENDT and soknad.saksnummer
        assert orgnr_clean(soknad.orgnr) == soknad.orgnr
    assert demo_soknader_ensure() == []
    assert Soknad.objects.count() == 3


def test_no_program_no_demo_applications():
    assert demo_soknader_ensure() == []
