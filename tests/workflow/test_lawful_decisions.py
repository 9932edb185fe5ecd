"""Decisions that hold up: votes only before the voting deadline, a grant never above the
phase's support intensity of the approved cost base (at the recommendation and at the
decision), and impartiality grounds as forvaltningsloven § 6 groups them."""

from datetime import timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps

from felles.errors import DomainError
from workflow import services
from workflow.models import Habilitet, Innstilling, Sak, Stemme

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db


def _before_the_board(world, perform, **innstilling):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, **innstilling))
    sak.refresh_from_db()
    assert sak.status == Sak.Status.STYRET
    return sak, process


def test_a_vote_after_the_deadline_is_refused(world, perform):
    sak, _process = _before_the_board(world, perform, belop=150_000)
    services.habilitet_declare(sak=sak, medlem=world.medlem1, grunner=[])
    late = sak.stemmefrist + timedelta(minutes=1)
    with time_machine.travel(late), pytest.raises(DomainError) as refused:
        services.stemme_cast(sak=sak, medlem=world.medlem1, valg="for")
    assert refused.value.code == "too_late"
    assert "Fristen for å stemme gikk ut" in refused.value.message
    assert not Stemme.objects.filter(sak=sak).exists()
    services.stemme_cast(sak=sak, medlem=world.medlem1, valg="for")  # in time it counts
    assert Stemme.objects.filter(sak=sak, medlem=world.medlem1).count() == 1


def test_a_recommendation_above_the_support_intensity_is_refused(world, perform):
    world.program.maks_stotteintensitet = 50
    world.program.save(update_fields=["maks_stotteintensitet"])
    sak, process = world.submit()  # 200 000 kr of costs
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    response = perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, belop=150_000),
        expect_done=False,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "høyst 50 % av kostnadsgrunnlaget på 200 000 kr, det vil si 100 000 kr" in page
    assert not Innstilling.objects.filter(sak=sak).exists()
    # A lower approved cost base lowers the ceiling with it.
    response = perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, belop=90_000, kostnadsgrunnlag=160_000),
        expect_done=False,
    )
    assert "det vil si 80 000 kr" in response.content.decode()
    perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, belop=80_000, kostnadsgrunnlag=160_000),
    )
    assert Innstilling.objects.get(sak=sak).kostnadsgrunnlag == 160_000


def test_a_grant_above_the_support_intensity_is_refused_at_confirmation(world, perform):
    sak, process = _before_the_board(world, perform, belop=150_000, til_styret="on")
    for member in world.board:
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    with pytest.raises(DomainError) as refused:
        services.vedtak_confirm(sak=sak, by=world.leder, belop=160_000, endringsbegrunnelse="Mer")
    assert refused.value.code == "support_intensity"
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == 0
    sak.refresh_from_db()
    assert sak.status == Sak.Status.STYRET and not hasattr(sak, "vedtak")


def test_impartiality_grounds_follow_the_law(world, perform):
    sak, _process = _before_the_board(world, perform, belop=150_000)
    with pytest.raises(DomainError):  # an ordinary job is no ground of the first paragraph
        services.habilitet_declare(sak=sak, medlem=world.medlem1, grunner=["ansatt"])
    erklaring = services.habilitet_declare(sak=sak, medlem=world.medlem1, grunner=["foster"])
    assert erklaring.inhabil
    erklaring = services.habilitet_declare(
        sak=sak,
        medlem=world.medlem2,
        grunner=[],
        inhabil_andre=True,
        andre_forhold="Ansatt i søkerbedriften",
    )
    assert erklaring.inhabil and erklaring.grunner == []


def test_a_declaration_that_named_a_job_keeps_its_outcome_under_the_second_paragraph(
    world, perform
):
    sak, _process = _before_the_board(world, perform, belop=150_000)
    old = Habilitet.objects.create(sak=sak, medlem=world.medlem1, grunner=["ansatt"], inhabil=True)
    import_module("workflow.migrations.0006_habilitet_grunner_etter_loven").ansatt_til_annet_ledd(
        apps, None
    )
    old.refresh_from_db()
    assert old.grunner == [] and old.inhabil
    assert old.andre_forhold == "Ansatt hos en part"
