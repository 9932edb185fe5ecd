"""A project's own cases are tasks in the inbox of the one who decides them: the task opens
the existing staff form, the decision completes it, a returned case waits for the project."""

from datetime import date

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from plp import services as ps
from plp.flows import ProsjektsakFlow
from plp.models import Fase
from plp.services.saksflyt import prosjektsak_oppgaver_sweep
from plp.services.utbetaling import utbetaling_decide, utbetaling_resubmit, utbetaling_submit
from tests.plp.utbetaling_fixtures import (
    fase_running,
    request_kwargs,
    utbetaling_settings,  # noqa: F401
)
from workflow.models import Sak

from .conftest import COSTS, JOBS, delegated_grant

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
FLOW = [ProsjektsakFlow]


def inbox(user):
    return list(Task.objects.inbox(FLOW, user).select_related("process"))


def open_tasks(sak):
    return list(
        Task.objects.filter(process_id=sak.prosess_id)
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .values_list("flow_task", "status", "owner_id")
    )


@pytest.mark.usefixtures("utbetaling_settings")
def test_a_payout_request_waits_in_the_programleders_inbox_and_approval_completes_it(client):
    fase = fase_running()
    pl = fase.prosjekt.programleder
    u = utbetaling_submit(fase=fase, **request_kwargs())
    sak = Sak.objects.get(plp_utbetaling=u)

    [task] = inbox(pl)
    assert task.flow_task == ProsjektsakFlow.utbetaling and task.process_id == sak.prosess_id
    client.force_login(pl)
    page = client.get(reverse("prosjektsaker:inbox")).content.decode()
    assert "Utbetalingsanmodning" in page
    assert f"{sak.saksnummer} – {fase.prosjekt.navn}" in page
    # The task opens the payout form.
    url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("utbetaling:behandle", args=[u.pk])
    assert response.status_code == 200

    # Approving on that form completes the task, and the case's flow ends.
    response = client.post(
        reverse("utbetaling:behandle", args=[u.pk]), {"utfall": "godkjenn", "begrunnelse": ""}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.owner_id) == (STATUS.DONE, pl.pk)
    sak.prosess.refresh_from_db()
    assert sak.prosess.finished is not None and inbox(pl) == []


@pytest.mark.usefixtures("utbetaling_settings")
def test_a_returned_payout_request_leaves_the_inbox_until_it_is_sent_again():
    fase = fase_running()
    pl = fase.prosjekt.programleder
    u = utbetaling_submit(fase=fase, **request_kwargs())
    sak = Sak.objects.get(plp_utbetaling=u)
    utbetaling_decide(utbetaling=u, by=pl, utfall="returner", begrunnelse="Legg ved timelister.")
    assert inbox(pl) == []
    assert open_tasks(sak) == [(ProsjektsakFlow.venter, STATUS.NEW, None)]

    utbetaling_resubmit(utbetaling=u, **{k: v for k, v in request_kwargs().items() if k != "type"})
    [task] = inbox(pl)
    assert task.flow_task == ProsjektsakFlow.utbetaling
    utbetaling_decide(utbetaling=u, by=pl, utfall="reduser", belop=20_000, begrunnelse="Rest.")
    assert open_tasks(sak) == [] and inbox(pl) == []


@pytest.fixture
def forstudie(world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.select_related("prosjekt", "forpliktelse").get(sak=sak)
    ps.fase_start(fase=fase, startet=date(2026, 3, 1), today=TODAY)
    return fase


def test_a_final_report_is_a_task_until_approved_and_comes_back_when_resent(
    client, world, forstudie
):
    pl = forstudie.prosjekt.programleder
    report = {"resultater": "R", "malt_dato": TODAY, "kostnader": COSTS, "today": TODAY, **JOBS}
    rapport = ps.sluttrapport_submit(forstudie, **report)
    [task] = inbox(pl)
    assert task.flow_task == ProsjektsakFlow.sluttrapport
    client.force_login(pl)
    url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("prosjekter:sluttrapport", args=[forstudie.pk])

    ps.sluttrapport_return(rapport=rapport, by=pl, merknad="Legg ved timelister.")
    assert inbox(pl) == []
    rapport = ps.sluttrapport_submit(forstudie, **report)
    [task] = inbox(pl)
    ps.sluttrapport_approve(rapport=rapport, by=pl, today=TODAY)
    task.refresh_from_db()
    assert task.status == STATUS.DONE and inbox(pl) == []
    assert Sak.objects.get(sluttrapport=rapport).prosess.finished is not None


def test_a_change_request_goes_to_the_programleder_or_above_the_limit_to_the_chair(
    world, forstudie
):
    pl = forstudie.prosjekt.programleder
    endring = ps.endring_submit(
        fase=forstudie, type="tid", beskrivelse="Forsinket.", ny_sluttdato=date(2027, 3, 31)
    )
    [task] = inbox(pl)
    assert task.flow_task == ProsjektsakFlow.endring
    ps.endring_decide(endring=endring, by=pl, innvilget=True, begrunnelse="Rimelig.")
    assert inbox(pl) == []

    world.program.delegert_grense = 50_000
    world.program.save(update_fields=["delegert_grense"])
    endring = ps.endring_submit(
        fase=forstudie,
        type="prosjektleder",
        beskrivelse="Ola slutter.",
        ny_prosjektleder_navn="Per Hansen",
        ny_prosjektleder_epost="per@bedrift.example",
    )
    assert inbox(pl) == []
    [task] = inbox(world.leder)
    assert task.flow_task == ProsjektsakFlow.endring
    ps.endring_decide(endring=endring, by=world.leder, innvilget=True, begrunnelse="OK")
    assert inbox(world.leder) == []


@pytest.mark.usefixtures("utbetaling_settings")
def test_open_cases_from_before_the_flow_get_their_task():
    fase = fase_running()
    pl = fase.prosjekt.programleder
    u = utbetaling_submit(fase=fase, **request_kwargs())
    sak = Sak.objects.get(plp_utbetaling=u)
    process = sak.prosess
    Sak.objects.filter(pk=sak.pk).update(prosess=None)
    process.task_set.all().delete()
    process.delete()

    assert prosjektsak_oppgaver_sweep() == 1
    assert prosjektsak_oppgaver_sweep() == 0
    [task] = inbox(pl)
    utbetaling_decide(utbetaling=u, by=pl, utfall="godkjenn")
    task.refresh_from_db()
    assert task.status == STATUS.DONE


@pytest.mark.usefixtures("utbetaling_settings")
def test_the_apps_pages_open_for_the_programleder(client):
    fase = fase_running()
    pl = fase.prosjekt.programleder
    u = utbetaling_submit(fase=fase, **request_kwargs())
    utbetaling_decide(utbetaling=u, by=pl, utfall="godkjenn")
    sak = Sak.objects.get(plp_utbetaling=u)
    client.force_login(pl)
    for name, args in [
        ("index", []),
        ("inbox", []),
        ("queue", []),
        ("archive", []),
        ("process_list", []),
        ("process_detail", [sak.prosess_id]),
    ]:
        response = client.get(reverse(f"prosjektsaker:{name}", args=args), follow=True)
        assert response.status_code == 200, name
    archive = client.get(reverse("prosjektsaker:archive")).content.decode()
    assert "Utbetalingsanmodning" in archive and sak.saksnummer in archive
