"""A running phase with its commitment and budget, and what a payout request sends with it."""

import itertools
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from felles.roles import Rolle
from handlingsplan.services import pot_commit
from plp.models import Fase, FaseBudsjettpost, Prosjekt
from tests.factories import PotFactory, staff_user
from tests.soknader.factories import draft_complete
from workflow.models import Sak

KONTO = "86011117947"  # a valid Norwegian account number (mod 11)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_n = itertools.count(1)


def pdf(name="faktura.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fase_running(
    *,
    tilskudd=100_000,
    kostnadsgrunnlag=200_000,
    kategorier=("lonn", "kjop"),
    pot=None,
    programleder=None,
    status=Fase.Status.LOPENDE,
    utbetalingsfrist=None,
    soker_epost="kari@bedrift.example",
) -> Fase:
    """A phase of a project: `tilskudd` of `kostnadsgrunnlag` granted (50 % by default),
    committed from a pot, its budget in `kategorier`."""
    pot = pot or PotFactory(fylt=1_000_000, strategi__budsjett=1_000_000)
    program = pot.strategi.handlingsplan.program
    programleder = programleder or staff_user(Rolle.PROGRAMLEDER)
    n = next(_n)
    soknad = draft_complete(program=program, epost=soker_epost)
    sak = Sak.objects.create(
        soknad=soknad, saksnummer=f"2026-9{n:03d}", status=Sak.Status.AKSEPTERT
    )
    forpliktelse = pot_commit(pot=pot, amount=tilskudd, reference=sak.saksnummer)
    prosjekt = Prosjekt.objects.create(
        program=program,
        navn=f"Nytt produkt {n}",
        orgnr="988077917",
        org_navn="Bedrift AS",
        prosjektansvarlig_navn="Kari Nordmann",
        prosjektansvarlig_epost=soker_epost,
        prosjektleder_navn="Ola Nordmann",
        prosjektleder_epost="ola@bedrift.example",
        programleder=programleder,
    )
    fase = Fase.objects.create(
        prosjekt=prosjekt,
        fase="forprosjekt",
        sak=sak,
        forpliktelse=forpliktelse,
        tilskudd=tilskudd,
        kostnadsgrunnlag=kostnadsgrunnlag,
        status=status,
        startdato=date(2026, 1, 1),
        sluttdato=date(2026, 12, 31),
        utbetalingsfrist=utbetalingsfrist or timezone.localdate() + timedelta(days=365),
        startet_dato=date(2026, 1, 1),
    )
    share = kostnadsgrunnlag // len(kategorier)
    FaseBudsjettpost.objects.bulk_create(
        FaseBudsjettpost(fase=fase, kategori=k, belop=share) for k in kategorier
    )
    return fase


def request_kwargs(**overrides) -> dict:
    """A valid partial payout request: 60 000 kr costs (50 % share: 30 000 kr)."""
    values = {
        "by": None,
        "type": "del",
        "belop": 30_000,
        "kontonummer": KONTO,
        "kostnader": {"lonn": 40_000, "kjop": 20_000},
        "fremdrift": "Milepæl 1 og 2 er nådd.",
        "avvik": "",
        "vedlegg": [("faktura", pdf()), ("timeliste", pdf("timer.pdf"))],
    }
    values.update(overrides)
    return values


@pytest.fixture
def utbetaling_settings(settings, tmp_path):
    """Attachments in a temporary folder, links to the test site, fast passwords."""
    settings.SITE_URL = "https://omstilling.example"
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings
