"""Max support intensity per program and per PLP phase."""

import pytest
from django.urls import reverse

from handlingsplan.models import FaseInnstilling
from soknader import rules, services
from soknader.models import Soknad
from tests.factories import ProgramFactory, UserFactory

from .factories import draft_complete

pytestmark = pytest.mark.django_db

# draft_complete: 200 000 kr costs; 80 000 kr own money + 120 000 kr applied for = 60 %.
SIXTY_PERCENT = {"egne_midler": 80_000, "programmet": 120_000}


def test_a_phase_without_its_own_setting_follows_the_program():
    program = ProgramFactory(maks_stotteintensitet=50)
    FaseInnstilling.objects.create(program=program, fase="hovedprosjekt", maks_stotteintensitet=75)
    assert program.stotteintensitet_for("forprosjekt") == 50
    assert program.stotteintensitet_for("hovedprosjekt") == 75
    assert program.stotteintensitet_for("") == 50
    FaseInnstilling.objects.create(program=program, fase="forstudie", maks_stotteintensitet=None)
    assert program.stotteintensitet_for("forstudie") == 50


def test_hovedprosjekt_at_75_percent_accepts_what_forprosjekt_at_50_refuses():
    program = ProgramFactory(maks_stotteintensitet=50)
    FaseInnstilling.objects.create(program=program, fase="hovedprosjekt", maks_stotteintensitet=75)

    forprosjekt = draft_complete(program=program, fase="forprosjekt")
    services.soknad_draft_save(soknad=forprosjekt, finansiering=SIXTY_PERCENT)
    with pytest.raises(services.SoknadIncomplete) as exc:
        services.soknad_submit(soknad=forprosjekt)
    assert {p.felt: p.melding for p in exc.value.problems} == {
        "programmet": "Du kan søke om høyst 50 % av kostnadene, det vil si 100 000 kr. "
        "Du har søkt om 120 000 kr."
    }

    hovedprosjekt = draft_complete(program=program, fase="hovedprosjekt")
    services.soknad_draft_save(soknad=hovedprosjekt, finansiering=SIXTY_PERCENT)
    assert services.soknad_submit(soknad=hovedprosjekt).status == Soknad.Status.SENDT


def test_the_check_names_the_phase_limit():
    program = ProgramFactory(maks_stotteintensitet=50)
    FaseInnstilling.objects.create(program=program, fase="hovedprosjekt", maks_stotteintensitet=75)
    assert rules.max_soknadsbelop(kostnader_sum=200_000, program=program, fase="hovedprosjekt") == (
        150_000
    )
    with pytest.raises(Exception, match="høyst 75 %"):
        rules.intensity_check(
            belop=150_001, kostnader_sum=200_000, program=program, fase="hovedprosjekt"
        )


def test_the_form_step_uses_the_phase_limit(client):
    program = ProgramFactory(maks_stotteintensitet=50)
    FaseInnstilling.objects.create(program=program, fase="hovedprosjekt", maks_stotteintensitet=75)
    soknad = draft_complete(program=program, fase="hovedprosjekt")
    token = services.utkast_token_issue(soknad=soknad)
    url = reverse("soknader:utkast_steg", kwargs={"token": token, "steg": 3})
    html = client.get(url, follow=True).content.decode()
    assert "høyst 75 % av kostnadene" in html


def test_phase_settings_are_edited_inline_on_the_program_in_admin(client):
    program = ProgramFactory(maks_stotteintensitet=50)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:handlingsplan_program_change", args=[program.pk])
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update(
        {
            "faseinnstillinger-TOTAL_FORMS": "1",
            "faseinnstillinger-INITIAL_FORMS": "0",
            "faseinnstillinger-MIN_NUM_FORMS": "0",
            "faseinnstillinger-MAX_NUM_FORMS": "1000",
            "faseinnstillinger-0-fase": "hovedprosjekt",
            "faseinnstillinger-0-maks_stotteintensitet": "75",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert program.stotteintensitet_for("hovedprosjekt") == 75
