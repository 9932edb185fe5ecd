"""Every URL of an application's files, its PDF, its letters, its case and Min side, for
nobody, two applicants, each staff role and a board member outside the case: the exact
answer each gets. One rule decides (soknader.tilgang), and drafts are no one's here."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from felles.roles import Rolle
from soknader import services as soknad_services
from tests.factories import staff_user
from tests.soknader.factories import draft_complete
from tests.soknader.journey import PDF
from workflow.models import Mote, Saksbehandling

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db

LOGIN = "login"  # 302 to a login page


def _submitted(world, *, orgnr, epost):
    draft = draft_complete(
        program=world.program, orgnr=orgnr, epost=epost, prosjektleder_epost=f"pl.{epost}"
    )
    vedlegg = soknad_services.vedlegg_add(
        soknad=draft, type="prosjektplan", upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    soknad = soknad_services.soknad_submit(soknad=draft)
    process = Saksbehandling.objects.get(artifact_object_id=soknad.sak.pk)
    return soknad, vedlegg, process


@pytest.fixture
def matrix(world, perform):
    """A's application waits for the board's votes (the board members have tasks in it);
    B's was granted by delegation and has its letter (no board member has a task in it);
    A also has a draft with an attachment, never sent."""
    mote = Mote.objects.create(program=world.program, dato="2099-01-01")
    a, a_file, a_process = _submitted(world, orgnr="988077917", epost="a@a.example")
    perform(a_process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(a_process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    b, b_file, b_process = _submitted(world, orgnr="974760673", epost="b@b.example")
    perform(b_process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(b_process, "vurdering", world.programleder, innstilling_data(world, belop=50_000))
    perform(b_process, "delegert_vedtak", world.programleder, {})
    draft = draft_complete(program=world.program, orgnr="988077917", epost="a@a.example")
    draft_file = soknad_services.vedlegg_add(
        soknad=draft, type="prosjektplan", upload=SimpleUploadedFile("utkast.pdf", PDF)
    )
    letter = b.sak.brev.get()
    users = get_user_model().objects
    who = {
        "ingen": None,
        "soker_a": users.create(username="soker:a@a.example", email="a@a.example"),
        "soker_b": users.create(username="soker:b@b.example", email="b@b.example"),
        "administrator": staff_user(Rolle.ADMINISTRATOR, username="admin"),
        "programleder": world.programleder,
        "styreleder": world.leder,
        "styremedlem": world.medlem1,
        "observator": world.observator,
        "styremedlem_utenfor": staff_user(Rolle.STYREMEDLEM, username="ny"),
    }
    urls = {
        "vedlegg_a": f"/soknad/vedlegg/{a_file.pk}/",
        "vedlegg_b": f"/soknad/vedlegg/{b_file.pk}/",
        "vedlegg_utkast": f"/soknad/vedlegg/{draft_file.pk}/",
        "utkast_vedlegg_adresse": f"/soknad/{draft.pk}/vedlegg/{draft_file.pk}/",
        "utkast_steg": f"/soknad/{draft.pk}/steg/1/",
        "pdf_a": f"/soknad/{a.pk}/innsendt.pdf",
        "pdf_b": f"/soknad/{b.pk}/innsendt.pdf",
        "pdf_utkast": f"/soknad/{draft.pk}/innsendt.pdf",
        "minside_a": f"/min-side/sak/{a.saksnummer}/",
        "minside_b": f"/min-side/sak/{b.saksnummer}/",
        "brev_b_minside": f"/min-side/brev/{letter.pk}/",
        "brev_b_staff": reverse("saker:brev", args=[letter.pk]),
        "sak_a": reverse("saker:sak", args=[a.sak.pk]),
        "sak_b": reverse("saker:sak", args=[b.sak.pk]),
        "protokoll": reverse("saker:protokoll", args=[mote.pk]),
    }
    return who, urls


NOBODY = {
    "vedlegg_a": LOGIN, "vedlegg_b": LOGIN, "vedlegg_utkast": LOGIN,
    "utkast_vedlegg_adresse": 404, "utkast_steg": 404,
    "pdf_a": LOGIN, "pdf_b": LOGIN, "pdf_utkast": LOGIN,
    "minside_a": LOGIN, "minside_b": LOGIN, "brev_b_minside": LOGIN,
    # The staff site refuses anyone not logged in outright.
    "brev_b_staff": 403, "sak_a": 403, "sak_b": 403, "protokoll": 403,
}  # fmt: skip
# Logged in, with no right to anything here: files say "not found", staff pages "forbidden".
OUTSIDER = {
    **NOBODY,
    "vedlegg_a": 404, "vedlegg_b": 404, "vedlegg_utkast": 404, "pdf_a": 404, "pdf_b": 404,
    "pdf_utkast": 404, "minside_a": 404, "minside_b": 404, "brev_b_minside": 404,
    "brev_b_staff": 403, "sak_a": 403, "sak_b": 403, "protokoll": 403,
}  # fmt: skip
READS_ALL = {
    **OUTSIDER,
    "vedlegg_a": 200, "vedlegg_b": 200, "pdf_a": 200, "pdf_b": 200,
    "brev_b_minside": 200, "brev_b_staff": 200, "sak_a": 200, "sak_b": 200, "protokoll": 200,
}  # fmt: skip
EXPECTED = {
    "ingen": NOBODY,
    "soker_a": {**OUTSIDER, "vedlegg_a": 200, "pdf_a": 200, "minside_a": 200},
    "soker_b": {
        **OUTSIDER,
        "vedlegg_b": 200,
        "pdf_b": 200,
        "minside_b": 200,
        "brev_b_minside": 200,
    },  # fmt: skip
    "administrator": READS_ALL,
    "programleder": READS_ALL,
    "styreleder": READS_ALL,
    "observator": READS_ALL,
    # A board member: the case they vote in with its files, and the board's minutes.
    "styremedlem": {**OUTSIDER, "vedlegg_a": 200, "pdf_a": 200, "sak_a": 200, "protokoll": 200},
    "styremedlem_utenfor": {**OUTSIDER, "protokoll": 200},
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_every_file_letter_and_case_url_for_everyone(matrix, client, who):
    users, urls = matrix
    client.logout()
    if users[who] is not None:
        client.force_login(users[who])
    got = {}
    for name, url in urls.items():
        response = client.get(url)
        got[name] = response.status_code
        if response.status_code == 302 and (
            "login" in response["Location"] or "logg-inn" in response["Location"]
        ):
            got[name] = LOGIN
        if response.status_code == 200 and name.startswith(("vedlegg", "pdf", "brev")):
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert body.startswith(b"%PDF"), name
    assert got == EXPECTED[who]
