"""The appeal's letters in English, and the board's decision reviewed by the board."""

from datetime import timedelta

import pytest
from django.utils import timezone

from felles.errors import DomainError
from handlingsplan.models import Postering
from tests.soknader.test_behandling_brev import pdf_text
from tests.workflow.klage_helpers import (
    appeal_on_min_side,
    decided,
    perform_klage,
    this_years_pot,
)
from tests.workflow.test_board_decisions import _to_board, _votes
from workflow.models import Brev, Klage, Sak
from workflow.services import klage_register, klage_review

pytestmark = pytest.mark.django_db


def _letter(klage, kind) -> str:
    return pdf_text(bytes(Brev.objects.get(sak=klage.sak, type=kind).pdf))


def test_reversal_letter_in_english(world, perform, client):
    pot = this_years_pot(world)
    sak = decided(world, perform, sprak="en")
    appeal_on_min_side(client, sak)
    klage = Klage.objects.get(paklaget=sak)
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "omgjor", "begrunnelse": "New facts.", "belop": 40_000, "pot": pot.pk},
    )
    brev = Brev.objects.get(sak=klage.sak, type=Brev.Type.OMGJORINGSBREV)
    text = pdf_text(bytes(brev.pdf))
    assert brev.sprak == "en"
    for expected in (
        "Decision after appeal",
        "40 000 kr in all",
        "New facts.",
        "Kommunestyret i Sel kommune",
        klage.sak.vedtak.tilsagn.akseptfrist.strftime("%d.%m.%Y"),
    ):
        assert expected in text, expected
    assert "Vedtak etter klage" not in text


def test_dismissal_and_appeal_body_letters_in_english(world, perform, client):
    sak = decided(world, perform, sprak="en")
    sak.vedtak.__class__.objects.filter(pk=sak.vedtak.pk).update(
        vedtatt=timezone.now() - timedelta(days=50)
    )
    late = klage_register(
        sak=sak, by=world.programleder, kanal=Klage.Kanal.BREV, begrunnelse="Late."
    )
    perform_klage(
        client,
        late,
        "fristvurdering",
        world.programleder,
        {"valg": "avvise", "begrunnelse": "No reason to overlook the time limit."},
    )
    text = _letter(late, Brev.Type.AVVISNINGSBREV)
    for expected in (
        "Dismissal of appeal",
        "The appeal came too late",
        "No reason to overlook the time limit.",
        "Kommunestyret i Sel kommune",
        late.frist.strftime("%d.%m.%Y"),
    ):
        assert expected in text, expected

    # An appeal in time, kept by the deciding body and decided by the appeal body.
    sak2 = decided(world, perform, sprak="en", orgnr="974760673")
    appeal_on_min_side(client, sak2)
    klage = Klage.objects.get(paklaget=sak2)
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "Stands."},
    )
    perform_klage(client, klage, "oversend", world.programleder, {"uttalelse": "See the file."})
    notice = _letter(klage, Brev.Type.OVERSENDELSE)
    assert "the appeal was sent to Kommunestyret i Sel kommune, which is the appeal body" in notice
    assert "See the file." in notice and "section 42" in notice
    perform_klage(
        client,
        klage,
        "klageorgan",
        world.programleder,
        {
            "resultat": "stadfestet",
            "resultat_dato": timezone.localdate().isoformat(),
            "begrunnelse": "Upheld.",
        },
    )
    text = _letter(klage, Brev.Type.KLAGEVEDTAK)
    for expected in (
        "The appeal body's decision",
        "Kommunestyret i Sel kommune, as the appeal body",
        "The appeal is not allowed",
        "final and cannot be appealed",
        "section 28, third paragraph",
        "section 18",
    ):
        assert expected in text, expected


def test_a_board_decision_is_reviewed_by_the_board_through_its_chair(world, perform, client):
    sak, process = _to_board(world, perform, anbefaling="avsla")
    _votes(perform, process, [(world.medlem1, "for"), (world.medlem2, "for"), (world.leder, "for")])
    perform(process, "bekreft", world.leder, {})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.AVSLATT and sak.vedtak.organ == Sak.Organ.STYRET
    appeal_on_min_side(client, sak)
    klage = Klage.objects.get(paklaget=sak)
    assert klage.sak.organ == Sak.Organ.STYRET
    with pytest.raises(DomainError):
        klage_review(sak=klage.sak, by=world.programleder, omgjor=False, begrunnelse="x")
    before = Postering.objects.count()
    perform_klage(
        client,
        klage,
        "underinstans",
        world.leder,
        {"valg": "opprettholder", "begrunnelse": "Styret står ved vedtaket."},
    )
    assert klage.status == Klage.Status.TIL_OVERSENDELSE
    assert Postering.objects.count() == before
