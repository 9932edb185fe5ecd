"""The register client against a local fake server: found, 404, 410, slow, broken."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from soknader.enhetsregisteret import Svar, enhet_lookup

FOUND = {
    "organisasjonsnummer": "988077917",
    "navn": "BEDRIFT AS",
    "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
    "forretningsadresse": {
        "adresse": ["Storgata 1", ""],
        "postnummer": "2670",
        "poststed": "OTTA",
        "kommune": "SEL",
        "kommunenummer": "3437",
    },
    "naeringskode1": {"kode": "62.010", "beskrivelse": "Programmeringstjenester"},
    "antallAnsatte": 12,
    "konkurs": False,
    "underAvvikling": True,
}


class FakeRegister(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        FakeRegister.hits.append(self.path)
        orgnr = self.path.rsplit("/", 1)[-1]
        if orgnr == "988077917":
            body = json.dumps(FOUND).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif orgnr == "974760673":
            self.send_error(410)
        elif orgnr == "923609016":
            time.sleep(1.0)  # the fake is slow; the client gives up after its timeout
            self.send_error(404)
        elif orgnr == "910000007":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html>not json")
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_register(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRegister)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ENHETSREGISTERET_URL = f"http://127.0.0.1:{server.server_port}/enhetsregisteret/api"
    settings.ENHETSREGISTERET_TIMEOUT = 0.2
    FakeRegister.hits = []
    cache.clear()
    yield server
    server.shutdown()
    server.server_close()


def test_found_fills_in_name_address_industry_and_flags(fake_register):
    result = enhet_lookup("988077917")
    assert result.svar == Svar.FUNNET
    enhet = result.enhet
    assert enhet.navn == "BEDRIFT AS"
    assert enhet.organisasjonsform == "Aksjeselskap"
    assert enhet.adresse == "Storgata 1"
    assert (enhet.postnummer, enhet.poststed, enhet.kommune) == ("2670", "OTTA", "SEL")
    assert enhet.naeringskode == "62.010 Programmeringstjenester"
    assert enhet.antall_ansatte == 12
    assert enhet.konkurs is False
    assert enhet.under_avvikling is True
    assert FakeRegister.hits == ["/enhetsregisteret/api/enheter/988077917"]


def test_found_is_cached(fake_register):
    enhet_lookup("988077917")
    again = enhet_lookup("988077917")
    assert again.svar == Svar.FUNNET and again.enhet.navn == "BEDRIFT AS"
    assert len(FakeRegister.hits) == 1


def test_unknown_is_404_and_cached(fake_register):
    assert enhet_lookup("889640782").svar == Svar.UKJENT
    assert enhet_lookup("889640782").svar == Svar.UKJENT
    assert len(FakeRegister.hits) == 1


def test_removed_is_410(fake_register):
    result = enhet_lookup("974760673")
    assert result.svar == Svar.SLETTET
    assert result.enhet is None


def test_slow_register_times_out_fast_and_means_manual_entry(fake_register):
    started = time.monotonic()
    result = enhet_lookup("923609016")
    assert time.monotonic() - started < 0.9
    assert result.svar == Svar.IKKE_TILGJENGELIG
    # Not cached: the next try asks again.
    enhet_lookup("923609016")
    assert len(FakeRegister.hits) == 2


def test_bad_answer_means_manual_entry(fake_register):
    assert enhet_lookup("910000007").svar == Svar.IKKE_TILGJENGELIG


def test_nothing_listening_means_manual_entry(settings):
    cache.clear()
    settings.ENHETSREGISTERET_URL = "http://127.0.0.1:9/api"
    settings.ENHETSREGISTERET_TIMEOUT = 0.5
    assert enhet_lookup("988077917").svar == Svar.IKKE_TILGJENGELIG


@pytest.fixture
def draft_token(client, fake_register):
    from tests.factories import ProgramFactory

    from . import journey

    ProgramFactory()
    return journey.start(client)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_fetching_fills_in_the_register_over_what_was_typed(client, draft_token):
    from . import journey

    response = client.post(
        journey.step_url(draft_token, 1),
        {"orgnr": "988 077 917", "org_navn": "Skrevet AS", "kontakt_navn": "Kari", "hent": "1"},
        follow=True,
    )
    assert _messages(response) == [
        "Vi hentet navn, adresse og næringskode fra Enhetsregisteret. Se over at de stemmer."
    ]
    soknad = journey.soknad_of(draft_token)
    assert (soknad.orgnr, soknad.org_navn, soknad.org_poststed) == (
        "988077917",
        "BEDRIFT AS",
        "OTTA",
    )
    assert soknad.org_kilde == "register" and soknad.org_under_avvikling is True
    assert soknad.kontakt_navn == "Kari"


@pytest.mark.django_db
def test_saving_keeps_what_was_typed_and_adds_the_registers_facts(client, draft_token):
    from . import journey

    client.post(journey.step_url(draft_token, 1), journey.STEP1)
    soknad = journey.soknad_of(draft_token)
    assert (soknad.org_navn, soknad.org_poststed) == ("Bedrift AS", "Otta")
    assert (soknad.org_form, soknad.org_antall_ansatte) == ("Aksjeselskap", 12)
    assert soknad.org_kilde == "register" and soknad.org_under_avvikling is True
    # The same number is not looked up again.
    client.post(journey.step_url(draft_token, 1), journey.STEP1)
    assert len(FakeRegister.hits) == 1


@pytest.mark.django_db
def test_an_unknown_number_keeps_what_was_typed_and_says_so(client, draft_token):
    from . import journey

    response = client.post(
        journey.step_url(draft_token, 1), {**journey.STEP1, "orgnr": "889640782"}, follow=True
    )
    assert _messages(response) == [
        "Organisasjonsnummeret finnes ikke i Enhetsregisteret. "
        "Opplysningene du skrev inn, blir brukt.",
        "Vi har sendt lenken til utkastet til kari@bedrift.example.",
    ]
    soknad = journey.soknad_of(draft_token)
    assert soknad.org_navn == "Bedrift AS" and soknad.org_kilde == "manuell"
    assert soknad.org_form == "" and soknad.org_antall_ansatte is None
