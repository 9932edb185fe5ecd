"""Amounts are bounded in the models as in the forms: a number beyond the bound is refused
with a message by validation, and by the database if anything writes it directly."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from soknader.models import Finansieringslinje, Kostnadslinje, OffentligStotte
from soknader.models.soknad import MAKS_BELOP
from tests.soknader.factories import draft_complete

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Kostnadslinje, Finansieringslinje, OffentligStotte])
def test_an_amount_beyond_the_bound_is_refused_by_the_model_and_the_database(model):
    soknad = draft_complete()
    line = model.objects.filter(soknad=soknad).first() or OffentligStotte(
        soknad=soknad, giver="Fylket", belop=1, dato="2025-01-01", type="prosjekt"
    )
    line.belop = MAKS_BELOP + 1
    with pytest.raises(ValidationError) as invalid:
        line.full_clean(exclude=["soknad"])
    assert "belop" in invalid.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()
    line.belop = MAKS_BELOP
    line.full_clean(exclude=["soknad"])
    line.save()
