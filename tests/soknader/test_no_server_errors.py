"""Whatever a person types, the public form and Min side answer with a page or a message,
never a server error: generated values (huge, negative, not numbers, any script) are posted
to every step of the form and every action of Min side."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soknader import services
from tests.factories import ProgramFactory

from . import journey
from .factories import draft_complete

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "10000000000000000000",  # 10**19: bigint out of range
    "-10000000000000000000",
    "9" * 40,
    "1e309",
    "-1",
    "0",
    "NaN",
    "inf",
    "1,5",
    "1 000",
    "1.0",
    "１２３",  # full-width digits
    "٣٤٥",  # Arabic-Indic digits
    "",
    "   ",
    "\x00",
    "<script>x</script>",
    "2026-02-30",
    "99999-12-31",
    "a@b",
    "ø" * 300,
]

values = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
)

STEPS = {1: journey.STEP1, 2: journey.STEP2, 3: journey.STEP3, 4: journey.STEP4}


def _mutated(base: dict, data) -> dict:
    """`base` with some of its fields (or all) given generated values."""
    names = sorted(base)
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names)))
    return {**base, **{name: data.draw(values, label=name) for name in chosen}}


def _no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code)


@pytest.fixture
def draft_token(client):
    ProgramFactory()
    return journey.start(client)


@pytest.mark.parametrize("steg", [1, 2, 3, 4])
@PROPERTY
@given(data=st.data())
def test_each_step_of_the_form_survives_any_value(client, draft_token, steg, data):
    posted = _mutated(STEPS[steg], data)
    response = client.post(journey.step_url(draft_token, steg), posted)
    _no_server_error(response, posted)


@PROPERTY
@given(data=st.data())
def test_attachments_and_sending_survive_any_value(client, draft_token, data):
    upload = {
        "type": data.draw(st.one_of(st.sampled_from(["prosjektplan", "annet"]), values)),
        "fil": SimpleUploadedFile(
            data.draw(st.text(min_size=1, max_size=20)) + ".pdf",
            data.draw(st.sampled_from([journey.PDF, b"", b"PK\x03\x04junk", b"\xff" * 10])),
        ),
        "last_opp": "1",
    }
    _no_server_error(client.post(journey.step_url(draft_token, 5), upload), "upload")
    send = {"bekreft": data.draw(values), data.draw(st.sampled_from(["send", "x"])): "1"}
    _no_server_error(client.post(journey.step_url(draft_token, 6), send), send)


@PROPERTY
@given(address=values)
def test_asking_for_a_login_link_survives_any_value(client, address):
    _no_server_error(client.post("/min-side/logg-inn/", {"epost": address}), address)


@pytest.fixture
def applicant_with_cases(client):
    program = ProgramFactory()
    draft = draft_complete(program=program, epost="kari@a.example")
    sent = services.soknad_submit(soknad=draft_complete(program=program, epost="kari@a.example"))
    user, _ = get_user_model().objects.get_or_create(
        username="soker:kari@a.example", defaults={"email": "kari@a.example"}
    )
    client.force_login(user)
    return {"draft": draft.pk, "sent": sent.pk}


@PROPERTY
@given(data=st.data())
def test_min_side_actions_survive_any_value(client, applicant_with_cases, data):
    pk = data.draw(
        st.one_of(
            st.sampled_from(list(applicant_with_cases.values())),
            st.integers(min_value=0, max_value=2**63 - 1),
        )
    )
    action = data.draw(st.sampled_from(["svar", "aksept", "trekk", "fortsett", "slett"]))
    posted = {"svar": data.draw(values), "bekreft": data.draw(values)}
    response = client.post(f"/min-side/soknad/{pk}/{action}/", posted)
    _no_server_error(response, (action, pk, posted))
    _no_server_error(client.get(f"/min-side/soknad/{pk}/"), ("view", pk))
