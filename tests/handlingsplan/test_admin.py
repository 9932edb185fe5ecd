import pytest
from django.urls import reverse

from felles.roles import Rolle
from handlingsplan import models as hp
from handlingsplan.services import pot_commit
from tests.factories import UserFactory, staff_user
from tests.handlingsplan.plan_fixtures import small_plan

pytestmark = pytest.mark.django_db

MODELS = [
    hp.Program,
    hp.Finansieringskilde,
    hp.Indikator,
    hp.Handlingsplan,
    hp.Innsatsomrade,
    hp.Strategi,
    hp.Pot,
    hp.Forpliktelse,
    hp.Postering,
]


@pytest.fixture
def plan():
    p = small_plan()
    p["forpliktelse"] = pot_commit(pot=p["pot_a"], amount=10_000, reference="2021-001")
    hp.Indikator.objects.create(program=p["program"], navn="Sysselsettingsvekst")
    return p


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _url(model, view, *args):
    return reverse(f"admin:handlingsplan_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_view_load(admin_client, plan, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert obj is not None
    response = admin_client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_labels_are_norwegian(admin_client, plan):
    html = admin_client.get(reverse("admin:index")).content.decode()
    for label in ["Handlingsplaner", "Innsatsområder", "Strategier", "Potter", "Posteringer"]:
        assert label in html, label


def test_program_settings_are_editable(admin_client, plan):
    program = plan["program"]
    response = admin_client.get(_url(hp.Program, "change", program.pk))
    assert 'name="delegert_grense"' in response.content.decode()


def test_handlingsplan_has_inlines_for_strategies_hours_and_financing(admin_client, plan):
    html = admin_client.get(_url(hp.Handlingsplan, "change", plan["plan"].pk)).content.decode()
    assert 'name="strategier-0-budsjett"' in html
    assert 'name="programleder_timer-0-timer"' in html
    assert 'name="finansiering-0-belop"' in html


@pytest.mark.parametrize("model", [hp.Postering, hp.Forpliktelse, hp.Pot])
def test_money_rows_cannot_be_added_changed_or_deleted(admin_client, plan, model):
    obj = model.objects.first()
    count = model.objects.count()
    assert admin_client.get(_url(model, "add")).status_code == 403
    change = admin_client.get(_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client.post(_url(model, "change", obj.pk), {}).status_code == 403
    assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403
    assert admin_client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.count() == count


def test_postering_changelist_has_no_delete_action(admin_client, plan):
    response = admin_client.get(_url(hp.Postering, "changelist"))
    assert "delete_selected" not in response.content.decode()


def test_pot_change_view_shows_figures_ledger_and_reallocation_link(admin_client, plan):
    pot = plan["pot_a"]
    html = admin_client.get(_url(hp.Pot, "change", pot.pk)).content.decode()
    assert "290 000 kr" in html  # available after the 10 000 kr commitment
    assert "Tildeling fra handlingsplanen" in html
    assert _url(hp.Pot, "omfordel", pot.pk) in html


def test_admin_reallocation_uses_the_service(admin_client, plan):
    url = _url(hp.Pot, "omfordel", plan["pot_a"].pk)
    assert admin_client.get(url).status_code == 200
    data = {
        "fra_pot": plan["pot_a"].pk,
        "til_pot": plan["pot_b"].pk,
        "belop": "25 000",
        "begrunnelse": "Flere nyetableringer",
        "vedtaksreferanse": "PS 9/21",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == _url(hp.Pot, "change", plan["pot_a"].pk)
    assert hp.Pot.objects.get(pk=plan["pot_a"].pk).tildelt == 275_000
    assert hp.Pot.objects.get(pk=plan["pot_b"].pk).tildelt == 225_000


def test_admin_reallocation_shows_domain_errors_on_the_field(admin_client, plan):
    url = _url(hp.Pot, "omfordel", plan["pot_a"].pk)
    data = {
        "fra_pot": plan["pot_a"].pk,
        "til_pot": plan["pot_b"].pk,
        "belop": "1 000 000",
        "begrunnelse": "For mye",
        "vedtaksreferanse": "PS 9/21",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Det er ikke nok penger i potten A" in response.context["form"].errors["belop"][0]
    assert "For mye" in response.content.decode()


def test_admin_reallocation_refused_without_permission(client, plan):
    user = staff_user(Rolle.STYRELEDER)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(_url(hp.Pot, "omfordel", plan["pot_a"].pk)).status_code == 403
