"""Each way through the case flow, asserting the final state, the ledger and the e-mails."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from felles.errors import DomainError
from handlingsplan.services import ledger_verify
from soknader.models import Soknad
from workflow import services as sb
from workflow import services as sv
from workflow.models import Sak, Tilsagn

from .conftest import innstilling_data, open_task, templates_sent

pytestmark = pytest.mark.django_db
B = Sak.Status
APPLICANT = "kari@bedrift.example"


def _refresh(*objs):
    for obj in objs:
        obj.refresh_from_db()


def _check_and_assess(world, perform, process, **innstilling):
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, **innstilling))


def _declare(perform, process, user, *, grunner=(), vote=None, kommentar=""):
    perform(
        process,
        "stemme",
        user,
        {"grunner": list(grunner)},
        expect_done=bool(grunner) or vote is None,
    )
    if vote:
        perform(process, "stemme", user, {"valg": vote, "kommentar": kommentar})


def test_delegated_grant(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=80_000)
    _refresh(sak)
    assert sak.status == B.TIL_VEDTAK and sak.organ == Sak.Organ.PROGRAMLEDER
    perform(process, "delegert_vedtak", world.programleder, {})
    _refresh(sak, world.pot)
    assert sak.status == B.VENTER_AKSEPT
    assert sak.vedtak.innvilget and sak.vedtak.belop == 80_000
    assert world.pot.forpliktet == 80_000 and world.pot.tilgjengelig == 420_000
    assert ledger_verify() == []
    assert sak.brev.get().type == "tilsagnsbrev"
    sv.tilsagn_accept(sak=sak)
    _refresh(sak, process)
    assert sak.status == B.AKSEPTERT
    assert process.status == PROCESS.DONE
    assert templates_sent(APPLICANT) == [
        "acceptance_confirmation",
        "decision_letter",
        "receipt",
    ]


def test_board_grant(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=150_000)
    _refresh(sak)
    assert sak.status == B.STYRET
    assert len([t for t in process.task_set.all() if t.flow_task.name == "stemme"]) == 3
    for member in world.board:
        _declare(perform, process, member, vote="for")
    perform(process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."})
    _refresh(sak, world.pot)
    assert sak.status == B.VENTER_AKSEPT
    assert (sak.vedtak.stemmer_for, sak.vedtak.stemmer_mot) == (3, 0)
    assert world.pot.tilgjengelig == 350_000
    assert ledger_verify() == []
    assert templates_sent(world.medlem1.email) == ["board_task_assigned"]
    assert "decision_letter" in templates_sent(APPLICANT)


def test_rejection(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, anbefaling="avsla")
    perform(process, "delegert_vedtak", world.programleder, {})
    _refresh(sak, world.pot, process)
    assert sak.status == B.AVSLATT and not sak.vedtak.innvilget
    assert world.pot.forpliktet == 0 and ledger_verify() == []
    assert sak.brev.get().type == "avslagsbrev"
    assert process.status == PROCESS.DONE
    assert templates_sent(APPLICANT) == ["decision_letter", "receipt"]


def test_incomplete_then_completed(world, perform):
    sak, process = world.submit()
    perform(
        process,
        "kontroll",
        world.programleder,
        {"utfall": "mangler", "sporsmal": "Send regnskapet for 2025."},
    )
    _refresh(sak)
    assert sak.status == B.VENTER_SVAR
    assert "information_request" in templates_sent(APPLICANT)
    sb.opplysninger_answer(sak=sak, svar="Regnskapet ligger ved.")
    _refresh(sak)
    assert sak.status == B.KONTROLL
    task = open_task(process, "kontroll", world.programleder)
    assert task.status == STATUS.ASSIGNED
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    _refresh(sak)
    assert sak.status == B.VURDERING
    assert sak.opplysningskrav.get().svar == "Regnskapet ligger ved."


def test_disqualified_member_cannot_vote(world, perform, client):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=150_000)
    _declare(perform, process, world.medlem1, grunner=["leder"])
    with pytest.raises(DomainError):
        sb.stemme_cast(sak=sak, medlem=world.medlem1, valg="for")
    _declare(perform, process, world.medlem2, vote="mot")
    _declare(perform, process, world.leder, vote="for")
    # One for, one against: the chair's vote decides.
    perform(process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."})
    _refresh(sak)
    assert sak.habilitet.get(medlem=world.medlem1).inhabil
    assert not sak.stemmer.filter(medlem=world.medlem1).exists()
    assert sak.hendelser.filter(type="inhabil", utfort_av=world.medlem1).exists()
    assert sak.vedtak.innvilget and sak.vedtak.avgjort_ved_leders_stemme


def test_tie_decided_by_chair_against(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=150_000)
    _declare(perform, process, world.medlem1, grunner=["slekt"])
    _declare(perform, process, world.medlem2, vote="for")
    _declare(perform, process, world.leder, vote="mot")
    # Against the recommendation: the board's reasons are required, and the letter has them.
    response = perform(process, "bekreft", world.leder, {"belop": 150_000}, expect_done=False)
    assert response.status_code == 200 and "styrets begrunnelse" in response.content.decode()
    perform(
        process,
        "bekreft",
        world.leder,
        {"belop": 150_000, "endringsbegrunnelse": "Prosjektet er ordinær drift for bedriften."},
    )
    _refresh(sak, world.pot)
    assert sak.status == B.AVSLATT and sak.vedtak.avgjort_ved_leders_stemme
    assert sak.vedtak.begrunnelse == "Prosjektet er ordinær drift for bedriften."
    assert world.pot.forpliktet == 0 and ledger_verify() == []


def test_quorum_at_the_deadline(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=150_000)
    _declare(perform, process, world.medlem1, vote="for")
    _declare(perform, process, world.leder, vote="for")
    assert not open_task_exists(process, "bekreft")
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert fire_due_timers() == 1
        perform(
            process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."}
        )
    _refresh(sak, world.pot)
    stemme_tasks = [t for t in process.task_set.all() if t.flow_task.name == "stemme"]
    assert sorted(t.status for t in stemme_tasks) == [STATUS.CANCELED, STATUS.DONE, STATUS.DONE]
    assert sak.status == B.VENTER_AKSEPT and sak.vedtak.stemmer_for == 2
    assert world.pot.forpliktet == 150_000 and ledger_verify() == []


def open_task_exists(process, name):
    return any(
        t.flow_task.name == name and t.status not in (STATUS.DONE, STATUS.CANCELED)
        for t in process.task_set.all()
    )


def test_pot_too_small(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=150_000)
    for member in world.board:
        _declare(perform, process, member, vote="for")
    response = perform(
        process,
        "bekreft",
        world.leder,
        {"belop": 600_000, "vilkar": "Prosjektet følger PLP.", "endringsbegrunnelse": "Større"},
        expect_done=False,
    )
    assert response.status_code == 200
    assert "tilgjengelig 500 000 kr" in response.content.decode()
    _refresh(sak, world.pot)
    assert sak.status == B.STYRET and not hasattr(sak, "vedtak")
    assert world.pot.forpliktet == 0 and ledger_verify() == []
    assert "decision_letter" not in templates_sent(APPLICANT)
    assert open_task_exists(process, "bekreft")


def test_lapse(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=80_000)
    perform(process, "delegert_vedtak", world.programleder, {})
    with time_machine.travel(timezone.now() + timedelta(days=22)):
        assert sv.tilsagn_lapse_sweep() == 1
    _refresh(sak, world.pot, process)
    assert sak.status == B.BORTFALT
    assert sak.vedtak.tilsagn.status == Tilsagn.Status.BORTFALT
    assert world.pot.forpliktet == 0 and world.pot.tilgjengelig == 500_000
    assert ledger_verify() == []
    assert process.status == PROCESS.DONE
    assert "lapse_notice" in templates_sent(APPLICANT)


def test_withdrawal_after_grant_releases_the_commitment(world, perform):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=80_000)
    perform(process, "delegert_vedtak", world.programleder, {})
    sv.sak_withdraw(soknad=sak.soknad, grunn="Vi har fått annen finansiering.")
    _refresh(sak, world.pot, process)
    assert sak.status == B.TRUKKET
    assert sak.soknad.status == Soknad.Status.TRUKKET
    assert world.pot.forpliktet == 0 and ledger_verify() == []
    assert process.status == PROCESS.CANCELED
    assert "case_closed" in templates_sent(APPLICANT)
    with pytest.raises(DomainError):
        sv.tilsagn_accept(sak=sak)


def test_cancellation_by_programleder_during_the_vote(world, perform, client):
    sak, process = world.submit()
    _check_and_assess(world, perform, process, belop=150_000)
    client.force_login(world.programleder)
    response = client.post(f"/staff/saker/sak/{sak.pk}/avslutt/", {"grunn": "Søker er konkurs."})
    assert response.status_code == 302
    _refresh(sak, process)
    assert sak.status == B.AVBRUTT and process.status == PROCESS.CANCELED
    assert not open_task_exists(process, "stemme")
