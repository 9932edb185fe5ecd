"""The project's pages: the applicant's project page and forms on Min side, and the staff
list and project page. The list's query count does not grow with the number of projects."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Deadline
from plp import services as ps
from plp.models import Fase
from tests.factories import PotFactory

from .conftest import delegated_grant, minutes
from .factories import prosjekter_lag

pytestmark = pytest.mark.django_db


@pytest.fixture
def forstudie(world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    return Fase.objects.get(sak=sak)


@pytest.fixture
def soker(client):
    user = get_user_model().objects.create_user("kari", email="kari@bedrift.example")
    client.force_login(user)
    return user


def test_the_applicant_sees_the_project_and_reports(client, forstudie, soker):
    url = reverse("plp:minside_prosjekt", args=[forstudie.prosjekt_id])
    page = client.get(url).content.decode()
    assert "Nytt produkt" in page and "Oppstart" in page and "Meld oppstart" in page
    done = client.post(reverse("plp:start", args=[forstudie.pk]), {"startet": "2026-03-01"})
    assert done.status_code == 302
    rapport_url = reverse("plp:statusrapport", args=[forstudie.pk])
    form = client.get(rapport_url).content.decode()
    assert "Budsjett: 100 000 kr" in form and "Ikke i budsjettet" in form
    data = {"per_dato": "2026-06-01", "fremdrift": "I rute", "kostnad_reise": "5000"}
    refused = client.post(rapport_url, data)
    assert refused.status_code == 200
    assert "er ikke i det godkjente budsjettet" in refused.content.decode()
    assert not forstudie.statusrapporter.exists()
    data = {"per_dato": "2026-06-01", "fremdrift": "I rute", "kostnad_lonn": "40000"}
    assert client.post(rapport_url, data).status_code == 302
    assert forstudie.statusrapporter.get().kostnader.get().belop == 40_000
    missing_jobs = client.post(
        reverse("plp:sluttrapport", args=[forstudie.pk]),
        {"resultater": "Ferdig", "malt_dato": "2026-11-30", "kostnad_lonn": "90000"},
    )
    assert "Fyll inn antall nye og sikrede arbeidsplasser" in missing_jobs.content.decode()
    forstudie.refresh_from_db()
    assert forstudie.status == "lopende"


def test_someone_else_gets_404(client, forstudie):
    other = get_user_model().objects.create_user("nils", email="nils@annen.example")
    client.force_login(other)
    assert (
        client.get(reverse("plp:minside_prosjekt", args=[forstudie.prosjekt_id])).status_code == 404
    )
    assert client.get(reverse("plp:statusrapport", args=[forstudie.pk])).status_code == 404


def test_the_programleder_approves_the_final_report_on_the_staff_page(client, world, forstudie):
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    ps.sluttrapport_submit(
        forstudie,
        resultater="Ferdig",
        malt_dato=date(2026, 11, 30),
        kostnader={"lonn": 200_000},
        today=date(2026, 12, 1),
        nye_kvinner=1,
        nye_menn=0,
        sikrede_kvinner=0,
        sikrede_menn=0,
    )
    client.force_login(world.programleder)
    page = client.get(reverse("prosjekter:prosjekt", args=[forstudie.prosjekt_id]))
    assert "Kontroller sluttrapporten" in page.content.decode()
    url = reverse("prosjekter:sluttrapport", args=[forstudie.pk])
    assert "200 000 kr" in client.get(url).content.decode()
    assert client.post(url, {"utfall": "godkjenn"}).status_code == 302
    forstudie.refresh_from_db()
    assert forstudie.status == "avsluttet" and forstudie.sluttrapport.status == "godkjent"
    client.force_login(world.medlem1)
    assert client.get(url).status_code == 403
    # The final report's case has its page here: the case app's address for it (the list of
    # all cases links there) leads to the project.
    client.force_login(world.programleder)
    sak = forstudie.sluttrapport.sak
    response = client.get(reverse("saker:sak", kwargs={"pk": sak.pk}))
    assert response.status_code == 302
    assert response.url == reverse("prosjekter:prosjekt", kwargs={"pk": forstudie.prosjekt_id})


def _list_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_staff_list_reads_in_a_fixed_number_of_queries(client, world):
    pot = PotFactory(fylt=10_000_000, strategi__handlingsplan=world.pot.strategi.handlingsplan)
    prosjekter_lag(pot=pot, antall=3)
    client.force_login(world.programleder)
    url = reverse("prosjekter:index")
    client.get(url)  # warm the session and content types
    few, page = _list_queries(client, url)
    assert "3 prosjekter" in page and "Bedrift 2 AS" in page and "1 000 kr" in page
    prosjekter_lag(pot=pot, antall=40, start=3)
    many, page = _list_queries(client, url)
    assert "43 prosjekter" in page
    assert many == few
    _queries, filtered = _list_queries(client, url + "?status=lopende")
    assert "21 prosjekter" in filtered


def test_letters_and_minutes_pass_the_page_access_check(client, world, forstudie):
    endring = ps.endring_submit(fase=forstudie, type="omfang", beskrivelse="Smalere omfang.")
    ps.endring_decide(endring=endring, by=world.programleder, innvilget=False, begrunnelse="Nei.")
    ps.prosjekt_stop_early(fase=forstudie, begrunnelse="Stopp.", referat=minutes())
    staff_urls = [
        reverse("prosjekter:fil", args=[forstudie.pk, "referat"]),
        reverse("prosjekter:fil_brev", args=[forstudie.pk, "endring", endring.pk]),
    ]
    applicant_url = reverse("plp:brev", args=[forstudie.pk, "endring", endring.pk])
    client.force_login(world.observator)
    for url in staff_urls:
        assert client.get(url).status_code == 200
    assert client.get(staff_urls[1])["Content-Type"] == "application/pdf"
    client.force_login(world.medlem1)
    assert [client.get(url).status_code for url in staff_urls] == [403, 403]
    client.force_login(get_user_model().objects.create_user("kari", email="kari@bedrift.example"))
    assert client.get(applicant_url).status_code == 200
    assert client.get(reverse("plp:referat", args=[forstudie.pk])).status_code == 200
    client.force_login(get_user_model().objects.create_user("nils", email="nils@annen.example"))
    assert client.get(applicant_url).status_code == 404
    assert client.get(reverse("plp:referat", args=[forstudie.pk])).status_code == 404


def test_the_applicant_keeps_the_mandate_and_reports_on_its_milestones(client, forstudie, soker):
    url = reverse("plp:plan", args=[forstudie.pk])
    form = client.get(url).content.decode()
    assert "Mandat" in form and "Bakgrunn" in form  # filled in from the application
    data = {
        "problem": "Vi vet ikke om markedet finnes.",
        "mal": "Avklare markedet.",
        "risiko": "Få svar fra kundene.",
        "milepael_1_navn": "Kundeintervjuer",
        "milepael_1_frist": "2026-09-01",
        "milepael_2_navn": "Uten frist",
    }
    refused = client.post(url, data)
    assert "Gi milepælen «Uten frist» en frist." in refused.content.decode()
    assert forstudie.milepaeler.count() == 1
    del data["milepael_2_navn"]
    assert client.post(url, data).status_code == 302
    forstudie.refresh_from_db()
    assert forstudie.dokument.problem == "Vi vet ikke om markedet finnes."
    ny = forstudie.milepaeler.get(navn="Kundeintervjuer")
    page = client.get(reverse("plp:minside_prosjekt", args=[forstudie.prosjekt_id]))
    assert "Få svar fra kundene." in page.content.decode()

    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    rapport_url = reverse("plp:statusrapport", args=[forstudie.pk])
    assert "Milepæl: Kundeintervjuer" in client.get(rapport_url).content.decode()
    client.post(
        rapport_url,
        {"per_dato": "2026-06-01", "fremdrift": "I rute", f"milepael_{ny.pk}": "forsinket"},
    )
    rapport = forstudie.statusrapporter.get()
    assert list(rapport.milepaeler.values_list("milepael__navn", "status")) == [
        ("Kundeintervjuer", "forsinket")
    ]


def test_the_programleder_sets_the_report_interval_the_grant_sets(client, world, forstudie):
    client.force_login(world.programleder)
    url = reverse("prosjekter:rapportering", args=[forstudie.pk])
    assert client.post(url, {"rapportintervall_maneder": 13}).status_code == 200
    assert client.post(url, {"rapportintervall_maneder": 2}).status_code == 302
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    frist = Deadline.objects.get(kind="statusrapport", case_id=forstudie.pk, status="open")
    assert frist.due_at.date() == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("start", "Meld oppstart"),
        ("statusrapport", "Statusrapport"),
        ("sluttrapport", "Sluttrapport"),
        ("beslutning", "Beslutningspunkt: "),
        ("endring", "Søk om endring"),
        ("plan", "Mandat"),
        ("oppfolging", "Arbeidsplasser ett år etter"),
    ],
)
def test_each_project_form_opens_for_the_applicant_and_for_no_one_else(
    client, forstudie, soker, name, title
):
    url = reverse(f"plp:{name}", args=[forstudie.pk])
    page = client.get(url)
    assert page.status_code == 200 and f"<h1>{title}" in page.content.decode()
    client.force_login(get_user_model().objects.create_user("ola", email="ola@annen.example"))
    assert client.get(url).status_code == 404
