"""A disqualified chair takes no part in the decision (forvaltningsloven § 6): the deputy
chair (nestleder) of the program, or else an acting chair the board elects in the case,
leads the case as settestyreleder, confirms the decision, and decides a tie."""

import pytest
from django.urls import reverse

from felles.errors import DomainError
from felles.roles import Rolle
from tests.factories import staff_user
from tests.soknader.test_behandling_brev import pdf_text
from workflow import regler
from workflow import services as sv
from workflow.models import Behandlingsregler, Bekreftelse, Mote, Sak

from .conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db
B = Sak.Status
PLP = {"belop": 150_000, "vilkar": "Prosjektet følger PLP."}


@pytest.fixture
def medlem3(world):
    return staff_user(Rolle.STYREMEDLEM, username="medlem3")


def _to_board(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, belop=150_000)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    return sak, process


def _votes(perform, process, votes):
    for member, vote in votes:
        if vote == "inhabil":
            perform(process, "stemme", member, {"grunner": ["leder"]})
        else:
            perform(process, "stemme", member, {"grunner": []}, expect_done=False)
            perform(process, "stemme", member, {"valg": vote})


def _elect(sak, valgt, *deltakere):
    return sv.settestyreleder_elect(
        sak=sak, by=deltakere[0], valgt=valgt, deltakere=list(deltakere), merknad=""
    )


def _nestleder(world, user):
    Behandlingsregler.objects.create(program=world.program, nestleder=user)


def _confirm_url(process, task):
    return reverse("saker:bekreft:execute", args=[process.pk, task.pk])


def test_the_deputy_confirms_when_the_chair_is_disqualified(world, perform, client):
    _nestleder(world, world.medlem2)
    mote = Mote.objects.create(program=world.program, dato="2099-01-01", sted="Otta")
    sak, process = _to_board(world, perform)
    # medlem1 declares impartiality before the deputy, but the deputy leads.
    _votes(
        perform, process, [(world.leder, "inhabil"), (world.medlem1, "for"), (world.medlem2, "for")]
    )
    task = open_task(process, "bekreft")
    assert task.owner == world.medlem2

    client.force_login(world.medlem2)
    page = client.get(_confirm_url(process, task))
    assert page.status_code == 200
    assert "Du leder saken som settestyreleder" in page.content.decode()
    assert client.post(_confirm_url(process, task), PLP).status_code == 302

    sak.refresh_from_db()
    assert sak.status == B.VENTER_AKSEPT
    assert sak.vedtak.vedtatt_av == world.medlem2
    assert sak.vedtak.bekreftet_som == Bekreftelse.SETTESTYRELEDER
    assert sak.hendelser.filter(
        type="vedtak", tekst__contains="som settestyreleder", utfort_av=world.medlem2
    ).exists()

    client.force_login(world.programleder)
    protokoll = pdf_text(client.get(reverse("saker:protokoll", args=[mote.pk])).content)
    assert (
        f"Bekreftet av {world.medlem2.get_full_name()} som settestyreleder "
        "(styreleder var inhabil)" in protokoll
    )
    assert f"Inhabile {world.leder.get_full_name()}" in protokoll


def test_chair_and_deputy_disqualified_the_board_elects_who_confirms(world, perform, medlem3):
    _nestleder(world, world.medlem2)
    sak, process = _to_board(world, perform)
    _votes(
        perform,
        process,
        [
            (world.leder, "inhabil"),
            (world.medlem2, "inhabil"),
            (medlem3, "for"),
            (world.medlem1, "for"),
        ],
    )
    assert open_task(process, "bekreft").owner is None  # nobody leads before the election
    _elect(sak, medlem3, world.medlem1, medlem3)
    assert open_task(process, "bekreft").owner == medlem3
    perform(process, "bekreft", medlem3, PLP)
    sak.refresh_from_db()
    assert sak.vedtak.vedtatt_av == medlem3
    assert sak.vedtak.bekreftet_som == Bekreftelse.SETTESTYRELEDER


