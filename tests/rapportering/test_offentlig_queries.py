"""A fixed number of queries whatever the number of grants: the open data, the public pages,
every section of the reporting pages (for the whole period and for a year) and its staff
page, with 100 and with 300 decided grants over two years."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapportering import seksjoner
from tests.factories import PotFactory
from tests.rapportering.factories import tilskudd_lag

pytestmark = pytest.mark.django_db

PUBLIC = [
    "offentlig:tilskudd_json",
    "offentlig:tilskudd_csv",
    "offentlig:maloppnaelse_json",
    "offentlig:tilskudd",
    "offentlig:maloppnaelse",
    "offentlig:program",
]


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = call()
    status = getattr(result, "status_code", 200)
    assert status == 200, status
    return len(queries)


def _counts(client, program) -> dict[str, int]:
    counts = {name: _queries(lambda n=name: client.get(reverse(n))) for name in PUBLIC}
    for seksjon in seksjoner.alle():
        counts[seksjon.slug] = _queries(lambda s=seksjon: s.bygg(program, None))
        counts[f"{seksjon.slug} 2022"] = _queries(lambda s=seksjon: s.bygg(program, 2022))
    return counts


def _staff_counts(client) -> dict[str, int]:
    return {
        seksjon.slug: _queries(
            lambda s=seksjon: client.get(reverse("rapportering:seksjon", args=[s.slug]))
        )
        for seksjon in seksjoner.alle()
    }


def test_the_same_queries_with_100_and_300_grants(client, world):
    program = world.program
    senere = PotFactory(
        fylt=2_000_000,
        strategi__budsjett=2_000_000,
        strategi__handlingsplan__program=program,
        strategi__handlingsplan__ar=2022,
        strategi__innsatsomrade=world.pot.strategi.innsatsomrade,
    )
    tilskudd_lag(pot=world.pot, antall=50, by=world.programleder)
    tilskudd_lag(pot=senere, antall=50, by=world.programleder, start=50)
    assert len(client.get(reverse("offentlig:tilskudd_json")).json()) == 100
    few = _counts(client, program)
    staff = client.__class__()
    staff.force_login(world.observator)
    few_staff = _staff_counts(staff)

    tilskudd_lag(pot=senere, antall=200, by=world.programleder, start=100)
    assert len(client.get(reverse("offentlig:tilskudd_json")).json()) == 300
    assert _counts(client, program) == few
    assert _staff_counts(staff) == few_staff
    # The sections of the registry are all measured, the public pages with them.
    assert {s.slug for s in seksjoner.alle()} <= set(few)
