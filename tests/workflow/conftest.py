"""A program with a filled pot, the staff roles, and a helper that performs a flow task
through its page in the staff site, as the person it is assigned to."""

import pytest
from django.urls import reverse
from viewflow.workflow.status import STATUS

from felles.roles import Rolle
from notifications.models import Message
from soknader import services as soknad_services
from tests.factories import PotFactory, staff_user
from tests.soknader.factories import draft_complete
from workflow.models import Saksbehandling


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    settings.SITE_URL = "https://omstilling.example"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.CELERY_TASK_ALWAYS_EAGER = False


class World:
    def __init__(self):
        self.pot = PotFactory(fylt=500_000, strategi__budsjett=500_000)
        self.program = self.pot.strategi.handlingsplan.program
        # Grants here go up to 150 000 kr of the applications' 200 000 kr: 75 %, as some
        # programs allow (tests of the support intensity set their own).
        self.program.maks_stotteintensitet = 75
        self.program.save(update_fields=["maks_stotteintensitet"])
        self.programleder = staff_user(Rolle.PROGRAMLEDER, username="pl")
        self.leder = staff_user(Rolle.STYRELEDER, username="leder")
        self.medlem1 = staff_user(Rolle.STYREMEDLEM, username="medlem1")
        self.medlem2 = staff_user(Rolle.STYREMEDLEM, username="medlem2")
        self.observator = staff_user(Rolle.OBSERVATOR, username="obs")

    @property
    def board(self):
        return [self.leder, self.medlem1, self.medlem2]

    def submit(self, **fields):
        soknad = draft_complete(program=self.program, **fields)
        soknad = soknad_services.soknad_submit(soknad=soknad)
        process = Saksbehandling.objects.get(artifact_object_id=soknad.sak.pk)
        return soknad.sak, process


@pytest.fixture
def world(db):
    return World()


def open_task(process, node_name, user=None):
    tasks = process.task_set.filter(flow_task_type="HUMAN").exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    tasks = [t for t in tasks if t.flow_task.name == node_name]
    if user is not None:
        tasks = [t for t in tasks if t.owner_id == user.pk]
    assert tasks, f"no open task {node_name} for {user}"
    return tasks[0]


def make_performer(client):
    """POST a task's form as `user`; returns the response (302 when the task was done)."""

    def run(process, node_name, user, data, expect_done=True):
        task = open_task(process, node_name, user)
        client.force_login(user)
        url = reverse(f"saker:{node_name}:execute", args=[process.pk, task.pk])
        response = client.post(url, data)
        if expect_done:
            assert response.status_code == 302, response.content.decode()[:3000]
        return response

    return run


@pytest.fixture
def perform(client):
    return make_performer(client)


def templates_sent(to=None):
    rows = Message.objects.all()
    if to:
        rows = rows.filter(to_email=to)
    return sorted(rows.values_list("template", flat=True))


def innstilling_data(world, *, anbefaling="innvilge", belop=100_000, **extra):
    data = {
        "vurdering": "Godt forankret, treffer strategien.",
        "anbefaling": anbefaling,
        "pot": world.pot.pk if anbefaling == "innvilge" else "",
        "belop": belop if anbefaling == "innvilge" else "",
        "vilkar": "Prosjektet følger PLP.",
        "rapportering": "Statusrapport 1.9.",
        "utbetaling": "Etterskuddsvis.",
        "nye_arbeidsplasser": 2,
        "sikrede_arbeidsplasser": 0,
        "bagatellmessig": "on",
        "bagatell_vurdering": "Under taket.",
        "begrunnelse": "Prosjektet oppfyller kriteriene."
        if anbefaling == "innvilge"
        else "Prosjektet er ordinær drift.",
    }
    data.update(extra)
    return data
