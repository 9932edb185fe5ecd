"""Impact indicators: the programleder records a value per year of the program and adds
indicators of the program's own; the board and observers see the values but may not enter
them; a year outside the program or a value out of bounds is refused in plain bokmål."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from felles.errors import DomainError
from felles.roles import Rolle
from handlingsplan.models import Indikator, Indikatorverdi
from handlingsplan.services import indikator_add, indikatorverdi_record
from tests.factories import ProgramFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def indikator():
    program = ProgramFactory(start_ar=2021, slutt_ar=2026)
    Indikator.objects.create(program=program, navn="Resultat i Kommune-NM", rekkefolge=1)
    return Indikator.objects.create(program=program, navn="Befolkningsutvikling", rekkefolge=2)


def test_a_value_is_recorded_once_per_year_and_changed_in_place(indikator):
    leder = staff_user(Rolle.PROGRAMLEDER)
    indikatorverdi_record(indikator=indikator, ar=2022, verdi="5812", enhet="personer", by=leder)
    verdi = indikatorverdi_record(
        indikator=indikator, ar=2022, verdi=Decimal("5790.5"), kilde="SSB 07459", by=leder
    )
    assert Indikatorverdi.objects.filter(indikator=indikator).count() == 1
    assert (verdi.ar, verdi.verdi, verdi.enhet, verdi.kilde) == (
        2022,
        Decimal("5790.50"),
        "",
        "SSB 07459",
    )
    assert verdi.vist == "5 790,5" and verdi.registrert_av == leder


@pytest.mark.parametrize(
    ("ar", "verdi", "felt", "melding"),
    [
        (2020, "1", "ar", "Året må være et av programmets år, 2021–2026."),
        (2027, "1", "ar", "Året må være et av programmets år, 2021–2026."),
        (2023, "1000000000", "verdi", "Verdien må ligge mellom"),
        (2023, "tolv", "verdi", "Skriv verdien som et tall"),
    ],
)
def test_a_year_outside_the_program_or_a_value_out_of_bounds_is_refused(
    indikator, ar, verdi, felt, melding
):
    with pytest.raises(DomainError) as error:
        indikatorverdi_record(indikator=indikator, ar=ar, verdi=verdi)
    assert error.value.field == felt and str(error.value).startswith(melding)
    assert not Indikatorverdi.objects.exists()


def test_the_program_adds_an_indicator_of_its_own_after_the_plans(indikator):
    egen = indikator_add(program=indikator.program, navn="  Antall   besøkende på Mysuseter ")
    assert (egen.navn, egen.rekkefolge) == ("Antall besøkende på Mysuseter", 3)
    with pytest.raises(DomainError, match="følger allerede"):
        indikator_add(program=indikator.program, navn="befolkningsutvikling")
    with pytest.raises(DomainError, match="Skriv navnet"):
        indikator_add(program=indikator.program, navn="   ")


def _url(indikator):
    return reverse("handlingsplan:indikator", args=[indikator.pk])


def test_the_programleder_enters_a_value_on_the_indicators_page(client, indikator):
    client.force_login(staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Leder"))
    page = client.get(_url(indikator), {"ar": "2023"})
    assert page.status_code == 200 and 'name="verdi"' in page.content.decode()
    response = client.post(
        _url(indikator), {"ar": "2023", "verdi": "5 812,25", "enhet": "personer", "kilde": "SSB"}
    )
    assert response.status_code == 302
    verdi = Indikatorverdi.objects.get(indikator=indikator, ar=2023)
    assert verdi.verdi == Decimal("5812.25") and verdi.enhet == "personer"
    # Opening the year again fills in its value, to be changed.
    page = client.get(_url(indikator), {"ar": "2023"}).content.decode()
    assert 'value="5812,25"' in page and "Pia Leder" in page
    oversikt = client.get(reverse("handlingsplan:indikatorer")).content.decode()
    assert "5 812,25" in oversikt and "<td>personer</td>" in oversikt
    assert "Resultat i Kommune-NM" in oversikt


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"ar": "2019", "verdi": "3"}, "Året må være et av programmets år, 2021–2026."),
        ({"ar": "2022", "verdi": "3,141"}, "Verdien kan ha høyst to desimaler."),
        ({"ar": "2022", "verdi": "-1 000 000 000"}, "Verdien må ligge mellom"),
        ({"ar": "2022", "verdi": ""}, "Oppgi verdien."),
        ({"ar": "", "verdi": "3"}, "Oppgi året verdien gjelder."),
    ],
)
def test_bad_input_gets_a_bokmal_message_and_nothing_is_saved(client, indikator, data, melding):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    response = client.post(_url(indikator), data)
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not Indikatorverdi.objects.exists()


@pytest.mark.parametrize("rolle", [Rolle.OBSERVATOR, Rolle.STYRELEDER, Rolle.STYREMEDLEM])
def test_observers_and_the_board_see_the_values_but_may_not_enter_them(client, indikator, rolle):
    indikatorverdi_record(indikator=indikator, ar=2021, verdi="5900")
    client.force_login(staff_user(rolle))
    for url in (reverse("handlingsplan:indikatorer"), _url(indikator)):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "5 900" in html and "<form" not in html.split("<main", 1)[-1].split("</main>")[0]
    refused = client.post(_url(indikator), {"ar": "2022", "verdi": "1"})
    assert refused.status_code == 403
    assert client.post(reverse("handlingsplan:indikatorer"), {"navn": "Ny"}).status_code == 403
    assert Indikatorverdi.objects.count() == 1
    assert Indikator.objects.count() == 2


def test_the_administrator_adds_an_indicator_on_the_page(client, indikator):
    client.force_login(staff_user(Rolle.ADMINISTRATOR))
    response = client.post(reverse("handlingsplan:indikatorer"), {"navn": "Antall turister"})
    ny = Indikator.objects.get(navn="Antall turister")
    assert response.status_code == 302 and response["Location"] == _url(ny)
    again = client.post(reverse("handlingsplan:indikatorer"), {"navn": "antall turister"})
    assert "Programmet følger allerede denne indikatoren." in again.content.decode()


def test_anonymous_people_are_sent_to_log_in(client, indikator):
    response = client.get(_url(indikator))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_indicators_page_reads_in_a_fixed_number_of_queries(client, indikator):
    client.force_login(staff_user(Rolle.OBSERVATOR))
    url = reverse("handlingsplan:indikatorer")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(10):
        egen = indikator_add(program=indikator.program, navn=f"Egen indikator {n}")
        for ar in (2021, 2022, 2023):
            indikatorverdi_record(indikator=egen, ar=ar, verdi=n)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert "Egen indikator 9" in page.content.decode()
    assert len(few) == len(many)
