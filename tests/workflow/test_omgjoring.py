"""Cancelling a grant (omgjøring, forvaltningsloven § 35): advance notice with a deadline to
comment (§ 16), the applicant's comment from Min side, a decision only by the body that made
the grant, a cancellation letter with the rights, and the commitment released through the
ledger. A programleder can no longer close a case whose grant the board decided."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from felles.errors import DomainError
from handlingsplan.models import Postering
from handlingsplan.services import ledger_verify
from notifications.models import Deadline
from tests.soknader.test_behandling_brev import pdf_text
from workflow import services
from workflow.deadline_kinds import Frist
from workflow.models import Brev, Hendelse, Omgjoring, Sak, Tilsagn

from .conftest import innstilling_data, templates_sent

pytestmark = pytest.mark.django_db
APPLICANT = "kari@bedrift.example"


def _board_grant(world, perform, sprak="nb"):
    sak, process = world.submit(sprak=sprak)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, belop=100_000)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    for member in world.board:
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    perform(process, "bekreft", world.leder, {"belop": 100_000, "vilkar": "Prosjektet følger PLP."})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT and sak.vedtak.organ == Sak.Organ.STYRET
    return sak


def _delegated_grant(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    assert sak.vedtak.organ == Sak.Organ.PROGRAMLEDER
    return sak


@pytest.mark.parametrize("sprak", ["nb", "en"])
def test_a_board_grant_is_cancelled_after_notice_by_the_board(world, perform, client, sprak):
    sak = _board_grant(world, perform, sprak)
    services.tilsagn_accept(sak=sak)
    omgjoring = services.omgjoring_notify(
        sak=sak, by=world.programleder, grunn="Prosjektet er lagt ned.", dager=10
    )
    # The notice goes out with a deadline to comment, in the reminder engine.
    assert "cancellation_notice" in templates_sent(APPLICANT)
    frist = Deadline.objects.get(case_id=sak.pk, kind=Frist.MERKNAD)
    assert frist.email == APPLICANT and frist.due_at == omgjoring.frist
    assert omgjoring.frist - omgjoring.varslet >= timedelta(days=10) - timedelta(seconds=5)
    # Nothing is decided before the applicant has had their say.
    with pytest.raises(DomainError) as early:
        services.omgjoring_decide(
            omgjoring=omgjoring, by=world.leder, opphev=True, hovedhensyn="Lagt ned."
        )
    assert early.value.code == "notice_open"

    # The applicant comments on Min side; the deadline closes.
    client.force_login(_applicant())
    page = client.get(reverse("soknader:minside_sak", args=[sak.saksnummer])).content.decode()
    assert "Prosjektet er lagt ned." in page
    response = client.post(
        reverse("soker:merknad", args=[sak.saksnummer]),
        {"merknad": "Vi håper å starte igjen til høsten."},
    )
    assert response.status_code == 302
    omgjoring.refresh_from_db()
    assert omgjoring.merknad == "Vi håper å starte igjen til høsten."
    assert omgjoring.merknad_mottatt is not None
    assert Hendelse.objects.filter(sak=sak, type=Hendelse.Type.MERKNAD).exists()
    frist.refresh_from_db()
    assert frist.closed_at is not None

    # The board decided the grant: the programleder may not cancel it.
    with pytest.raises(DomainError) as refused:
        services.omgjoring_decide(
            omgjoring=omgjoring,
            by=world.programleder,
            opphev=True,
            hovedhensyn="Prosjektet er lagt ned.",
            merknad_vurdering="Ingen konkret plan.",
        )
    assert refused.value.code == "wrong_body"
    omgjoring.refresh_from_db()
    assert omgjoring.apen
    # The comment must be weighed.
    with pytest.raises(DomainError) as unweighed:
        services.omgjoring_decide(
            omgjoring=omgjoring, by=world.leder, opphev=True, hovedhensyn="Lagt ned."
        )
    assert unweighed.value.field == "merknad_vurdering"

    tilsagn = sak.vedtak.tilsagn
    pot_before = world.pot.__class__.objects.get(pk=world.pot.pk)
    services.omgjoring_decide(
        omgjoring=omgjoring,
        by=world.leder,
        opphev=True,
        hovedhensyn="Prosjektet er lagt ned, og formålet med tilskuddet faller bort.",
        merknad_vurdering="En mulig oppstart til høsten er for usikker.",
    )
    omgjoring.refresh_from_db()
    sak.refresh_from_db()
    tilsagn.refresh_from_db()
    assert omgjoring.status == Omgjoring.Status.OPPHEVET
    assert omgjoring.organ == Sak.Organ.STYRET and omgjoring.bekreftet_som == "styreleder"
    assert sak.status == Sak.Status.OPPHEVET and tilsagn.status == Tilsagn.Status.OPPHEVET
    # The ledger releases the commitment, and the pot's balances reconcile.
    release = Postering.objects.get(forpliktelse=tilsagn.forpliktelse, type="frigjoring")
    assert release.belop == 100_000
    pot = world.pot.__class__.objects.get(pk=world.pot.pk)
    assert pot.forpliktet == pot_before.forpliktet - 100_000
    assert ledger_verify() == []
    # The cancellation letter with the rights.
    text = pdf_text(bytes(Brev.objects.get(sak=sak, type=Brev.Type.OPPHEVELSESBREV).pdf))
    assert omgjoring.referanse in text
    if sprak == "nb":
        assert "Vedtak om oppheving av tilsagn" in text
        assert "Prosjektet er lagt ned, og formålet med tilskuddet faller bort." in text
        assert "En mulig oppstart til høsten er for usikker." in text
        assert "Vedtaket er fattet av styret" in text
        for expected in (
            "Klageorgan er Kommunestyret i Sel kommune",
            "Klagefristen er 21 dager",
            "forvaltningsloven § 18",
            "forvaltningsloven § 42",
        ):
            assert expected in text, expected
    else:
        assert "Decision to cancel a grant" in text
        for expected in (
            "The appeal body is Kommunestyret i Sel kommune",
            "deadline for appeal is 21 days",
            "section 18",
            "section 42",
        ):
            assert expected in text, expected
    assert templates_sent(APPLICANT).count("decision_letter") == 2


def _applicant():
    return get_user_model().objects.create(username=f"soker:{APPLICANT}", email=APPLICANT)


def test_a_delegated_grant_is_cancelled_by_the_programleder_after_the_deadline(world, perform):
    sak = _delegated_grant(world, perform)
    omgjoring = services.omgjoring_notify(sak=sak, by=world.programleder, grunn="Ikke startet.")
    # A board member cannot decide what the programleder decided.
    with time_machine.travel(omgjoring.frist + timedelta(minutes=1)):
        with pytest.raises(DomainError) as refused:
            services.omgjoring_decide(
                omgjoring=omgjoring, by=world.medlem1, opphev=True, hovedhensyn="Ikke startet."
            )
        assert refused.value.code == "wrong_body"
        services.omgjoring_decide(
            omgjoring=omgjoring,
            by=world.programleder,
            opphev=True,
            hovedhensyn="Prosjektet er ikke startet.",
        )
    sak.refresh_from_db()
    assert sak.status == Sak.Status.OPPHEVET
    assert sak.vedtak.tilsagn.forpliktelse.frigjort == 80_000
    assert ledger_verify() == []
    text = pdf_text(bytes(Brev.objects.get(sak=sak, type=Brev.Type.OPPHEVELSESBREV).pdf))
    assert "Vi har ikke mottatt merknader fra dere." in text
    assert "etter fullmakt delegert fra styret" in text


def test_a_notice_can_be_dropped_and_the_grant_stands(world, perform):
    sak = _delegated_grant(world, perform)
    omgjoring = services.omgjoring_notify(sak=sak, by=world.programleder, grunn="Ikke startet.")
    services.omgjoring_comment(sak=sak, by=None, merknad="Vi startet 1. mars.")
    services.omgjoring_decide(
        omgjoring=omgjoring,
        by=world.programleder,
        opphev=False,
        hovedhensyn="Prosjektet er i gang.",
        merknad_vurdering="Dokumentert oppstart.",
    )
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT
    assert sak.vedtak.tilsagn.status == Tilsagn.Status.VENTER_AKSEPT
    assert sak.vedtak.tilsagn.forpliktelse.frigjort == 0
    assert "cancellation_dropped" in templates_sent(APPLICANT)


def test_the_programleder_cannot_close_a_board_grant_directly(world, perform, client):
    sak = _board_grant(world, perform)
    with pytest.raises(DomainError) as refused:
        services.sak_close(sak=sak, by=world.programleder, grunn="Avbryt.", av_soker=False)
    assert refused.value.code == "has_decision"
    client.force_login(world.programleder)
    response = client.post(reverse("saker:avslutt", args=[sak.pk]), {"grunn": "Avbryt."})
    assert response.status_code == 200
    assert "Et vedtak kan bare endres av organet som fattet det" in response.content.decode()
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT
    assert sak.vedtak.tilsagn.status == Tilsagn.Status.VENTER_AKSEPT
    assert sak.vedtak.tilsagn.forpliktelse.frigjort == 0
    assert ledger_verify() == []


def test_the_staff_pages_give_notice_and_record_the_decision(world, perform, client):
    sak = _delegated_grant(world, perform)
    client.force_login(world.programleder)
    page = client.get(reverse("saker:sak", args=[sak.pk])).content.decode()
    assert "Varsle oppheving av tilsagnet" in page and "Avslutt saken" not in page
    url = reverse("saker:omgjoring_varsel", args=[sak.pk])
    assert client.post(url, {"grunn": "", "dager": 7}).status_code == 200
    assert client.post(url, {"grunn": "Ikke startet.", "dager": 500}).status_code == 200
    assert not Omgjoring.objects.exists()
    assert client.post(url, {"grunn": "Ikke startet.", "dager": 7}).status_code == 302
    omgjoring = Omgjoring.objects.get(sak=sak)
    vedtak_url = reverse("saker:omgjoring_vedtak", args=[omgjoring.pk])
    early = client.post(vedtak_url, {"utfall": "opphev", "hovedhensyn": "Ikke startet."})
    assert early.status_code == 200 and "uttale seg" in early.content.decode()
    client.force_login(world.observator)
    assert client.get(vedtak_url).status_code == 403
    with time_machine.travel(omgjoring.frist + timedelta(minutes=1)):
        client.force_login(world.programleder)
        done = client.post(vedtak_url, {"utfall": "opphev", "hovedhensyn": "Ikke startet."})
    assert done.status_code == 302
    sak.refresh_from_db()
    assert sak.status == Sak.Status.OPPHEVET
    assert Brev.objects.filter(sak=sak, type=Brev.Type.OPPHEVELSESBREV).exists()
