"""The public pages and the open data: decided grants that stand appear with exactly the
public fields; applications not yet decided, rejected ones, withdrawn grants and personal
details do not; a draft plan is not public; the goals follow the approved final reports."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from handlingsplan.models import Handlingsplan
from handlingsplan.services import handlingsplan_advance
from plp import services as ps
from plp.models import Fase
from rapportering.selectors.offentlig import FELTER
from tests.factories import HandlingsplanFactory, PotFactory
from tests.plp.conftest import COSTS, JOBS, delegated_grant
from tests.rapportering.factories import tilskudd_lag
from tests.workflow.conftest import innstilling_data
from workflow import services as sv

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(world, perform):
    """One grant through the real case (paid in part), one rejected, one not yet decided,
    and one granted and then withdrawn by the applicant before accepting."""
    sak, process = world.submit(orgnr="974760673", org_navn="Otta Trevare AS", tittel="Limtre")
    granted = delegated_grant(world, perform, sak, process, belop=90_000)
    fase = Fase.objects.get(sak=granted)
    from handlingsplan.services import forpliktelse_pay

    forpliktelse_pay(forpliktelse=fase.forpliktelse, amount=30_000, by=world.programleder)

    sak, process = world.submit(orgnr="923609016", org_navn="Avslått Mat SA", tittel="Mat")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, anbefaling="avsla"))
    perform(process, "delegert_vedtak", world.programleder, {})

    world.submit(orgnr="988077917", org_navn="Venter Reiseliv AS", tittel="Venter")

    sak, process = world.submit(orgnr="915533930", org_navn="Trakk Seg AS", tittel="Trukket")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=50_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    sv.sak_close(sak=sak, by=None, grunn="Prosjektet utsettes.", av_soker=True)
    return granted


def test_the_grants_list_shows_decided_grants_only_with_the_public_fields(client, grants):
    rows = client.get(reverse("offentlig:tilskudd_json")).json()
    assert rows == [
        {
            "saksnummer": grants.saksnummer,
            "mottaker": "Otta Trevare AS",
            "orgnr": "974760673",
            "prosjekt": "Limtre",
            "fase": "forprosjekt",
            "innsatsomrade": grants.vedtak.tilsagn.forpliktelse.pot.strategi.innsatsomrade.navn,
            "strategi": f"{grants.vedtak.tilsagn.forpliktelse.pot.strategi.bokstav}. "
            f"{grants.vedtak.tilsagn.forpliktelse.pot.strategi.navn}",
            "innvilget_kr": 90_000,
            "utbetalt_kr": 30_000,
            "vedtaksdato": date.today().isoformat(),
        }
    ]
    page = client.get(reverse("offentlig:tilskudd")).content.decode()
    assert "Otta Trevare AS" in page and "974760673" in page and "90 000 kr" in page
    for hidden in ("Avslått Mat", "Venter Reiseliv", "Trakk Seg", "Kari Nordmann", "@"):
        assert hidden not in page
    raw = client.get(reverse("offentlig:tilskudd_csv")).content.decode()
    assert "Avslått" not in raw and "Nordmann" not in raw


def test_the_csv_has_a_header_row_and_whole_kroner(client, grants):
    response = client.get(reverse("offentlig:tilskudd_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == list(FELTER)
    assert rows[1][0] == grants.saksnummer
    assert rows[1][7:] == ["90000", "30000", date.today().isoformat()]


def test_search_and_filters(client, world, grants):
    tilskudd_lag(pot=world.pot, antall=4, by=world.programleder, ar=2022)
    url = reverse("offentlig:tilskudd")

    def found(**query) -> int:
        response = client.get(url, query)
        assert response.status_code == 200
        return response.context["side"].paginator.count

    assert found() == 5
    assert found(sok="otta trevare") == 1
    assert found(sok="974760673") == 1
    assert found(sok="limtre") == 1
    assert found(ar=2022) == 4
    assert found(fase="forstudie") == 2  # the factory's phases take turns
    strategi = world.pot.strategi
    assert found(strategi=strategi.pk, omrade=strategi.innsatsomrade_id) == 5
    response = client.get(url, {"ar": "1999", "sok": "otta"})
    assert "Velg et av alternativene i listen." in response.content.decode()
    assert response.context["side"].paginator.count == 1  # the bad filter is left out
    assert found(sok="x" * 101) == 5
    # Newest decision first.
    first = client.get(url).context["side"].object_list[0]
    assert first["mottaker"] == "Otta Trevare AS"


def test_the_list_is_paginated(client, world):
    tilskudd_lag(pot=world.pot, antall=55, by=world.programleder)
    first = client.get(reverse("offentlig:tilskudd"))
    assert len(first.context["side"].object_list) == 50
    assert "Side 1 av 2" in first.content.decode()
    second = client.get(reverse("offentlig:tilskudd"), {"side": 2})
    assert len(second.context["side"].object_list) == 5


def test_only_a_published_plan_is_public(client):
    pot = PotFactory(strategi__budsjett=300_000, strategi__navn="Bedriftsrettede tiltak")
    plan = pot.strategi.handlingsplan
    url = reverse("offentlig:plan", args=[plan.ar])
    assert client.get(url).status_code == 404
    assert plan.tittel not in client.get(reverse("offentlig:program")).content.decode()
    handlingsplan_advance(plan=plan, to="vedtatt", date=date(2021, 3, 1), reference="KS 12/21")
    assert client.get(url).status_code == 404
    handlingsplan_advance(plan=plan, to="publisert", date=date(2021, 3, 5), reference="sel.no")
    page = client.get(url).content.decode()
    assert "Bedriftsrettede tiltak" in page and "300 000" in page
    program_page = client.get(reverse("offentlig:program")).content.decode()
    assert url in program_page and "180 nye og 30 sikrede" in program_page
    draft = HandlingsplanFactory(program=plan.program, ar=2022, utkast=True)
    assert draft.status == Handlingsplan.Status.UTKAST
    assert client.get(reverse("offentlig:plan", args=[2022])).status_code == 404


def test_goals_and_results_follow_the_approved_final_report(client, world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.get(sak=sak)
    ps.fase_start(fase=fase, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    rapport = ps.sluttrapport_submit(
        fase,
        resultater="Marked funnet.",
        malt_dato=date(2025, 11, 30),
        kostnader=COSTS,
        delmal=[],
        neste_fase_plan="",
        today=date(2026, 12, 1),
        **JOBS,
    )
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=date(2026, 12, 1))
    data = json.loads(client.get(reverse("offentlig:maloppnaelse_json")).content)
    assert data["mal"] == {"arbeidsplasser": 210, "nye": 180, "sikrede": 30}
    assert data["totalt"]["oppnadd"] == 4 and data["totalt"]["nye"] == 3
    omrade = next(o for o in data["innsatsomrader"] if o["totalt"]["oppnadd"])
    assert omrade["navn"] == world.pot.strategi.innsatsomrade.navn
    i_2025 = next(a for a in omrade["per_ar"] if a["ar"] == 2025)
    assert (i_2025["nye_kvinner"], i_2025["nye_menn"], i_2025["sikrede_menn"]) == (1, 2, 1)
    page = client.get(reverse("offentlig:maloppnaelse")).content.decode()
    assert "<svg" in page and 'id="tabell-oppnadd"' in page


def test_english(client, grants):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("offentlig:tilskudd"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in page
