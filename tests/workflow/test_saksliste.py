"""The list of all cases: search, filters, export, and a query count that does not grow."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.plp.utbetaling_fixtures import utbetaling_settings  # noqa: F401
from tests.workflow.conftest import innstilling_data
from workflow.models import Sak

pytestmark = pytest.mark.django_db

URL = reverse("saker:saksliste")


def submit_many(world, n, start=0):
    for i in range(start, start + n):
        world.submit(orgnr="988077917", org_navn=f"Bedrift {i} AS", tittel=f"Prosjekt {i}")


def list_queries(client, user, **params) -> tuple[int, str]:
    client.force_login(user)
    client.get(URL, params)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_query_count_is_the_same_for_3_and_30_cases(client, world, perform):
    submit_many(world, 3)
    # One case further on, with a recommendation and an owner of the board's tasks.
    sak, process = world.submit(org_navn="Vurdert AS", tittel="Vurdert")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    few, page = list_queries(client, world.programleder)
    assert page.count('data-testid="sak-rad"') == 4
    assert "Vurdert AS" in page and "150 000" in page
    submit_many(world, 27, start=3)
    many, page = list_queries(client, world.programleder)
    assert page.count('data-testid="sak-rad"') == 31
    assert few == many
    # The same with every filter in use.
    params = {
        "q": "Bedrift",
        "status": "kontroll",
        "steg": "kontroll",
        "ar": "2026",
        "hvem": world.programleder.pk,
        "sort": "-belop",
    }
    few_f, _ = list_queries(client, world.programleder, **params)
    many_f, page = list_queries(client, world.programleder, **params, fase="forprosjekt")
    assert many_f == few_f


def test_search_by_orgnr_name_title_and_saksnummer(client, world):
    world.submit(orgnr="988077917", org_navn="Fjellbakeriet AS", tittel="Ny ovn")
    sak, _ = world.submit(orgnr="974760673", org_navn="Otta Sag AS", tittel="Sagbruk")
    client.force_login(world.programleder)
    for q in ("974760673", "974 760 673", "otta sag", "Sagbruk", sak.saksnummer):
        page = client.get(URL, {"q": q}).content.decode()
        assert page.count('data-testid="sak-rad"') == 1, q
        assert "Otta Sag AS" in page and "Fjellbakeriet" not in page
    page = client.get(URL, {"status": "avslatt"}).content.decode()
    assert "Ingen saker passer søket" in page


def test_who_has_it_and_step_filters(client, world, perform):
    a, pa = world.submit(org_navn="Første AS")
    b, pb = world.submit(org_navn="Andre AS")
    perform(pb, "kontroll", world.programleder, {"utfall": "komplett"})
    client.force_login(world.programleder)
    page = client.get(URL, {"steg": "vurdering"}).content.decode()
    assert "Andre AS" in page and "Første AS" not in page
    page = client.get(URL, {"hvem": world.programleder.pk, "steg": "kontroll"}).content.decode()
    assert "Første AS" in page and "Andre AS" not in page


def test_csv_and_excel_export_the_filtered_list(client, world, perform):
    world.submit(orgnr="988077917", org_navn="Fjellbakeriet AS", tittel="Ny ovn")
    sak, process = world.submit(orgnr="974760673", org_navn="Otta Sag AS", tittel="Sagbruk")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    client.force_login(world.programleder)

    response = client.get(URL, {"q": "974760673", "eksport": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Saksnummer", "Tittel", "Organisasjon", "Organisasjonsnummer"]
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == sak.saksnummer and row[2] == "Otta Sag AS" and row[3] == "974760673"
    assert row[4] == Sak.Status.STYRET.label
    assert row[7] == "150000"

    response = client.get(URL, {"eksport": "xlsx", "sort": "organisasjon"})
    book = load_workbook(io.BytesIO(response.content))
    values = list(book.active.iter_rows(values_only=True))
    assert values[0][0] == "Saksnummer"
    assert [r[2] for r in values[1:]] == ["Fjellbakeriet AS", "Otta Sag AS"]
    assert values[2][7] == 150000 and values[1][7] == 100000


def test_only_those_who_read_every_case_see_the_list(client, world):
    world.submit()
    client.force_login(world.medlem1)
    assert client.get(URL).status_code == 403
    client.force_login(world.observator)
    assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 403  # the staff site refuses anonymous people


@pytest.mark.usefixtures("utbetaling_settings")
def test_a_projects_case_is_listed_by_its_title_exported_and_opens_its_project(client, world):
    """Cases that are not an application (here a project's payout request) have a title, no
    organisation of an application, an export row, and a link that opens the project's page
    (where it is worked on), not a refusal."""
    from plp.services.utbetaling import utbetaling_submit
    from tests.plp.utbetaling_fixtures import fase_running, request_kwargs

    world.submit()
    fase = fase_running(pot=world.pot, programleder=world.programleder)
    utbetaling_submit(fase=fase, **request_kwargs())
    sak = Sak.objects.get(plp_utbetaling__fase=fase)
    client.force_login(world.programleder)
    page = client.get(URL, {"q": sak.saksnummer}).content.decode()
    assert page.count('data-testid="sak-rad"') == 1
    assert f"{fase.prosjekt.navn}</td>" in page
    opened = client.get(reverse("saker:sak", args=[sak.pk]))
    assert opened.status_code == 302
    assert opened.url == reverse("prosjekter:prosjekt", args=[fase.prosjekt_id])
    assert client.get(opened.url).status_code == 200
    by_number = client.get(reverse("saker:sak_nr", args=[sak.saksnummer]))
    assert by_number.status_code == 302 and by_number.url == opened.url

    response = client.get(URL, {"eksport": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    [row] = [r for r in rows if r[0] == sak.saksnummer]
    assert fase.prosjekt.navn in row[1] and row[2] == row[3] == ""
    assert len(rows) == 1 + Sak.objects.count()
    assert client.get(URL, {"eksport": "xlsx"}).status_code == 200
