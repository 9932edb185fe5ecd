"""The PDF of exactly what was submitted: made from the snapshot, kept in the case file,
readable by the applicant on Min side and by staff, by nobody else."""

import io

import pypdf
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from felles.pdf import render_pdf
from felles.roles import Rolle
from soknader import services
from soknader.models import ImmutableError, InnsendtSoknadPdf
from soknader.tasks import innsendt_pdf_task
from tests.factories import ProgramFactory, UserFactory, staff_user

from .factories import draft_complete
from .journey import PDF

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split())


def _applicant(address: str):
    user, _ = get_user_model().objects.get_or_create(
        username=f"soker:{address}", defaults={"email": address}
    )
    return user


@pytest.fixture
def submitted():
    program = ProgramFactory(navn="Omstillingsprogrammet i Sel")
    draft = draft_complete(
        program=program,
        epost="kari@a.example",
        org_navn="Fjellost Otta AS",
        tittel="Modningsrom for ost",
    )
    services.vedlegg_add(
        soknad=draft, type="prosjektplan", upload=SimpleUploadedFile("prosjektplan.pdf", PDF)
    )
    with time_machine.travel("2026-04-02 10:00 +02:00", tick=False):
        return services.soknad_submit(soknad=draft)


def test_submitting_enqueues_the_pdf_and_the_task_stores_it(submitted):
    innsendt = submitted.innsendt_kopi
    assert innsendt_pdf_task(innsendt.pk) == innsendt.pdf.pk
    stored = InnsendtSoknadPdf.objects.get(innsendt_soknad=innsendt)
    assert stored.filnavn == f"soknad-{submitted.saksnummer}.pdf"
    assert bytes(stored.innhold).startswith(b"%PDF")
    # Made once: a second run returns the same document.
    assert innsendt_pdf_task(innsendt.pk) == stored.pk


def test_the_pdf_lists_what_was_submitted_with_totals(submitted):
    pdf = services.innsendt_pdf_ensure(innsendt=submitted.innsendt_kopi)
    text = pdf_text(bytes(pdf.innhold))
    for expected in [
        f"Søknad {submitted.saksnummer}",
        "Omstillingsprogrammet i Sel",
        "Sendt inn 02.04.2026 10:00 av Fjellost Otta AS",
        "988 077 917",
        "Modningsrom for ost",
        "Kari Nordmann",
        "Ola Nordmann",
        "Forprosjekt",
        "Markedsundersøkelse",
        # Cost lines and their total.
        "Prosjektleder (100 t × 1 000 kr) 100 000 kr",
        "Konsulent 100 000 kr",
        "Kostnader i alt 200 000 kr",
        # Financing lines and their total.
        "Egne midler 60 000 kr",
        "Egeninnsats (eget arbeid) 40 000 kr",
        "Søkt fra omstillingsprogrammet 100 000 kr",
        "Finansiering i alt 200 000 kr",
        # Jobs, aid declarations and attachments.
        "Nye 1 1",
        "Innovasjon Norge, Etablerertilskudd 01.05.2025 50 000 kr",
        "prosjektplan.pdf",
    ]:
        assert expected in text, expected


def pdf_language(content: bytes) -> str:
    return str(pypdf.PdfReader(io.BytesIO(content)).trailer["/Root"].get("/Lang"))


def test_the_pdf_is_in_the_applicants_language(submitted):
    english = draft_complete(program=submitted.program, epost="kari@a.example", sprak="en")
    english = services.soknad_submit(soknad=english)
    with translation.override("nb"):  # whatever the language of the caller
        pdf = services.innsendt_pdf_ensure(innsendt=english.innsendt_kopi)
    assert pdf.sprak == "en"
    assert pdf_language(bytes(pdf.innhold)) == "en"
    assert english.saksnummer in pdf_text(bytes(pdf.innhold))
    norwegian = services.innsendt_pdf_ensure(innsendt=submitted.innsendt_kopi)
    assert pdf_language(bytes(norwegian.innhold)) == "nb"


def test_the_pdf_shows_the_snapshot_not_later_changes(submitted):
    # The live rows cannot be edited once sent; even a direct change does not reach the PDF.
    submitted.kostnader.update(belop=1)
    text = pdf_text(bytes(services.innsendt_pdf_ensure(innsendt=submitted.innsendt_kopi).innhold))
    assert "Kostnader i alt 200 000 kr" in text


def test_the_pdf_is_never_changed_or_deleted(submitted):
    pdf = services.innsendt_pdf_ensure(innsendt=submitted.innsendt_kopi)
    pdf.filnavn = "annet.pdf"
    with pytest.raises(ImmutableError):
        pdf.save()
    with pytest.raises(ImmutableError):
        pdf.delete()


def test_applicant_downloads_the_pdf_of_their_own_case(client, submitted):
    client.force_login(_applicant("kari@a.example"))
    page = client.get(f"/min-side/sak/{submitted.saksnummer}/").content.decode()
    assert f"/soknad/{submitted.pk}/innsendt.pdf" in page
    response = client.get(f"/soknad/{submitted.pk}/innsendt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="soknad-{submitted.saksnummer}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert submitted.saksnummer in text and "Fjellost Otta AS" in text
    assert "Søkt fra omstillingsprogrammet 100 000 kr" in text


def test_staff_download_the_pdf(client, submitted):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    response = client.get(f"/soknad/{submitted.pk}/innsendt.pdf")
    assert response.status_code == 200
    assert submitted.saksnummer in pdf_text(response.content)


def test_wrong_applicant_and_nobody_cannot_download_it(client, submitted):
    url = f"/soknad/{submitted.pk}/innsendt.pdf"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/min-side/logg-inn/")
    client.force_login(_applicant("per@b.example"))
    response = client.get(url)
    assert response.status_code == 404 and not response.content.startswith(b"%PDF")
    client.force_login(UserFactory())  # logged in, no role, no case
    assert client.get(url).status_code == 404


def test_a_draft_has_no_pdf(client):
    draft = draft_complete(epost="kari@a.example")
    client.force_login(_applicant("kari@a.example"))
    assert client.get(f"/soknad/{draft.pk}/innsendt.pdf").status_code == 404


def test_render_pdf_loads_nothing_from_outside(settings, tmp_path):
    """Even a template that names a remote image makes the server fetch nothing."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "fjern.html").write_text(
            f'<html lang="nb"><body><img src="http://127.0.0.1:{server.server_port}/x.png">'
            "<p>Tekst {{ x }}</p></body></html>"
        )
        settings.TEMPLATES = [
            {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
        ]
        content = render_pdf("fjern.html", {"x": "fra søkeren"})
    finally:
        server.shutdown()
    assert "Tekst fra søkeren" in pdf_text(content)
    assert hits == []
