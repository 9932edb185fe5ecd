"""The application form driven over HTTP with the Django test client (tests and bench)."""

import re

from django.urls import reverse

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


STEP1 = {
    "orgnr": "988077917",
    "org_navn": "Bedrift AS",
    "org_adresse": "Storgata 1",
    "org_postnummer": "2670",
    "org_poststed": "Otta",
    "org_naeringskode": "62.010",
    "kontakt_navn": "Kari Nordmann",
    "kontakt_epost": "kari@bedrift.example",
    "kontakt_telefon": "99999999",
    "prosjektleder_navn": "Ola Nordmann",
    "prosjektleder_epost": "ola@bedrift.example",
    "prosjektleder_telefon": "98888888",
    "neste": "1",
}

STEP2 = {
    "tittel": "Nytt produkt",
    "kort_beskrivelse": "Et forprosjekt.",
    "bakgrunn": "Bakgrunn",
    "mal": "Mål",
    "forankring": "Styrevedtak",
    "organisering": "Styringsgruppe",
    "fase": "forprosjekt",
    "startdato": "2026-03-01",
    "sluttdato": "2026-12-31",
    **management("akt", 1),
    "akt-0-navn": "Markedsundersøkelse",
    "akt-0-start": "2026-03-01",
    "akt-0-slutt": "2026-06-01",
    "neste": "1",
}

STEP3 = {
    **management("kost", 2),
    "kost-0-kategori": "personell",
    "kost-0-beskrivelse": "Prosjektleder",
    "kost-0-timer": "100",
    "kost-0-timesats": "1000",
    "kost-1-kategori": "tjenester",
    "kost-1-beskrivelse": "Konsulent",
    "kost-1-belop": "100000",
    "egne_midler": "60000",
    "egeninnsats": "40000",
    "programmet": "100000",
    "neste": "1",
}

STEP4 = {
    "nye_kvinner": "1",
    "nye_menn": "2",
    "sikrede_kvinner": "0",
    "sikrede_menn": "0",
    **management("stotte", 1),
    "stotte-0-type": "bagatell",
    "stotte-0-giver": "Innovasjon Norge",
    "stotte-0-ordning": "Etablerertilskudd",
    "stotte-0-belop": "50000",
    "stotte-0-dato": "2025-05-01",
    "neste": "1",
}


def token_of(response) -> str:
    """The secret link's token a response redirects to, or, when it redirects to a step at
    an address without the secret (the session holds the draft), that draft's link token."""
    location = response["Location"]
    found = re.search(r"/soknad/utkast/([^/]+)/", location)
    if found:
        return found.group(1)
    from soknader.lenker import draft_link_token
    from soknader.models import Soknad

    pk = re.search(r"/soknad/(\d+)/", location).group(1)
    return draft_link_token(Soknad.objects.get(pk=pk))


def soknad_of(token: str):
    """The application behind a draft link (only the hash of its secret is stored)."""
    from soknader.selectors import soknad_for_draft_token

    return soknad_for_draft_token(token)


def step_url(token: str, steg: int) -> str:
    """The step at the draft's secret link: a GET there puts the draft in the session and
    redirects to the step's own address; a POST there is saved as at the step's address."""
    return reverse("soknader:utkast_steg", kwargs={"token": token, "steg": steg})


def held_step_url(token: str, steg: int) -> str:
    """The step's own address, for a client whose session holds the draft."""
    return reverse("soknader:steg", kwargs={"pk": soknad_of(token).pk, "steg": steg})


def start(client) -> str:
    """A new draft in the client's session; returns its link token."""
    response = client.post(reverse("soknader:start"))
    assert response.status_code == 302, response.status_code
    return token_of(response)


def fill_and_submit(client, *, orgnr="988077917", epost="kari@bedrift.example") -> str:
    """A complete application through every step; returns the draft token."""
    token = start(client)
    for steg, data in (
        (1, {**STEP1, "orgnr": orgnr, "kontakt_epost": epost}),
        (2, STEP2),
        (3, STEP3),
        (4, STEP4),
    ):
        response = client.post(step_url(token, steg), data)
        assert response.status_code == 302, (steg, _errors(response))
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        step_url(token, 5),
        {"type": "prosjektplan", "fil": SimpleUploadedFile("plan.pdf", PDF), "last_opp": "1"},
    )
    assert response.status_code == 302, _errors(response)
    response = client.post(step_url(token, 6), {"bekreft": "on", "send": "1"})
    assert response.status_code == 302, _errors(response)
    assert response["Location"].endswith("/sendt/")
    return token


def _errors(response) -> str:
    body = response.content.decode()
    return " | ".join(re.findall(r'class="feilmelding"[^>]*>(.*?)</', body)) or body[:500]


def link_sent(message) -> str:
    """Send an outbox row as the worker does; the link in the e-mail that went out."""
    from django.core import mail

    from notifications.services.delivery import message_deliver

    before = len(mail.outbox)
    message_deliver(message_id=message.pk)
    assert len(mail.outbox) == before + 1, "the message was not sent"
    return re.search(r"https?://\S+(?:/soknad/utkast/|sesame=)\S*", mail.outbox[-1].body).group(0)
