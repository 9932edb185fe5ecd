"""Min side: login by one-time link, and no applicant ever sees another's case."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import Message
from soknader import services
from soknader.models import Soknad, Tilgang
from tests.factories import ProgramFactory, UserFactory

from .factories import draft_complete
from .journey import PDF, link_sent

pytestmark = pytest.mark.django_db


def _login_link(client, address: str) -> str:
    before = set(Message.objects.filter(template="login_link").values_list("pk", flat=True))
    client.post("/min-side/logg-inn/", {"epost": address})
    new = Message.objects.filter(template="login_link").exclude(pk__in=before)
    assert new.count() == 1, "expected one login link"
    return link_sent(new.get())


def _applicant(address: str):
    user, _ = get_user_model().objects.get_or_create(
        username=f"soker:{address}", defaults={"email": address}
    )
    return user


@pytest.fixture
def cases():
    program = ProgramFactory()
    mine = services.soknad_submit(
        soknad=draft_complete(program=program, orgnr="988077917", epost="kari@a.example")
    )
    services.vedlegg_add(
        soknad=(
            draft := draft_complete(program=program, orgnr="988077917", epost="kari@a.example")
        ),
        type="prosjektplan",
        upload=SimpleUploadedFile("plan.pdf", PDF),
    )
    theirs = draft_complete(
        program=program,
        orgnr="974760673",
        epost="per@b.example",
        prosjektleder_epost="leder@b.example",
    )
    their_file = services.vedlegg_add(
        soknad=theirs, type="regnskap", upload=SimpleUploadedFile("regnskap.pdf", PDF)
    )
    theirs = services.soknad_submit(soknad=theirs)
    return {"mine": mine, "draft": draft, "theirs": theirs, "their_file": their_file}


def test_login_link_logs_in_once_and_shows_the_case(client, cases):
    url = _login_link(client, "Kari@A.example ")
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 302 and response["Location"] == "/min-side/"
    page = client.get("/min-side/").content.decode()
    assert cases["mine"].saksnummer in page
    assert "Mottatt, under kontroll" in page  # the case's status
    assert cases["theirs"].saksnummer not in page
    # The link works only once.
    client.logout()
    client.get("/" + path)
    assert client.get("/min-side/").status_code == 302


def test_a_used_link_explains_itself_and_offers_a_new_one_on_the_same_page(client, cases):
    url = _login_link(client, "kari@a.example")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    client.get(path)
    client.logout()
    again = client.get(path)
    page = again.content.decode()
    assert again.status_code == 410
    assert "Lenken virker ikke lenger" in page and "allerede brukt, eller den er for gammel" in page
    assert 'name="epost"' in page and "Send meg en ny innloggingslenke" in page
    assert "/accounts/login/" not in page  # the public page, not the staff login
    _login_link(client, "kari@a.example")  # the form on that page sends a new link


def test_a_forged_or_expired_link_gets_the_same_page(client, cases):
    response = client.get("/min-side/logg-inn/lenke/?sesame=AAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert response.status_code == 410
    assert "Send meg en ny innloggingslenke" in response.content.decode()


def test_after_login_the_applicant_lands_where_they_were_going(client, cases):
    wanted = f"/min-side/sak/{cases['mine'].saksnummer}/"
    to_login = client.get(wanted)
    assert to_login.status_code == 302
    assert to_login["Location"] == f"/min-side/logg-inn/?next={wanted}"
    form = client.get(to_login["Location"]).content.decode()
    assert f'name="next" value="{wanted}"' in form
    before = set(Message.objects.values_list("pk", flat=True))
    client.post("/min-side/logg-inn/", {"epost": "kari@a.example", "next": wanted})
    url = link_sent(Message.objects.exclude(pk__in=before).get(template="login_link"))
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == wanted
    assert cases["mine"].saksnummer in client.get(wanted).content.decode()


def test_a_submitted_application_is_addressed_by_its_saksnummer(client, cases):
    """Its page and its actions are at its saksnummer; the id addresses in links already
    sent lead there (a form's post kept as a post), after the same access check; a draft
    keeps its id address."""
    mine, draft = cases["mine"], cases["draft"]
    client.force_login(_applicant("kari@a.example"))
    page = client.get("/min-side/").content.decode()
    assert f'href="/min-side/sak/{mine.saksnummer}/"' in page
    assert f'href="/min-side/soknad/{draft.pk}/"' in page
    assert f'href="/min-side/soknad/{mine.pk}/"' not in page
    new = f"/min-side/sak/{mine.saksnummer}/"
    old = client.get(f"/min-side/soknad/{mine.pk}/")
    assert old.status_code == 302 and old["Location"] == new
    assert f'href="{new}trekk/"' in client.get(new).content.decode()
    moved = client.post(f"/min-side/soknad/{mine.pk}/trekk/")
    assert moved.status_code == 307 and moved["Location"] == f"{new}trekk/"
    assert client.get(f"/min-side/soknad/{draft.pk}/").status_code == 200
    # Someone else's application: 404 at either address.
    client.force_login(_applicant("leder@b.example"))
    assert client.get(new).status_code == 404
    assert client.get(f"/min-side/soknad/{mine.pk}/").status_code == 404
    assert client.post(f"/min-side/soknad/{mine.pk}/trekk/").status_code == 404


@pytest.mark.parametrize("elsewhere", ["/staff/", "https://evil.example/min-side/", "//x/"])
def test_the_login_link_opens_only_min_side(client, cases, elsewhere):
    before = set(Message.objects.values_list("pk", flat=True))
    client.post("/min-side/logg-inn/", {"epost": "kari@a.example", "next": elsewhere})
    url = link_sent(Message.objects.exclude(pk__in=before).get(template="login_link"))
    assert "next=" not in url
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    forged = path + "&next=" + elsewhere
    response = client.get(forged)
    assert response.status_code == 302 and response["Location"] == "/min-side/"


def test_login_form_does_not_reveal_whether_an_address_is_known(client, cases):
    known = client.post("/min-side/logg-inn/", {"epost": "kari@a.example"})
    unknown = client.post("/min-side/logg-inn/", {"epost": "ingen@x.example"})
    assert known.status_code == unknown.status_code == 200

    def normalised(response):
        body = response.content.decode()
        body = body.replace("kari@a.example", "X").replace("ingen@x.example", "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert normalised(known) == normalised(unknown)
    assert not Message.objects.filter(to_email="ingen@x.example").exists()
    assert not get_user_model().objects.filter(email="ingen@x.example").exists()


def test_login_links_are_rate_limited_per_address(client, cases, settings):
    settings.SOKNAD_RATE_INNLOGGINGSLENKE = (2, 3600)
    for _ in range(4):
        client.post("/min-side/logg-inn/", {"epost": "kari@a.example"})
    assert Message.objects.filter(template="login_link", to_email="kari@a.example").count() == 2


def test_people_of_the_same_organisation_see_its_cases_through_the_access_table(client, cases):
    colleague = _applicant("kollega@a.example")
    client.force_login(colleague)
    assert cases["mine"].saksnummer not in client.get("/min-side/").content.decode()
    Tilgang.objects.create(orgnr="988077917", epost="kollega@a.example")
    page = client.get("/min-side/").content.decode()
    assert cases["mine"].saksnummer in page
    assert cases["theirs"].saksnummer not in page
    assert client.get(f"/min-side/sak/{cases['mine'].saksnummer}/").status_code == 200


def test_project_leader_sees_the_case_too(client, cases):
    client.force_login(_applicant("leder@b.example"))
    assert client.get(f"/min-side/sak/{cases['theirs'].saksnummer}/").status_code == 200


def _applicant_urls(cases):
    mine, draft, theirs = cases["mine"], cases["draft"], cases["theirs"]
    return [
        ("get", f"/min-side/soknad/{theirs.pk}/"),
        ("get", f"/min-side/sak/{theirs.saksnummer}/"),
        ("get", f"/min-side/sak/{theirs.saksnummer}/trekk/"),
        ("post", f"/min-side/sak/{theirs.saksnummer}/trekk/"),
        ("get", f"/min-side/soknad/{theirs.pk}/trekk/"),
        ("post", f"/min-side/soknad/{theirs.pk}/trekk/"),
        ("get", f"/min-side/soknad/{theirs.pk}/slett/"),
        ("post", f"/min-side/soknad/{theirs.pk}/slett/"),
        ("get", f"/soknad/vedlegg/{cases['their_file'].pk}/"),
        ("get", f"/soknad/{theirs.pk}/innsendt.pdf"),
        ("post", f"/min-side/soknad/{theirs.pk}/fortsett/"),
    ], (mine, draft)


def test_wrong_applicant_gets_404_never_the_data(client, cases):
    client.force_login(_applicant("kari@a.example"))
    urls, _ = _applicant_urls(cases)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert cases["theirs"].tittel.encode() not in response.content or method == "post"
        assert b"regnskap.pdf" not in response.content
    theirs = Soknad.objects.get(pk=cases["theirs"].pk)
    assert theirs.status == Soknad.Status.SENDT


def test_nobody_is_sent_to_the_login_page(client, cases):
    urls, _ = _applicant_urls(cases)
    for method, url in [*urls, ("get", "/min-side/")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith("/min-side/logg-inn/")
    assert Soknad.objects.get(pk=cases["theirs"].pk).status == Soknad.Status.SENDT


def test_staff_member_may_read_an_attachment(client, cases):
    from felles.roles import Rolle
    from tests.factories import staff_user

    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    response = client.get(f"/soknad/vedlegg/{cases['their_file'].pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_applicant_withdraws_and_deletes_a_draft(client, cases):
    client.force_login(_applicant("kari@a.example"))
    mine, draft = cases["mine"], cases["draft"]
    page = client.get(f"/min-side/sak/{mine.saksnummer}/").content.decode()
    assert "Trekk søknaden" in page and mine.tittel in page
    assert client.post(f"/min-side/sak/{mine.saksnummer}/trekk/").status_code == 302
    assert Soknad.objects.get(pk=mine.pk).status == Soknad.Status.TRUKKET
    assert "Trukket" in client.get("/min-side/").content.decode()
    # A sent application is not a draft and cannot be deleted.
    client.post(f"/min-side/soknad/{mine.pk}/slett/")
    assert Soknad.objects.filter(pk=mine.pk).exists()
    assert client.post(f"/min-side/soknad/{draft.pk}/slett/").status_code == 302
    assert not Soknad.objects.filter(pk=draft.pk).exists()


def test_csrf_is_enforced_on_min_side(cases):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(_applicant("kari@a.example"))
    response = strict.post(f"/min-side/sak/{cases['mine'].saksnummer}/trekk/")
    assert response.status_code == 403
    assert Soknad.objects.get(pk=cases["mine"].pk).status == Soknad.Status.SENDT
    assert Client(enforce_csrf_checks=True).post("/soknad/").status_code == 403


def test_new_drafts_are_rate_limited_but_a_completed_draft_is_always_sent(client, cases, settings):
    from . import journey

    settings.SOKNAD_RATE_NY = (1, 3600)
    ProgramFactory()
    token = journey.start(client)
    # The second draft from the same address within the hour is refused...
    assert client.post("/soknad/").status_code == 429
    # ...but the one already made is filled in and sent, however many were sent before.
    for steg, data in (
        (1, journey.STEP1),
        (2, journey.STEP2),
        (3, journey.STEP3),
        (4, journey.STEP4),
    ):
        client.post(journey.step_url(token, steg), data)
    response = client.post(journey.step_url(token, 6), {"bekreft": "on"})
    assert response.status_code == 302
    assert journey.soknad_of(token).status == Soknad.Status.SENDT


def test_staff_without_role_cannot_read_others_attachment(client, cases):
    client.force_login(UserFactory())
    assert client.get(f"/soknad/vedlegg/{cases['their_file'].pk}/").status_code == 404