def test_without_a_deputy_the_board_elects_an_acting_chair(world, perform):
    sak, process = _to_board(world, perform)
    _votes(perform, process, [(world.medlem2, "mot"), (world.leder, "inhabil")])
    assert regler.moteleder(sak) == regler.Moteleder(None, True)
    assert regler.settestyreleder_trengs(sak)
    _elect(sak, world.medlem2, world.medlem2, world.medlem1)
    assert regler.moteleder(Sak.objects.get(pk=sak.pk)) == regler.Moteleder(world.medlem2, True)
    # A deputy set later who has not declared impartiality in the case does not lead it.
    _nestleder(world, world.medlem1)
    assert regler.moteleder(Sak.objects.get(pk=sak.pk)).user == world.medlem2


def test_an_impartial_chair_confirms_as_styreleder(world, perform):
    sak, process = _to_board(world, perform)
    _votes(perform, process, [(m, "for") for m in world.board])
    assert regler.moteleder(sak) == regler.Moteleder(world.leder, False)
    perform(process, "bekreft", world.leder, PLP)
    sak.refresh_from_db()
    assert sak.vedtak.bekreftet_som == Bekreftelse.STYRELEDER


def test_a_disqualified_chair_cannot_confirm(world, perform, client):
    sak, process = _to_board(world, perform)
    _votes(
        perform, process, [(world.leder, "inhabil"), (world.medlem1, "for"), (world.medlem2, "for")]
    )
    _elect(sak, world.medlem1, world.medlem1, world.medlem2)
    with pytest.raises(DomainError) as refused:
        sv.vedtak_confirm(sak=sak, by=world.leder, **PLP)
    assert refused.value.code == "disqualified"
    with pytest.raises(DomainError) as not_leading:
        sv.vedtak_confirm(sak=sak, by=world.medlem2, **PLP)
    assert not_leading.value.code == "not_chair"

    task = open_task(process, "bekreft")
    assert task.owner == world.medlem1
    client.force_login(world.leder)
    for response in (
        client.get(_confirm_url(process, task)),
        client.post(_confirm_url(process, task), PLP),
    ):
        assert response.status_code == 403
        assert "Du er inhabil i sak" in response.content.decode()
    sak.refresh_from_db()
    assert sak.status == B.STYRET and not hasattr(sak, "vedtak")


def test_a_tie_follows_the_acting_chairs_vote(world, perform, client):
    sak, process = _to_board(world, perform)
    _votes(
        perform, process, [(world.leder, "inhabil"), (world.medlem1, "mot"), (world.medlem2, "for")]
    )
    _elect(sak, world.medlem1, world.medlem1, world.medlem2)
    task = open_task(process, "bekreft", world.medlem1)
    client.force_login(world.medlem1)
    html = client.get(_confirm_url(process, task)).content.decode()
    assert "Stemmelikhet (1 for, 1 mot): settestyreleders stemme avgjør." in html
    assert "Søknaden blir avslått." in html
    reasons = "Prosjektet er ordinær drift."
    response = client.post(_confirm_url(process, task), {"endringsbegrunnelse": reasons})
    assert response.status_code == 302
    sak.refresh_from_db()
    assert sak.status == B.AVSLATT and sak.vedtak.avgjort_ved_leders_stemme


def test_a_tie_when_the_acting_chair_abstains_rejects(world, perform, medlem3):
    sak, process = _to_board(world, perform)
    _votes(
        perform,
        process,
        [
            (world.leder, "inhabil"),
            (world.medlem1, "avstar"),
            (world.medlem2, "for"),
            (medlem3, "mot"),
        ],
    )
    _elect(sak, world.medlem1, world.medlem1, world.medlem2, medlem3)
    perform(process, "bekreft", world.medlem1, {"endringsbegrunnelse": "Ikke flertall."})
    sak.refresh_from_db()
    assert sak.status == B.AVSLATT and sak.vedtak.stemmelikhet_uten_leder


def test_a_member_declaring_a_conflict_is_told(world, perform, client):
    sak, process = _to_board(world, perform)
    response = perform(process, "stemme", world.medlem1, {"grunner": ["slekt"]})
    inbox = client.get(response.url)
    assert (
        f"Du er registrert som inhabil i sak {sak.soknad.saksnummer} og deltar ikke i "
        "behandlingen." in inbox.content.decode()
    )


def test_the_deputy_is_set_in_the_admin(world, client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:workflow_behandlingsregler_add"))
    assert page.status_code == 200
    field = page.context["adminform"].form.fields["nestleder"]
    assert set(field.queryset) == set(world.board)
