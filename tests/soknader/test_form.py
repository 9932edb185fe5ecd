"""The public form over HTTP: steps, messages next to fields, nothing lost on error."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from notifications.models import Message
from soknader.models import Soknad
from tests.factories import ProgramFactory

from . import journey
from .journey import PDF, STEP1, STEP2, STEP3, STEP4, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory()


def _field_error(body: str, field_id: str) -> str:
    match = re.search(rf'id="{field_id}_feil"><strong>[^<]*</strong> ([^<]*)</p>', body)
    return match.group(1) if match else ""


def test_complete_journey_submits_with_a_case_number(client, program):
    token = journey.fill_and_submit(client)
    soknad = journey.soknad_of(token)
    assert soknad.status == Soknad.Status.SENDT
    assert re.fullmatch(r"\d{4}-0001", soknad.saksnummer)
    assert soknad.kostnader.get(kategori="personell").belop == 100_000
    assert soknad.vedlegg.get().filnavn == "plan.pdf"
    page = client.get(f"/soknad/utkast/{token}/sendt/", follow=True).content.decode()
    assert soknad.saksnummer in page
    assert Message.objects.filter(template="receipt", to_email="kari@bedrift.example").exists()
    # The draft link no longer edits a sent application.
    response = client.get(step_url(token, 1))
    assert response.status_code == 302 and response["Location"].endswith("/sendt/")


def test_wrong_orgnr_is_shown_next_to_the_field_and_input_is_kept(client, program):
    token = journey.start(client)
    response = client.post(step_url(token, 1), {**STEP1, "orgnr": "988077918"})
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_error(body, "id_orgnr") == (
        "Organisasjonsnummeret er ugyldig: kontrollsifferet stemmer ikke."
    )
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_orgnr_hjelp id_orgnr_feil"' in body
    assert 'href="#id_orgnr"' in body  # the summary links to the field
    assert 'value="Kari Nordmann"' in body and 'value="988077918"' in body


def test_financing_must_balance_and_respect_intensity(client, program):
    token = journey.start(client)
    client.post(step_url(token, 1), STEP1)
    client.post(step_url(token, 2), STEP2)
    response = client.post(
        step_url(token, 3),
        {**STEP3, "egne_midler": "0", "egeninnsats": "0", "programmet": "150000"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Finansieringsplanen (150 000 kr) må være lik kostnadsplanen (200 000 kr)" in body
    assert 'href="#finansiering-feil"' in body
    assert _field_error(body, "id_programmet") == (
        "Du kan søke om høyst 50 % av kostnadene, det vil si 100 000 kr. Du har søkt om 150 000 kr."
    )
    assert 'value="Prosjektleder"' in body and 'value="100000"' in body
    assert not journey.soknad_of(token).kostnader.exists()


def test_end_before_start_is_shown_on_the_end_date(client, program):
    token = journey.start(client)
    response = client.post(step_url(token, 2), {**STEP2, "sluttdato": "2026-01-01"})
    assert _field_error(response.content.decode(), "id_sluttdato") == (
        "Sluttdatoen kan ikke være før startdatoen."
    )


def test_personnel_needs_hours_and_rate(client, program):
    token = journey.start(client)
    response = client.post(step_url(token, 3), {**STEP3, "kost-0-timer": ""})
    assert _field_error(response.content.decode(), "id_kost-0-timer") == (
        "Eget personell føres som timer × timesats."
    )


def _upload(client, token, name, content, **extra):
    return client.post(
        step_url(token, 5),
        {
            "type": "prosjektplan",
            "fil": SimpleUploadedFile(name, content),
            "last_opp": "1",
            **extra,
        },
    )


def test_pdf_name_with_other_content_is_refused_and_the_rest_is_intact(client, program):
    token = journey.start(client)
    client.post(step_url(token, 1), STEP1)
    assert _upload(client, token, "plan.pdf", PDF).status_code == 302
    response = _upload(client, token, "faktura.pdf", b"MZ\x90\x00 not a pdf at all")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Filen «faktura.pdf» kan ikke tas imot" in _field_error(body, "id_fil")
    soknad = journey.soknad_of(token)
    assert [v.filnavn for v in soknad.vedlegg.all()] == ["plan.pdf"]
    assert soknad.org_navn == "Bedrift AS"
    assert "plan.pdf" in body


def test_png_named_pdf_is_refused(client, program):
    token = journey.start(client)
    response = _upload(client, token, "plan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    assert "heter .pdf, men innholdet er PNG" in response.content.decode()


def test_too_large_file_is_refused(client, program, settings):
    settings.SOKNAD_VEDLEGG_MAKS_BYTE = 1024 * 1024
    token = journey.start(client)
    response = _upload(client, token, "stor.pdf", PDF + b"0" * (1024 * 1024))
    assert "Filen «stor.pdf» er for stor: den kan være høyst 1 MB." in _field_error(
        response.content.decode(), "id_fil"
    )
    assert not journey.soknad_of(token).vedlegg.exists()


def test_too_many_files_are_refused(client, program, settings):
    settings.SOKNAD_VEDLEGG_MAKS_ANTALL = 2
    token = journey.start(client)
    _upload(client, token, "a.pdf", PDF)
    _upload(client, token, "b.pdf", PDF)
    response = _upload(client, token, "c.pdf", PDF)
    assert "høyst 2 vedlegg" in response.content.decode()


def test_review_lists_what_is_missing_by_step(client, program):
    token = journey.start(client)
    body = client.get(step_url(token, 6), follow=True).content.decode()
    assert "Søknaden kan ikke sendes ennå" in body
    assert f'href="{journey.held_step_url(token, 1)}#id_orgnr"' in body
    response = client.post(step_url(token, 6), {"bekreft": "on"})
    assert response.status_code == 200
    assert journey.soknad_of(token).status == Soknad.Status.UTKAST


def test_draft_attachment_is_served_to_the_link_holder_only(client, program):
    token = journey.start(client)
    _upload(client, token, "plan.pdf", PDF)
    soknad = journey.soknad_of(token)
    vedlegg = soknad.vedlegg.get()
    url = f"/soknad/{soknad.pk}/vedlegg/{vedlegg.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    other = journey.soknad_of(journey.start(client))
    assert client.get(f"/soknad/{other.pk}/vedlegg/{vedlegg.pk}/").status_code == 404
    # Another browser, without the draft in its session, gets nothing.
    assert Client().get(url).status_code == 404


def test_unknown_token_is_404(client, program):
    assert client.get(step_url("ikke-et-token", 1)).status_code == 404


def test_english_interface_keeps_the_form(client, program):
    token = journey.start(client)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(step_url(token, 1), follow=True)
    assert '<html lang="en">' in response.content.decode()


def test_the_draft_link_is_e_mailed_to_the_contact_person_once(client, program):
    token = journey.start(client)
    client.post(step_url(token, 1), STEP1)
    client.post(step_url(token, 1), STEP1)
    [message] = Message.objects.filter(template="soknad_utkast")
    assert message.to_email == "kari@bedrift.example"
    assert message.context["secret_link"] == {"kind": "utkast", "soknad_id": message.case_id}
    assert "url" not in message.context
    from notifications.rendering import render_message

    assert "Lenke til søknadsutkastet ditt" in render_message(message).subject
    assert journey.link_sent(message).endswith(f"/soknad/utkast/{token}/")


HUGE = str(10**19)


def test_huge_cost_amount_is_a_form_error_and_the_draft_keeps_the_rest(client, program):
    token = journey.start(client)
    client.post(step_url(token, 1), STEP1)
    response = client.post(step_url(token, 3), {**STEP3, "kost-1-belop": HUGE})
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_error(body, "id_kost-1-belop") == "Beløpet kan være høyst 1 000 000 000 kr."
    assert 'value="Prosjektleder"' in body and 'value="60000"' in body
    soknad = journey.soknad_of(token)
    assert soknad.org_navn == "Bedrift AS" and soknad.kontakt_epost == "kari@bedrift.example"
    assert not soknad.kostnader.exists() and not soknad.finansiering.exists()


def test_huge_amount_applied_for_and_hours_are_form_errors(client, program):
    token = journey.start(client)
    response = client.post(
        step_url(token, 3), {**STEP3, "programmet": HUGE, "kost-0-timer": "100001"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_error(body, "id_programmet") == "Beløpet kan være høyst 1 000 000 000 kr."
    assert _field_error(body, "id_kost-0-timer") == "Tallet kan være høyst 100 000."
    assert not journey.soknad_of(token).kostnader.exists()


def test_hours_times_rate_over_the_limit_is_a_form_error(client, program):
    token = journey.start(client)
    response = client.post(
        step_url(token, 3), {**STEP3, "kost-0-timer": "100000", "kost-0-timesats": "100000"}
    )
    assert response.status_code == 200
    assert _field_error(response.content.decode(), "id_kost-0-timer") == (
        "Timer × timesats kan være høyst 1 000 000 000 kr."
    )


def test_nothing_applied_for_is_a_form_error(client, program):
    token = journey.start(client)
    response = client.post(step_url(token, 3), {**STEP3, "programmet": "0"})
    assert response.status_code == 200
    assert _field_error(response.content.decode(), "id_programmet") == (
        "Beløpet må være minst 1 kr."
    )


def test_huge_aid_amount_and_job_count_are_form_errors_and_the_draft_keeps_the_rest(
    client, program
):
    token = journey.start(client)
    client.post(step_url(token, 1), STEP1)
    client.post(step_url(token, 2), STEP2)
    response = client.post(
        step_url(token, 4), {**STEP4, "stotte-0-belop": HUGE, "nye_kvinner": HUGE}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_error(body, "id_stotte-0-belop") == "Beløpet kan være høyst 1 000 000 000 kr."
    assert _field_error(body, "id_nye_kvinner") == "Tallet kan være høyst 100 000."
    assert 'value="Innovasjon Norge"' in body and 'value="Etablerertilskudd"' in body
    soknad = journey.soknad_of(token)
    assert soknad.tittel == "Nytt produkt" and soknad.aktiviteter.count() == 1
    assert soknad.nye_kvinner == 0 and not soknad.offentlig_stotte.exists()
