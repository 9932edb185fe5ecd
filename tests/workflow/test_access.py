"""Every staff URL of case handling, for every role, an applicant and nobody."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from felles.roles import Rolle
from tests.factories import staff_user
from workflow.models import Mote

from .conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db

OK, DENIED = "ok", "denied"


@pytest.fixture
def case(world, perform):
    """One case waiting for the board's votes, one granted by delegation with its letter."""
    Mote.objects.create(program=world.program, dato="2099-01-01")
    board_case, board_process = world.submit()
    perform(board_process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(board_process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    small, small_process = world.submit(orgnr="974760673")
    perform(small_process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(small_process, "vurdering", world.programleder, innstilling_data(world, belop=50_000))
    perform(small_process, "delegert_vedtak", world.programleder, {})
    world.outsider = staff_user(Rolle.STYREMEDLEM, username="ny")  # no task: joined later
    world.admin = staff_user(Rolle.ADMINISTRATOR, username="admin")
    applicant = get_user_model().objects.create(
        username="soker:kari@bedrift.example", email="kari@bedrift.example"
    )
    world.applicant = applicant
    return world, board_case, board_process, small


def _urls(world, board_case, board_process, small):
    task = open_task(board_process, "stemme", world.medlem1)
    return {
        "inbox": reverse("saker:inbox"),
        "queue": reverse("saker:queue"),
        "archive": reverse("saker:archive"),
        "process_list": reverse("saker:process_list"),
        "process_detail": reverse("saker:process_detail", args=[board_process.pk]),
        "sak": reverse("saker:sak", args=[board_case.pk]),
        "sak_small": reverse("saker:sak", args=[small.pk]),
        "brev": reverse("saker:brev", args=[small.brev.get().pk]),
        "avslutt": reverse("saker:avslutt", args=[board_case.pk]),
        "moter": reverse("saker:moter"),
        "mote_ny": reverse("saker:mote_ny"),
        "mote_update": reverse("saker:mote_endre", args=[Mote.objects.get().pk]),
        "svarfrist": reverse("saker:svarfrist", args=[board_case.pk]),
        "mote": reverse("saker:mote", args=[Mote.objects.get().pk]),
        "protokoll": reverse("saker:protokoll", args=[Mote.objects.get().pk]),
        "dashboard": reverse("saker:index"),
        "task_list": reverse("saker:task_list"),
        "stemme_task": reverse("saker:stemme:execute", args=[board_process.pk, task.pk]),
    }


READERS = {
    "inbox": OK, "queue": OK, "archive": OK, "process_list": OK, "process_detail": OK,
    "sak": OK, "sak_small": OK, "brev": OK, "avslutt": DENIED, "moter": OK, "mote": OK,
    "protokoll": OK, "stemme_task": DENIED, "dashboard": OK, "task_list": OK,
    "mote_ny": DENIED, "mote_update": DENIED, "svarfrist": DENIED,
}  # fmt: skip
PLANNERS = {"mote_ny": OK, "mote_update": OK}
EXPECTED = {
    "programleder": {**READERS, **PLANNERS, "avslutt": OK, "svarfrist": OK},
    "administrator": {**READERS, **PLANNERS, "avslutt": OK, "svarfrist": OK},
    "observator": READERS,
    "styreleder": {**READERS, **PLANNERS},
    # A board member sees cases only through their tasks and the meeting view.
    "styremedlem": {
        **READERS,
        "process_list": DENIED,
        "sak_small": DENIED,
        "brev": DENIED,
        "stemme_task": OK,
        "dashboard": DENIED,
        "task_list": DENIED,
    },  # fmt: skip
    "styremedlem_uten_oppgave": {
        **READERS,
        "process_list": DENIED,
        "process_detail": DENIED,
        "sak": DENIED,
        "sak_small": DENIED,
        "brev": DENIED,
        "dashboard": DENIED,
        "task_list": DENIED,
    },  # fmt: skip
    "soker": dict.fromkeys(READERS, DENIED),
    "ingen": dict.fromkeys(READERS, DENIED),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_every_staff_url_for_every_role(case, client, who):
    world, board_case, board_process, small = case
    urls = _urls(world, board_case, board_process, small)
    user = {
        "programleder": world.programleder,
        "administrator": world.admin,
        "observator": world.observator,
        "styreleder": world.leder,
        "styremedlem": world.medlem1,
        "styremedlem_uten_oppgave": world.outsider,
        "soker": world.applicant,
        "ingen": None,
    }[who]
    client.logout()
    if user is not None:
        client.force_login(user)
    got = {}
    for name, url in urls.items():
        status = client.get(url).status_code
        got[name] = OK if status == 200 else DENIED
        if got[name] == DENIED:
            assert status in (302, 403, 404), (name, status)
    assert got == EXPECTED[who]
