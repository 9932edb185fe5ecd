"""The list of grants to report to the state aid register, in the staff frame: accessible
(axe-core), and a grant marked reported from it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from handlingsplan.bagatell_regimer import FORORDNING_2831
from handlingsplan.models import Bagatellregime, Eurokurs
from handlingsplan.services import bagatellregimer_ensure
from tests.e2e.axe import assert_accessible
from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow.models import Vedtak

pytestmark = pytest.mark.browser


def test_the_register_list_is_accessible_and_marks_a_grant_reported(page, login, client):
    bagatellregimer_ensure()  # the browser tests start from an emptied database
    Bagatellregime.objects.filter(forordning=FORORDNING_2831).update(rapporteringsgrense_eur=5_000)
    world = World()
    Eurokurs.objects.create(program=world.program, dato=date(2020, 1, 1), nok_per_eur=10)
    perform = make_performer(client)
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    vedtak = Vedtak.objects.get(sak=sak)
    assert vedtak.rapporteres

    login(world.programleder, next_url="/staff/saker/stotteregister/")
    expect(page.locator("h1")).to_contain_text("Rapportering til Støtteregisteret")
    expect(page.get_by_test_id("stotteregister")).to_contain_text(vedtak.referanse)
    assert_accessible(page)

    page.get_by_label(f"Velg {vedtak.referanse}").check()
    page.get_by_role("button", name="Merk valgte som rapportert").click()
    expect(page.get_by_role("status")).to_contain_text("1 vedtak er merket som rapportert.")
    expect(page.get_by_text("Ingen vedtak.")).to_be_visible()
    assert_accessible(page)
    vedtak.refresh_from_db()
    assert vedtak.rapportert is not None
