"""The chair's confirmation: the board overturning a rejection, the chair changing a grant
with reasons, and a tie: it follows the chair's vote, and without it there is no majority for
a grant, so the application is rejected whatever the recommendation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from handlingsplan.models import Forpliktelse
from handlingsplan.services import ledger_verify
from tests.factories import HandlingsplanFactory, PotFactory
from tests.soknader.test_behandling_brev import pdf_text
from workflow.models import Mote, Sak

from .conftest import innstilling_data, open_task, templates_sent

pytestmark = pytest.mark.django_db
B = Sak.Status
APPLICANT = "kari@bedrift.example"


def _to_board(world, perform, **innstilling):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, **innstilling)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    sak.refresh_from_db()
    assert sak.status == B.STYRET
    return sak, process


def _votes(perform, process, votes):
    """votes: [(member, "for" | "mot" | "avstar" | "inhabil")]"""
    for member, vote in votes:
        if vote == "inhabil":
            perform(process, "stemme", member, {"grunner": ["leder"]})
        else:
            perform(process, "stemme", member, {"grunner": []}, expect_done=False)
            perform(process, "stemme", member, {"valg": vote})


def _confirm_page(client, world, process):
    task = open_task(process, "bekreft", world.leder)
    client.force_login(world.leder)
    url = reverse("saker:bekreft:execute", args=[process.pk, task.pk])
    return url, client.get(url)


@pytest.fixture
def this_years_pot(world):
    plan = HandlingsplanFactory(program=world.program, ar=timezone.localdate().year)
    return PotFactory(fylt=300_000, strategi__handlingsplan=plan, strategi__budsjett=300_000)


def test_the_board_overturns_a_rejection_and_the_chair_grants(
    world, perform, client, this_years_pot
):
    sak, process = _to_board(world, perform, anbefaling="avsla")
    _votes(perform, process, [(world.medlem1, "mot"), (world.medlem2, "mot"), (world.leder, "for")])

    url, page = _confirm_page(client, world, process)
    html = page.content.decode()
    assert "Innstillingen er ikke vedtatt." in html and "Søknaden blir innvilget." in html
    assert "Programlederen innstilte på avslag" in html
    # Only pots of this year's plan are offered, each with its available money shown.
    assert list(page.context["form"].fields["pot"].queryset) == [this_years_pot]
    assert "tilgjengelig 300 000 kr" in html

    reasons = "Styret mener prosjektet gir nye arbeidsplasser i reiselivet."
    missing_pot = client.post(url, {"belop": 90_000, "endringsbegrunnelse": reasons})
    assert missing_pot.status_code == 200 and "velg potten" in missing_pot.content.decode()
    last_years = client.post(
        url, {"pot": world.pot.pk, "belop": 90_000, "endringsbegrunnelse": reasons}
    )
    assert last_years.status_code == 200
    no_reasons = client.post(url, {"pot": this_years_pot.pk, "belop": 90_000})
    assert no_reasons.status_code == 200 and "styrets begrunnelse" in no_reasons.content.decode()
    done = client.post(
        url, {"pot": this_years_pot.pk, "belop": 90_000, "endringsbegrunnelse": reasons}
    )
    assert done.status_code == 302

    sak.refresh_from_db()
    this_years_pot.refresh_from_db()
    world.pot.refresh_from_db()
    assert sak.status == B.VENTER_AKSEPT
    assert sak.vedtak.innvilget and sak.vedtak.belop == 90_000
    assert sak.vedtak.begrunnelse == reasons
    assert sak.vedtak.tilsagn.forpliktelse.pot == this_years_pot
    assert this_years_pot.forpliktet == 90_000 and this_years_pot.tilgjengelig == 210_000
    assert world.pot.forpliktet == 0 and ledger_verify() == []
    letter = pdf_text(bytes(sak.brev.get().pdf))
    assert "Tilsagnsbrev" in letter and "90 000 kr" in letter
    assert f"Strategi {this_years_pot.strategi.bokstav} {this_years_pot.strategi.navn}" in letter
    assert reasons in letter
    assert "decision_letter" in templates_sent(APPLICANT)


def test_the_chair_changes_amount_and_conditions_with_reasons(world, perform, client):
    sak, process = _to_board(world, perform, belop=150_000)
    _votes(perform, process, [(m, "for") for m in world.board])
    url, page = _confirm_page(client, world, process)
    assert "Innstillingen er vedtatt." in page.content.decode()

    changed = {"belop": 120_000, "vilkar": "Prosjektet følger PLP og rapporterer kvartalsvis."}
    without_reasons = client.post(url, changed)
    assert without_reasons.status_code == 200
    assert "Begrunn endringen" in without_reasons.content.decode()
    sak.refresh_from_db()
    assert sak.status == B.STYRET

    reasons = "Kostnadene til markedsføring er ikke støtteberettiget."
    assert client.post(url, {**changed, "endringsbegrunnelse": reasons}).status_code == 302
    sak.refresh_from_db()
    world.pot.refresh_from_db()
    vedtak = sak.vedtak
    assert (vedtak.belop, vedtak.vilkar, vedtak.endringsbegrunnelse) == (
        120_000,
        changed["vilkar"],
        reasons,
    )
    assert vedtak.begrunnelse == "Prosjektet oppfyller kriteriene."  # the recommendation's
    # The ledger commits the changed amount, not the recommended one.
    forpliktelse = Forpliktelse.objects.get(referanse=vedtak.referanse)
    assert forpliktelse.belop == 120_000 and vedtak.tilsagn.belop == 120_000
    assert world.pot.forpliktet == 120_000 and world.pot.tilgjengelig == 380_000
    assert ledger_verify() == []
    letter = pdf_text(bytes(sak.brev.get().pdf))
    assert "120 000 kr" in letter and "rapporterer kvartalsvis" in letter
    assert "Styrets endring fra innstillingen" in letter and reasons in letter


NO_MAJORITY = (
    "Stemmelikhet (1 for, 1 mot), og møteleder har ikke stemt for eller mot innstillingen. "
    "Et tilskudd krever flertall for å innvilge, så søknaden blir avslått."
)
PROTOKOLL_NO_MAJORITY = (
    "Stemmelikhet (1 for, 1 mot), og møteleder stemte verken for eller mot innstillingen. "
    "Det var ikke flertall for å innvilge, og søknaden ble avslått."
)


def test_a_tie_without_the_chairs_vote_rejects_a_recommended_grant(world, perform, client):
    mote = Mote.objects.create(program=world.program, dato="2099-01-01", sted="Otta")
    sak, process = _to_board(world, perform, belop=150_000)
    _votes(
        perform, process, [(world.leder, "avstar"), (world.medlem1, "for"), (world.medlem2, "mot")]
    )

    url, page = _confirm_page(client, world, process)
    html = page.content.decode()
    assert NO_MAJORITY in html
    assert "Innstillingen er ikke vedtatt." in html and "Søknaden blir avslått." in html

    reasons = "Styret fant ikke flertall for å innvilge."
    assert client.post(url, {"endringsbegrunnelse": reasons}).status_code == 302
    sak.refresh_from_db()
    world.pot.refresh_from_db()
    assert sak.status == B.AVSLATT
    assert sak.vedtak.stemmelikhet_uten_leder and not sak.vedtak.avgjort_ved_leders_stemme
    assert (sak.vedtak.stemmer_for, sak.vedtak.stemmer_mot) == (1, 1)
    assert world.pot.forpliktet == 0 and ledger_verify() == []
    assert reasons in pdf_text(bytes(sak.brev.get().pdf))

    protokoll = pdf_text(client.get(reverse("saker:protokoll", args=[mote.pk])).content)
    assert PROTOKOLL_NO_MAJORITY in protokoll and "Innstillingen ble ikke vedtatt." in protokoll
    assert f"Bekreftet av {world.leder.get_full_name()} som styreleder" in protokoll


def test_a_tie_without_the_chairs_vote_never_grants_against_a_rejection(world, perform, client):
    """No majority for a grant: the recommendation to reject stands, and no money moves."""
    mote = Mote.objects.create(program=world.program, dato="2099-01-01", sted="Otta")
    sak, process = _to_board(world, perform, anbefaling="avsla")
    _votes(
        perform, process, [(world.leder, "avstar"), (world.medlem1, "for"), (world.medlem2, "mot")]
    )

    url, page = _confirm_page(client, world, process)
    html = page.content.decode()
    assert NO_MAJORITY in html
    assert "Innstillingen om avslag blir stående." in html and "Søknaden blir avslått." in html
    assert "Søknaden blir innvilget." not in html

    # The recommendation stands, so its reasons carry the letter: none needed from the chair.
    assert client.post(url, {}).status_code == 302
    sak.refresh_from_db()
    world.pot.refresh_from_db()
    assert sak.status == B.AVSLATT and not sak.vedtak.innvilget
    assert sak.vedtak.begrunnelse == "Prosjektet er ordinær drift."
    assert sak.vedtak.stemmelikhet_uten_leder
    assert world.pot.forpliktet == 0 and ledger_verify() == []
    assert sak.brev.get().type == "avslagsbrev"

    protokoll = pdf_text(client.get(reverse("saker:protokoll", args=[mote.pk])).content)
    assert PROTOKOLL_NO_MAJORITY in protokoll
    assert "Innstillingen om avslag ble stående." in protokoll


def test_a_majority_against_a_rejection_grants(world, perform, client, this_years_pot):
    """A majority for granting still overturns a recommendation to reject."""
    sak, process = _to_board(world, perform, anbefaling="avsla")
    _votes(
        perform, process, [(world.leder, "avstar"), (world.medlem1, "mot"), (world.medlem2, "mot")]
    )
    url, page = _confirm_page(client, world, process)
    assert "Søknaden blir innvilget." in page.content.decode()


def test_a_tie_follows_the_chairs_vote_when_the_chair_voted(world, perform, client):
    sak, process = _to_board(world, perform, belop=150_000)
    _votes(
        perform, process, [(world.medlem1, "inhabil"), (world.medlem2, "mot"), (world.leder, "for")]
    )
    url, page = _confirm_page(client, world, process)
    html = page.content.decode()
    assert "Stemmelikhet (1 for, 1 mot): styreleders stemme avgjør." in html
    assert "Innstillingen er vedtatt." in html and "Søknaden blir innvilget." in html
    assert (
        client.post(url, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."}).status_code == 302
    )
    sak.refresh_from_db()
    assert sak.status == B.VENTER_AKSEPT and not sak.vedtak.stemmelikhet_uten_leder
