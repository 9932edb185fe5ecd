import pytest
from django.urls import reverse

from felles.roles import Rolle
from handlingsplan.models import Postering, Pot
from tests.factories import UserFactory, staff_user
from tests.handlingsplan.plan_fixtures import small_plan

pytestmark = pytest.mark.django_db

ALL_ROLES = list(Rolle)
MAY_REALLOCATE = {Rolle.ADMINISTRATOR, Rolle.PROGRAMLEDER}


@pytest.fixture
def plan():
    return small_plan()


def urls(plan):
    pot = plan["pot_a"].pk
    return {
        "index": reverse("handlingsplan:index"),
        "pot": reverse("handlingsplan:pot", kwargs={"pk": pot}),
        "omfordeling": reverse("handlingsplan:omfordeling", kwargs={"pk": pot}),
    }


def fresh(pot) -> Pot:
    return Pot.objects.get(pk=pot.pk)


@pytest.mark.parametrize("name", ["index", "pot", "omfordeling"])
def test_anonymous_is_sent_to_login(client, plan, name):
    url = urls(plan)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("name", ["index", "pot", "omfordeling"])
def test_logged_in_without_role_gets_403(client, plan, name):
    client.force_login(UserFactory())
    assert client.get(urls(plan)[name]).status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_staff_role_sees_the_overview_and_the_pot(client, plan, role):
    client.force_login(staff_user(role))
    for name in ("index", "pot"):
        response = client.get(urls(plan)[name])
        assert response.status_code == 200, name
    response = client.get(urls(plan)["pot"])
    has_button = urls(plan)["omfordeling"] in response.content.decode()
    assert has_button == (role in MAY_REALLOCATE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_reallocation_page_only_for_programleder_and_administrator(client, plan, role):
    client.force_login(staff_user(role))
    response = client.get(urls(plan)["omfordeling"])
    assert response.status_code == (200 if role in MAY_REALLOCATE else 403)


@pytest.mark.parametrize("role", [Rolle.STYRELEDER, Rolle.STYREMEDLEM, Rolle.OBSERVATOR])
def test_board_and_observer_cannot_post_a_reallocation(client, plan, role):
    client.force_login(staff_user(role))
    response = client.post(
        urls(plan)["omfordeling"],
        {
            "fra_pot": plan["pot_a"].pk,
            "til_pot": plan["pot_b"].pk,
            "belop": "1000",
            "begrunnelse": "x",
            "vedtaksreferanse": "y",
        },
    )
    assert response.status_code == 403
    assert fresh(plan["pot_a"]).tildelt == 300_000


def test_overview_shows_the_plan_figures(client, plan):
    client.force_login(staff_user(Rolle.OBSERVATOR))
    html = client.get(urls(plan)["index"]).content.decode()
    for text in [
        "Handlingsplan 2021",
        "Vedtatt av kommunestyret",
        "04.03.2021 (PS 12/21)",
        "25.03.2021 (KS 20/21)",
        "Fylkeskommunen",
        "3 800 000 kr",  # financing total
        "600 000 kr",  # sum of frames
        "800 t",
        "1 400 000 kr",  # grand total incl. administration
        "A. Bedriftsutvikling",
        "Min. 3 bedriftsutviklingsprosjekt gjennomført",
        "C. Bostedsattraktivitet",
        "Programmets mål: 210 arbeidsplasser, 180 nye og 30 sikrede.",
    ]:
        assert text in html, text


def test_pot_page_shows_the_ledger(client, plan):
    client.force_login(staff_user(Rolle.STYREMEDLEM))
    html = client.get(urls(plan)["pot"]).content.decode()
    assert "Tildeling fra handlingsplanen" in html
    assert "300 000 kr" in html


def test_unknown_pot_is_404(client, plan):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    assert client.get(reverse("handlingsplan:pot", kwargs={"pk": 999_999})).status_code == 404
    url = reverse("handlingsplan:omfordeling", kwargs={"pk": 999_999})
    assert client.get(url).status_code == 404


def _post(client, plan, **changes):
    data = {
        "fra_pot": plan["pot_a"].pk,
        "til_pot": plan["pot_c"].pk,
        "belop": "50 000",
        "begrunnelse": "Mer til bostedsattraktivitet",
        "vedtaksreferanse": "PS 7/21",
        **changes,
    }
    return client.post(urls(plan)["omfordeling"], data)


@pytest.mark.parametrize("role", sorted(MAY_REALLOCATE))
def test_reallocation_moves_money_and_redirects_to_the_from_pot(client, plan, role):
    user = staff_user(role)
    client.force_login(user)
    response = _post(client, plan)
    assert response.status_code == 302
    assert response["Location"] == urls(plan)["pot"]
    assert fresh(plan["pot_a"]).tilgjengelig == 250_000
    assert fresh(plan["pot_c"]).tilgjengelig == 150_000
    out = Postering.objects.get(type=Postering.Type.OMFORDELING_UT)
    assert (out.belop, out.vedtaksreferanse, out.utfort_av) == (50_000, "PS 7/21", user)

    page = client.get(response["Location"]).content.decode()
    assert "Omfordelt 50 000 kr fra A til C." in page
    assert "Omfordeling ut" in page
    assert "C. Bostedsattraktivitet" in page


def test_amount_accepts_no_break_spaces_and_kr(client, plan):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    assert _post(client, plan, belop="12\u00a0500 kr").status_code == 302
    assert fresh(plan["pot_c"]).tildelt == 112_500


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"belop": "500 000"}, "belop", "Det er ikke nok penger i potten A"),
        ({"belop": "0"}, "belop", "Beløpet må være større enn 0 kr."),
        ({"belop": "12,5"}, "belop", "Skriv beløpet i hele kroner"),
        ({"til_pot": "SAME"}, "til_pot", "Velg to forskjellige potter."),
        ({"begrunnelse": "   "}, "begrunnelse", "Feltet er påkrevet."),
        ({"vedtaksreferanse": ""}, "vedtaksreferanse", "Feltet er påkrevet."),
    ],
)
def test_reallocation_errors_stay_on_their_field_with_input_kept(
    client, plan, changes, field, message
):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    if changes.get("til_pot") == "SAME":
        changes["til_pot"] = plan["pot_a"].pk
    response = _post(client, plan, **changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in e for e in form.errors[field]), form.errors
    assert set(form.errors) == {field}
    assert form.data["begrunnelse"] == changes.get("begrunnelse", "Mer til bostedsattraktivitet")
    html = response.content.decode()
    assert 'value="PS 7/21"' in html or field == "vedtaksreferanse"
    assert Postering.objects.filter(type=Postering.Type.OMFORDELING_UT).count() == 0


def test_reallocation_refuses_pots_of_another_plan(client, plan):
    other = small_plan()  # another program's 2021 plan
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    response = _post(client, plan, til_pot=other["pot_a"].pk)
    assert response.status_code == 200
    assert "til_pot" in response.context["form"].errors
    assert fresh(other["pot_a"]).tildelt == 300_000


def test_language_switch_is_on_the_staff_pages_and_switches_to_english(client, plan):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    html = client.get(urls(plan)["index"]).content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert '<html lang="nb"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": urls(plan)["index"]})
    assert response.status_code == 302
    html = client.get(urls(plan)["index"]).content.decode()
    assert '<html lang="en"' in html


def test_shared_base_template_has_language_skip_link_and_main(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.utils import translation

    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("nb"):
        html = render_to_string("base.html", request=request)
    assert '<html lang="nb">' in html
    assert '<a class="skip-link" href="#innhold">Hopp til innholdet</a>' in html
    assert '<main id="innhold"' in html
    assert 'action="/i18n/setlang/"' in html
