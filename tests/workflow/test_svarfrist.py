"""No answer from the applicant by the deadline: the programleder closes the case with a
reason, or waits, extending the deadline by some days (in the reminder engine too)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from notifications.models import Deadline, Message
from tests.soknader.test_behandling_brev import pdf_text
from workflow import services as sb
from workflow.models import Sak

from .conftest import open_task

pytestmark = pytest.mark.django_db
B = Sak.Status
APPLICANT = "kari@bedrift.example"


def _svar_deadlines(sak):
    return Deadline.objects.filter(
        case_type=ContentType.objects.get_for_model(Sak),
        case_id=sak.pk,
        kind="svar_fra_soker",
    ).order_by("pk")


@pytest.fixture
def waiting(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    sak.refresh_from_db()
    assert sak.status == B.VENTER_SVAR
    return sak, process


def test_the_case_page_offers_the_choice_once_the_deadline_passed(world, waiting, client):
    sak, _process = waiting
    client.force_login(world.programleder)
    url = reverse("saker:sak", args=[sak.pk])
    before = client.get(url).content.decode()
    assert reverse("saker:svarfrist", args=[sak.pk]) in before
    assert "Svarfristen er ute." not in before
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(world.programleder)  # a new session: the first one has expired
        after = client.get(url).content.decode()
        assert "Svarfristen er ute." in after
        page = client.get(reverse("saker:svarfrist", args=[sak.pk])).content.decode()
        assert "Søkeren har ikke svart innen fristen" in page and "Regnskap?" in page


def test_waiting_extends_the_deadline_and_moves_it_in_the_reminder_engine(world, waiting, client):
    sak, process = waiting
    krav = sak.opplysningskrav.get()
    late = timezone.now() + timedelta(days=15)
    client.force_login(world.programleder)
    url = reverse("saker:svarfrist", args=[sak.pk])
    with time_machine.travel(late, tick=False):
        client.force_login(world.programleder)
        missing_days = client.post(url, {"valg": "vent"})
        assert missing_days.status_code == 200
        assert client.post(url, {"valg": "vent", "dager": 10}).status_code == 302
    krav.refresh_from_db()
    sak.refresh_from_db()
    assert krav.frist == late + timedelta(days=10)  # the old deadline had passed: from now
    assert sak.status == B.VENTER_SVAR
    old, new = _svar_deadlines(sak)
    assert old.status == Deadline.Status.CLOSED
    assert new.status == Deadline.Status.OPEN and new.due_at == krav.frist
    assert new.email == APPLICANT
    assert sak.hendelser.filter(type="svarfrist_forlenget", utfort_av=world.programleder).exists()

    # The applicant can still answer, and the case goes back to the check.
    sb.opplysninger_answer(sak=sak, svar="Regnskapet ligger ved.")
    sak.refresh_from_db()
    assert sak.status == B.KONTROLL
    assert open_task(process, "kontroll", world.programleder)
    assert not _svar_deadlines(sak).filter(status=Deadline.Status.OPEN).exists()


def test_waiting_before_the_deadline_adds_the_days_to_it(world, waiting, client):
    sak, _process = waiting
    krav = sak.opplysningskrav.get()
    old_frist = krav.frist
    client.force_login(world.programleder)
    client.post(reverse("saker:svarfrist", args=[sak.pk]), {"valg": "vent", "dager": 7})
    krav.refresh_from_db()
    assert krav.frist == old_frist + timedelta(days=7)
    assert _svar_deadlines(sak).get(status=Deadline.Status.OPEN).due_at == krav.frist


def test_closing_ends_the_case_and_its_flow_and_tells_the_applicant(world, waiting, client):
    sak, process = waiting
    client.force_login(world.programleder)
    url = reverse("saker:svarfrist", args=[sak.pk])
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(world.programleder)
        no_reason = client.post(url, {"valg": "avslutt"})
        assert no_reason.status_code == 200
        sak.refresh_from_db()
        assert sak.status == B.VENTER_SVAR
        done = client.post(url, {"valg": "avslutt", "grunn": "Vi fikk ikke regnskapet."})
        assert done.status_code == 302
    sak.refresh_from_db()
    process.refresh_from_db()
    assert sak.status == B.AVBRUTT and process.status == PROCESS.CANCELED
    assert not _svar_deadlines(sak).filter(status=Deadline.Status.OPEN).exists()
    # A dismissal is a decision: its letter gives the reasons and the right to appeal.
    closed = Message.objects.get(template="decision_letter", to_email=APPLICANT)
    assert closed.context["outcome"] == "avvist"
    letter = pdf_text(bytes(sak.brev.get(type="avvisningsbrev").pdf))
    assert "Vi fikk ikke regnskapet." in letter and "Klageorgan er" in letter


def test_a_board_member_cannot_choose(world, waiting, client):
    sak, _process = waiting
    client.force_login(world.medlem1)
    response = client.post(reverse("saker:svarfrist", args=[sak.pk]), {"valg": "vent", "dager": 5})
    assert response.status_code == 403
