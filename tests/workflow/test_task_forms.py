"""The task forms: laid out in sections, prefilled from the application, sub-goals grouped by
strategy, pots with what is available now, the delegated limit shown; a recommendation larger
than the pot is warned at the assessment and refused at the confirmation with reallocation
offered; after each task the person lands on the case page told what happened and what next."""

import re

import pytest
from django.urls import reverse

from handlingsplan.models import Delmal
from tests.factories import PotFactory, StrategiFactory
from tests.workflow.conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db


def task_page(client, process, node, user):
    task = open_task(process, node, user)
    client.force_login(user)
    response = client.get(reverse(f"saker:{node}:execute", args=[process.pk, task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_assessment_form_is_laid_out_and_prefilled(client, world, perform):
    plan = world.pot.strategi.handlingsplan
    for tekst in ("3 bedrifter i gang", "2 nye produkter"):
        Delmal.objects.create(
            strategi=world.pot.strategi,
            tekst=tekst,
            type="bedriftsutvikling",
            antall=2,
            milepael="igangsatt",
        )
    other = StrategiFactory(handlingsplan=plan, innsatsomrade=world.pot.strategi.innsatsomrade)
    Delmal.objects.create(
        strategi=other,
        tekst="1 klynge",
        type="bedriftsutvikling",
        antall=1,
        milepael="igangsatt",
    )
    sak, process = world.submit(foreslatt_strategi=world.pot.strategi)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    html = task_page(client, process, "vurdering", world.programleder)
    for legend in ("Vurdering", "Tilskudd", "Mål", "Bagatellmessig støtte"):
        assert f"<legend>{legend}</legend>" in html
    # Prefilled: the amount applied for, the dates, the strategy's pot; de minimis unticked.
    assert 'name="belop" value="100000"' in html
    assert 'name="startdato" value="2026-03-01"' in html
    assert f'<option value="{world.pot.pk}" selected>' in html
    # De minimis as the applicant declared it: ticked when they declared earlier aid ...
    ticked = 'name="bagatellmessig" id="id_bagatellmessig" checked'
    assert ticked in html
    sak.soknad.offentlig_stotte.all().delete()
    unticked = task_page(client, process, "vurdering", world.programleder)
    assert ticked not in unticked and 'name="bagatellmessig"' in unticked  # ... else not
    # The pot offers what is available now; the delegated limit is stated.
    assert "tilgjengelig 500 000 kr" in html
    assert "delegert grense" in html and "100 000 kr" in html
    # Sub-goals grouped under their strategy, whose name is given once.
    s = world.pot.strategi
    assert html.count(f"{plan.ar} {s.bokstav}. {s.navn}") >= 1
    group = html.split(f"<legend>{plan.ar} {s.bokstav}. {s.navn}</legend>")[1]
    group = group.split("</fieldset>")[0]
    assert "3 bedrifter i gang" in group and "2 nye produkter" in group
    assert "1 klynge" not in group and f"<legend>{plan.ar} {other.bokstav}. " in html
    assert "Dato som dd.mm.åååå." in html


def test_check_then_assessment_land_on_the_case_page_with_what_comes_next(client, world, perform):
    sak, process = world.submit()
    response = perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    assert response.url == reverse("saker:sak", args=[sak.pk])
    page = client.get(response.url).content.decode()
    assert "søknaden er komplett. Neste steg er vurdering og innstilling." in page
    response = perform(process, "vurdering", world.programleder, innstilling_data(world))
    page = client.get(response.url).content.decode()
    assert "innenfor din delegerte grense" in page


def test_a_pot_too_small_is_warned_at_assessment_and_refused_at_confirmation(
    client, world, perform
):
    small = PotFactory(
        fylt=120_000,
        strategi__handlingsplan=world.pot.strategi.handlingsplan,
        strategi__innsatsomrade=world.pot.strategi.innsatsomrade,
    )
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    response = perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, belop=150_000, pot=small.pk),
    )
    page = client.get(response.url).content.decode()
    assert "Anbefalt beløp (150 000 kr) er større enn det som er tilgjengelig i pott" in page
    assert "(120 000 kr)" in page
    sak.refresh_from_db()
    assert sak.status == sak.Status.STYRET  # saved all the same
    for member in world.board:
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    response = perform(
        process, "bekreft", world.leder, {"belop": 150_000, "pot": small.pk}, expect_done=False
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The chair may not move money; the page says who can.
    assert "Programlederen kan omfordele midler til potten." in html
    assert reverse("handlingsplan:omfordeling", args=[small.pk]) not in html
    sak.refresh_from_db()
    assert sak.status == sak.Status.STYRET
    # The programleder's case page warns and offers the reallocation.
    client.force_login(world.programleder)
    html = client.get(reverse("saker:sak", args=[sak.pk])).content.decode()
    assert "Anbefalt beløp (150 000 kr) er større enn det som er tilgjengelig i pott" in html
    assert reverse("handlingsplan:omfordeling", args=[small.pk]) + "?til=1" in html
    assert "Omfordel midler til potten" in html
    # The reallocation page has the short pot as the one to move money into.
    client.force_login(world.programleder)
    page = client.get(reverse("handlingsplan:omfordeling", args=[small.pk]) + "?til=1")
    html = page.content.decode()
    til_pot = re.search(r'<select name="til_pot".*?</select>', html, re.S).group(0)
    assert f'<option value="{small.pk}" selected>' in til_pot
    fra_pot = re.search(r'<select name="fra_pot".*?</select>', html, re.S).group(0)
    assert f'<option value="{small.pk}" selected>' not in fra_pot
