"""The annual report: `manage.py arsrapport YEAR --pdf F --xlsx F` and the button on the
reporting page write every section of the year, with its tables and charts, to PDF and Excel,
with the same figures as the pages."""

import io
import re
from datetime import date

import pypdf
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from felles.roles import Rolle
from handlingsplan.services import handlingsplan_advance
from rapportering import seksjoner
from rapportering.arsrapport import arsrapport_bygg, arsrapport_html, arsrapport_pdf
from rapportering.diagram import geometri
from rapportering.tabell import KR, Celle, Diagram, Kolonne, Rapportdel, Serie, Tabell
from tests.factories import HandlingsplanFactory, ProgramFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split())


def pdf_rektangler(content: bytes) -> list[tuple[float, ...]]:
    """Every rectangle drawn on the PDF's pages (the `re` operator), as (x, y, w, h)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    found = []
    for page in reader.pages:
        for line in page.get_contents().get_data().decode("latin-1").splitlines():
            parts = line.split()
            if len(parts) == 5 and parts[4] == "re":
                found.append(tuple(float(p) for p in parts[:4]))
    return found


def _tabell(ar) -> Tabell:
    return Tabell(
        slug="penger",
        tittel=f"Penger per strategi {ar}",
        kolonner=[Kolonne("Strategi"), Kolonne("Budsjett", KR, summer=True)],
        rader=[["Strategi A", Celle(1_000_000, "/staff/handlingsplan/pott/1/")], ["B", 250_000]],
    )


def _diagram() -> Diagram:
    serie = Serie("Budsjett", [1_000_000, 250_000])
    return Diagram("Budsjett per strategi", ["A", "B"], [serie], "penger")


@pytest.fixture
def en_seksjon(monkeypatch):
    """A section built for the asked year, standing in for the sections of the registry."""

    def bygg(program, ar):
        return Rapportdel(
            tabeller=[_tabell(ar)], diagrammer=[_diagram()], merknader=["Tallene er foreløpige."]
        )

    seksjon = seksjoner.Seksjon("penger", "Penger", bygg, "Budsjett per strategi.")
    monkeypatch.setattr(seksjoner, "alle", lambda: [seksjon])
    return seksjon


@pytest.fixture
def program():
    program = ProgramFactory(navn="Omstillingsprogrammet i Sel", start_ar=2021, slutt_ar=2026)
    plan = HandlingsplanFactory(program=program, ar=2022, tittel="Handlingsplan 2022", utkast=True)
    handlingsplan_advance(
        plan=plan, to="godkjent", date=date(2022, 2, 10), reference="Styringsgruppen sak 3/2022"
    )
    return program


def test_the_command_writes_the_pdf_and_the_workbook(tmp_path, en_seksjon, program):
    pdf, xlsx = tmp_path / "arsrapport.pdf", tmp_path / "arsrapport.xlsx"
    out = io.StringIO()
    call_command("arsrapport", "2022", pdf=str(pdf), xlsx=str(xlsx), stdout=out)
    assert f"Skrev {pdf}" in out.getvalue() and f"Skrev {xlsx}" in out.getvalue()

    text = pdf_text(pdf.read_bytes())
    for expected in [
        "Årsrapport 2022",
        "Omstillingsprogrammet i Sel",
        "Handlingsplan 2022",
        "Godkjent av styringsgruppen (10.02.2022, Styringsgruppen sak 3/2022)",
        "1. Penger",
        "Tallene er foreløpige.",
        "Penger per strategi 2022",
        "Strategi A 1 000 000 kr",
        "B 250 000 kr",
        "Sum 1 250 000 kr",
    ]:
        assert expected in text, expected

    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["Årsrapport 2022", "Penger per strategi 2022"]
    forside = {
        r[0]: r[1] for r in workbook["Årsrapport 2022"].iter_rows(min_row=2, values_only=True)
    }
    assert forside["Program"] == "Omstillingsprogrammet i Sel" and forside["År"] == 2022
    ark = workbook["Penger per strategi 2022"]
    tabell = _tabell(2022)
    assert [list(r) for r in ark.iter_rows(min_row=2, max_row=3, values_only=True)] == [
        tabell.verdier(r) for r in tabell.rader
    ]
    assert ark["B4"].value == "=SUM(B2:B3)"


def test_the_pdf_draws_the_charts_as_vector_graphics(en_seksjon, program):
    rapport = arsrapport_bygg(program, 2022)
    html = arsrapport_html(rapport)
    assert html.count("<svg") == 1 and "Budsjett per strategi" in html
    content = arsrapport_pdf(rapport)
    assert content.startswith(b"%PDF")
    drawn = pdf_rektangler(content)
    # Each bar is drawn where the chart's geometry puts it (SVG units, in the chart's own frame).
    for bar in geometri(_diagram())["stolper"]:
        want = (bar.x, bar.y, bar.bredde, bar.hoyde)
        assert any(all(abs(a - b) < 0.01 for a, b in zip(r, want, strict=True)) for r in drawn), bar


def test_a_year_outside_the_program_is_refused(tmp_path, en_seksjon, program):
    pdf = tmp_path / "arsrapport.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("arsrapport", "2030", pdf=str(pdf))
    assert str(refused.value) == (
        "2030 er ikke et år i Omstillingsprogrammet i Sel, som varer fra 2021 til 2026."
    )
    assert not pdf.exists()
    with pytest.raises(CommandError, match="Oppgi --pdf FIL, --xlsx FIL eller begge."):
        call_command("arsrapport", "2022")
    with pytest.raises(CommandError, match="Fant ikke programmet «finnes-ikke»."):
        call_command("arsrapport", "2022", pdf=str(pdf), program="finnes-ikke")


def test_the_command_chooses_the_program_and_the_language(tmp_path, en_seksjon, program):
    annet = ProgramFactory(slug="annet", navn="Et nyere program", start_ar=2027, slutt_ar=2030)
    pdf = tmp_path / "r.pdf"
    with pytest.raises(CommandError, match="2022 er ikke et år i Et nyere program"):
        call_command("arsrapport", "2022", pdf=str(pdf))
    call_command("arsrapport", "2022", pdf=str(pdf), program=program.slug, sprak="en")
    text = pdf_text(pdf.read_bytes())
    assert "Omstillingsprogrammet i Sel" in text and annet.navn not in text
    # The plan's status in English.
    assert "Approved by the steering board (10.02.2022" in text


def test_every_section_of_the_real_registry_is_in_both_files(tmp_path, program):
    pdf, xlsx = tmp_path / "a.pdf", tmp_path / "a.xlsx"
    call_command("arsrapport", "2022", pdf=str(pdf), xlsx=str(xlsx))
    text = pdf_text(pdf.read_bytes())
    alle = seksjoner.alle()
    assert "planstatus" in [s.slug for s in alle]
    deler = [(s, s.bygg(program, 2022)) for s in alle]
    for nummer, (seksjon, del_) in enumerate(deler, start=1):
        assert f"{nummer}. {seksjon.tittel}" in text
        for tabell in del_.tabeller:
            assert str(tabell.tittel) in text
    assert "Styringsgruppen sak 3/2022" in text
    tabeller = [t for _s, d in deler for t in d.tabeller]
    workbook = load_workbook(xlsx)
    assert len(workbook.sheetnames) == 1 + len(tabeller)
    ark = workbook[workbook.sheetnames[1 + [t.slug for t in tabeller].index("planstatus")]]
    rad = [c.value for c in ark[2]][:4]
    assert rad[:2] == [2022, "Godkjent av styringsgruppen"]
    assert (rad[2].date(), rad[3]) == (date(2022, 2, 10), "Styringsgruppen sak 3/2022")


def _last_ned(client, **params):
    return client.get(reverse("rapportering:arsrapport"), params)


@pytest.mark.parametrize("rolle", [Rolle.STYRELEDER, Rolle.OBSERVATOR, Rolle.PROGRAMLEDER])
def test_the_button_on_the_reporting_page_gives_pdf_or_excel(client, en_seksjon, program, rolle):
    client.force_login(staff_user(rolle))
    side = client.get(reverse("rapportering:index")).content.decode()
    assert 'action="/staff/rapportering/arsrapport/"' in side
    assert re.search(r'<option value="2026"', side) and "Last ned årsrapporten" in side

    svar = _last_ned(client, ar="2022", filtype="pdf")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert (
        svar["Content-Disposition"] == f'attachment; filename="{program.slug}-arsrapport-2022.pdf"'
    )
    assert "Penger per strategi 2022 Strategi Budsjett Strategi A 1 000 000 kr" in pdf_text(
        svar.content
    )

    svar = _last_ned(client, ar="2022", filtype="xlsx")
    ark = load_workbook(io.BytesIO(svar.content))["Penger per strategi 2022"]
    assert ark["B2"].value == 1_000_000 and ark["B3"].value == 250_000


def test_the_pdf_is_in_the_users_language(client, en_seksjon, program):
    client.force_login(staff_user(Rolle.STYREMEDLEM))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = pdf_text(_last_ned(client, ar="2022", filtype="pdf").content)
    assert "Approved by the steering board" in text and "Godkjent av" not in text


def test_a_bad_choice_shows_the_page_again_with_a_message(client, en_seksjon, program):
    client.force_login(staff_user(Rolle.OBSERVATOR))
    svar = _last_ned(client, ar="2030", filtype="pdf")
    assert svar.status_code == 400
    assert "Velg et år i programperioden, 2021–2026." in svar.content.decode()
    svar = _last_ned(client, ar="2022", filtype="docx")
    assert svar.status_code == 400 and "Velg PDF eller Excel." in svar.content.decode()


def test_only_those_who_see_reports_get_the_annual_report(client, en_seksjon, program):
    assert _last_ned(client, ar="2022", filtype="pdf").status_code == 302
    client.force_login(UserFactory())
    assert _last_ned(client, ar="2022", filtype="pdf").status_code == 403
