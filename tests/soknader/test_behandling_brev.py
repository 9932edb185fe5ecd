"""The decision letters and the minutes as PDF, read back as text."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow.models import Mote

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


@pytest.fixture
def world(db, settings, tmp_path):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path)
    return World()


@pytest.fixture
def perform(client):
    return make_performer(client)


def _decide(world, perform, anbefaling="innvilge", **fields):
    sak, process = world.submit(**fields)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, anbefaling=anbefaling, belop=80_000),
    )
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    return sak


def test_tilsagnsbrev_has_the_required_content(world, perform):
    sak = _decide(world, perform)
    text = pdf_text(bytes(sak.brev.get().pdf))
    frist = sak.vedtak.tilsagn.akseptfrist.strftime("%d.%m.%Y")
    for expected in (
        "Tilsagnsbrev",
        "80 000 kr",
        f"Strategi {world.pot.strategi.bokstav}",
        "Prosjektet følger PLP.",
        f"innen {frist}",
        "01.03.2026 – 31.12.2026",
        "Statusrapport 1.9.",
        "Etterskuddsvis.",
        "bagatellmessig støtte etter Kommisjonsforordning (EU) 2023/2831",
        "det vil si 6 957 EUR etter kursen 11,5000 NOK per EUR",
        "Klagefristen er 21 dager",
        sak.soknad.saksnummer,
    ):
        assert expected in text, expected


def test_avslagsbrev_gives_reasons_and_the_right_to_appeal(world, perform):
    sak = _decide(world, perform, anbefaling="avsla")
    text = pdf_text(bytes(sak.brev.get().pdf))
    assert "Avslag på søknad" in text
    assert "Prosjektet er ordinær drift." in text
    assert "Klagefristen er 21 dager" in text
    assert "forvaltningsloven §§ 28–29" in text
    assert "Klageorgan er Kommunestyret i Sel kommune" in text
    assert "forvaltningsloven § 18" in text and "§ 42" in text


def test_english_letter_when_the_applicant_chose_english(world, perform):
    sak = _decide(world, perform, sprak="en")
    brev = sak.brev.get()
    assert brev.sprak == "en"
    assert pdf_text(bytes(brev.pdf))  # rendered; wording follows config/locale/en


def test_protokoll_lists_decisions_votes_and_disqualified(world, perform, client):
    mote = Mote.objects.create(program=world.program, dato="2099-01-01", sted="Otta")
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    perform(process, "stemme", world.medlem1, {"grunner": ["leder"]})
    for member, vote in ((world.medlem2, "for"), (world.leder, "for")):
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": vote, "kommentar": "Godt prosjekt"})
    perform(process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."})
    client.force_login(world.leder)
    response = client.get(reverse("saker:protokoll", args=[mote.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Protokoll" in text and sak.soknad.saksnummer in text
    assert "Innvilget, 150 000 kr" in text
    assert f"{world.medlem2.get_full_name()}: For innstillingen" in text
    assert f"Inhabile {world.medlem1.get_full_name()}" in text


def _decision_mail(sak):
    from notifications.models import Message
    from notifications.rendering import render_message

    message = Message.objects.get(template="decision_letter", to_email="kari@bedrift.example")
    rendered = render_message(message)
    return " ".join((rendered.text + rendered.html).split())


def test_a_delegated_decision_says_the_programleder_decided(world, perform):
    sak = _decide(world, perform)
    letter = pdf_text(bytes(sak.brev.get().pdf))
    assert (
        "Vedtaket er fattet av programlederen etter fullmakt delegert fra styret i "
        "omstillingsprogrammet." in letter
    )
    mail = _decision_mail(sak)
    assert "Programlederen i omstillingsprogrammet har fattet vedtak" in mail
    assert "etter fullmakt delegert fra styret" in mail
    assert "Styret i omstillingsprogrammet har fattet vedtak" not in mail


def test_a_board_decision_says_the_board_decided(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    for member in world.board:
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    perform(process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."})
    sak.refresh_from_db()
    letter = pdf_text(bytes(sak.brev.get().pdf))
    assert "Vedtaket er fattet av styret i omstillingsprogrammet." in letter
    assert "programlederen" not in letter
    mail = _decision_mail(sak)
    assert "Styret i omstillingsprogrammet har fattet vedtak" in mail
    assert "Programlederen" not in mail


def test_an_e_mail_stored_without_who_decided_names_neither(settings):
    """Messages queued before the e-mail named the decision-maker still render truthfully."""
    from notifications.rendering import render

    rendered = render(
        template="decision_letter",
        context={
            "soknad_title": "Sensorer",
            "reference": "2026-0001",
            "granted": False,
            "amount": "",
            "appeal_days": 21,
            "url": "https://omstilling.example/min-side/sak/2026-0001/",
        },
        language="nb",
        is_legal=True,
    )
    assert "Omstillingsprogrammet har fattet vedtak" in rendered.text
    assert "Styret" not in rendered.text and "Programlederen" not in rendered.text
