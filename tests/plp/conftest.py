"""A program with a filled pot and staff (as for the case tests), and helpers that take an
application through its case to an accepted grant, which opens the project's phase."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handlingsplan.models import Postering
from handlingsplan.services import ledger_verify
from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow import services as sv
from workflow.models import Sak


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    settings.SITE_URL = "https://omstilling.example"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture(autouse=True)
def _worker_opens_phases_at_once(monkeypatch):
    """The phase of an accepted grant is opened by a worker after commit; tests see it
    opened at once, as a worker would."""
    from plp.services import fase_opprett

    monkeypatch.setattr(
        "plp.tasks.fase_opprett_enqueue",
        lambda sak_id: fase_opprett(sak=Sak.objects.get(pk=sak_id)),
    )


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def perform(client):
    return make_performer(client)


def delegated_grant(world, perform, sak, process, belop):
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=belop))
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT
    sv.tilsagn_accept(sak=sak)
    sak.refresh_from_db()
    return sak


def board_grant(world, perform, sak, process, belop):
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, belop=belop)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    for member in world.board:
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    perform(process, "bekreft", world.leder, {"belop": belop, "vilkar": "Prosjektet følger PLP."})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT and sak.vedtak.organ == Sak.Organ.STYRET
    sv.tilsagn_accept(sak=sak)
    sak.refresh_from_db()
    return sak


def entries(forpliktelse) -> list[tuple[str, int]]:
    """The commitment's ledger entries, in order: (type, amount)."""
    return list(
        Postering.objects.filter(forpliktelse=forpliktelse)
        .order_by("tidspunkt", "id")
        .values_list("type", "belop")
    )


def balanced():
    assert ledger_verify() == []
    return True


def minutes(name="referat.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 referat", content_type="application/pdf")


COSTS = {"lonn": 80_000, "kjop": 70_000}
JOBS = {"nye_kvinner": 1, "nye_menn": 2, "sikrede_kvinner": 0, "sikrede_menn": 1}
