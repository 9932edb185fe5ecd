"""Every decision letter meets forvaltningsloven §§ 24–27 and names the applicant's rights:
the rules applied, the facts (applied for, approved cost base, granted), the assessment and
the main considerations, and the appeal body, the deadline, § 18 and § 42 — in bokmål and
in English. Read back from the PDF text."""

import pytest

from tests.soknader.test_behandling_brev import pdf_text
from workflow import services
from workflow.models import Brev, Sak

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db

RIGHTS = {
    "nb": (
        "Klageorgan er Kommunestyret i Sel kommune",
        "Klagefristen er 21 dager",
        "forvaltningsloven § 18",
        "utsatt iverksetting, forvaltningsloven § 42",
    ),
    "en": (
        "The appeal body is Kommunestyret i Sel kommune",
        "deadline for appeal is 21 days",
        "section 18",
        "postponed implementation, section 42",
    ),
}
FACTS = {
    "nb": ("Omsøkt beløp 100 000 kr", "Godkjent kostnadsgrunnlag", "Tildelingskriterier"),
    "en": ("Amount applied for 100 000 kr", "Approved cost base", "Award criteria"),
}


def _assessed(world, perform, sprak, **innstilling):
    sak, process = world.submit(sprak=sprak)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, **innstilling))
    return sak, process


def _letter(sak, kind) -> str:
    brev = Brev.objects.get(sak=sak, type=kind)
    assert brev.sprak == sak.soknad.sprak
    return pdf_text(bytes(brev.pdf))


def _has_rights(text, sprak):
    for expected in RIGHTS[sprak] + FACTS[sprak][:1]:
        assert expected in text, expected


@pytest.mark.parametrize("sprak", ["nb", "en"])
def test_grant_letter_states_rules_facts_reasons_and_rights(world, perform, sprak):
    sak, process = _assessed(world, perform, sprak, belop=100_000)
    perform(process, "delegert_vedtak", world.programleder, {})
    text = _letter(sak, Brev.Type.TILSAGNSBREV)
    _has_rights(text, sprak)
    strategi = world.pot.strategi
    assert f"{strategi.bokstav} {strategi.navn}" in text
    assert f"{strategi.innsatsomrade.nummer} {strategi.innsatsomrade.navn}" in text
    assert str(strategi.handlingsplan.ar) in text
    assert "75 %" in text and "150 000 kr" in text  # the phase's ceiling of 200 000 kr
    assert "Godt forankret, treffer strategien." in text  # the assessment
    assert "Prosjektet oppfyller kriteriene." in text  # the main considerations
    partial = "delvis innvilget" if sprak == "nb" else "partly granted"
    assert partial not in text


@pytest.mark.parametrize("sprak", ["nb", "en"])
def test_partial_grant_shows_applied_for_cost_base_and_granted(world, perform, sprak):
    sak, process = _assessed(world, perform, sprak, belop=60_000, kostnadsgrunnlag=160_000)
    perform(process, "delegert_vedtak", world.programleder, {})
    text = _letter(sak, Brev.Type.TILSAGNSBREV)
    _has_rights(text, sprak)
    for expected in FACTS[sprak]:
        assert expected in text, expected
    if sprak == "nb":
        assert "Godkjent kostnadsgrunnlag 160 000 kr" in text
        assert "Innvilget beløp 60 000 kr" in text
        assert "delvis innvilget: dere får 60 000 kr av omsøkte 100 000 kr" in text
    else:
        assert "Approved cost base 160 000 kr" in text
        assert "Amount granted 60 000 kr" in text
        assert "partly granted: you receive 60 000 kr of the 100 000 kr applied for" in text


@pytest.mark.parametrize("sprak", ["nb", "en"])
def test_rejection_letter_states_facts_reasons_and_rights(world, perform, sprak):
    sak, process = _assessed(world, perform, sprak, anbefaling="avsla")
    perform(process, "delegert_vedtak", world.programleder, {})
    text = _letter(sak, Brev.Type.AVSLAGSBREV)
    _has_rights(text, sprak)
    assert "Prosjektet er ordinær drift." in text
    assert "Godt forankret, treffer strategien." in text


@pytest.mark.parametrize("sprak", ["nb", "en"])
def test_dismissal_is_a_decision_with_its_own_letter_and_rights(world, perform, sprak):
    sak, _process = world.submit(sprak=sprak)
    services.sak_close(
        sak=sak, by=world.programleder, grunn="Søkeren er under avvikling.", av_soker=False
    )
    sak.refresh_from_db()
    assert sak.status == Sak.Status.AVBRUTT
    assert sak.vedtak.avvist and sak.vedtak.organ == Sak.Organ.PROGRAMLEDER
    text = _letter(sak, Brev.Type.AVVISNINGSBREV)
    _has_rights(text, sprak)
    assert "Søkeren er under avvikling." in text
    assert ("Avvisning av søknad" if sprak == "nb" else "Dismissal of application") in text


def test_withdrawal_by_the_applicant_is_no_decision(world):
    sak, _process = world.submit()
    services.sak_close(sak=sak, by=None, grunn="Prosjektet er utsatt.", av_soker=True)
    sak.refresh_from_db()
    assert sak.status == Sak.Status.TRUKKET
    assert not Brev.objects.filter(sak=sak).exists()
    assert not hasattr(sak, "vedtak")


def test_the_delegated_decider_writes_the_main_considerations(world, perform):
    sak, process = _assessed(world, perform, "nb", belop=100_000)
    perform(
        process,
        "delegert_vedtak",
        world.programleder,
        {"hovedhensyn": "Prosjektet gir to nye arbeidsplasser i reiselivet."},
    )
    sak.refresh_from_db()
    assert sak.vedtak.begrunnelse == "Prosjektet gir to nye arbeidsplasser i reiselivet."
    text = _letter(sak, Brev.Type.TILSAGNSBREV)
    assert "Hovedhensyn i vedtaket Prosjektet gir to nye arbeidsplasser i reiselivet." in text
    assert "Godt forankret, treffer strategien." in text  # the assessment stays beside it
