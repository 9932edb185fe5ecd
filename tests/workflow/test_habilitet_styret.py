"""Impartiality beyond the member's own word (forvaltningsloven §§ 6–8): the board rules on a
member's doubt, the programleder declares in each case and a disqualified one's case goes to
another handler chosen by the chair."""

import pytest
from django.urls import reverse

from felles.errors import DomainError
from felles.roles import Rolle
from tests.factories import staff_user
from tests.soknader.test_behandling_brev import pdf_text
from workflow import services as sv
from workflow.models import Habilitet, Mote, Sak, Stemme

from .conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db
B = Sak.Status


def _to_board(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, belop=150_000)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    return sak, process


def _ask_board(perform, process, member):
    perform(
        process,
        "stemme",
        member,
        {"tvil": "on", "andre_forhold": "Min svoger eier en konkurrent."},
        expect_done=False,
    )


def test_the_board_rules_a_member_disqualified(world, perform, client):
    mote = Mote.objects.create(program=world.program, dato="2099-01-01", sted="Otta")
    sak, process = _to_board(world, perform)
    _ask_board(perform, process, world.medlem2)
    erklaring = Habilitet.objects.get(sak=sak, medlem=world.medlem2)
    assert erklaring.inhabil is None
    with pytest.raises(DomainError) as waiting:
        sv.stemme_cast(sak=sak, medlem=world.medlem2, valg="for")
    assert waiting.value.code == "awaiting_ruling"

    url = reverse("saker:habilitet_avgjor", args=[sak.pk, erklaring.pk])
    client.force_login(world.medlem2)  # the member concerned takes no part
    assert client.get(url).status_code == 403
    with pytest.raises(DomainError):
        sv.habilitet_rule(
            erklaring=erklaring, by=world.leder, stemmer={world.medlem2.pk: False}, begrunnelse="x"
        )
    client.force_login(world.leder)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            f"m{world.leder.pk}": "inhabil",
            f"m{world.medlem1.pk}": "habil",
            "begrunnelse": "Nær familie eier en konkurrent.",
        },
    )
    assert response.status_code == 302
    erklaring.refresh_from_db()
    assert erklaring.inhabil is True  # a tie: the chair's vote decides
    with pytest.raises(DomainError) as refused:
        sv.stemme_cast(sak=sak, medlem=world.medlem2, valg="for")
    assert refused.value.code == "disqualified"

    perform(process, "stemme", world.medlem2, {"fullfor": "1"})
    for member in (world.leder, world.medlem1):
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    perform(process, "bekreft", world.leder, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."})
    sak.refresh_from_db()
    assert sak.status == B.VENTER_AKSEPT
    assert not Stemme.objects.filter(sak=sak, medlem=world.medlem2).exists()
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == 150_000

    protokoll = pdf_text(client.get(reverse("saker:protokoll", args=[mote.pk])).content)
    assert f"{world.medlem2.get_full_name()} ble kjent inhabil." in protokoll
    assert "Medlemmet deltok ikke i avgjørelsen." in protokoll
    assert "Nær familie eier en konkurrent." in protokoll
    page = client.get(reverse("saker:sak", args=[sak.pk])).content.decode()
    assert "Nær familie eier en konkurrent." in page


def test_the_board_rules_a_member_eligible_and_they_vote(world, perform):
    sak, process = _to_board(world, perform)
    _ask_board(perform, process, world.medlem1)
    erklaring = Habilitet.objects.get(sak=sak, medlem=world.medlem1)
    sv.habilitet_rule(
        erklaring=erklaring,
        by=world.leder,
        stemmer={world.leder.pk: False, world.medlem2.pk: False},
        begrunnelse="Svogerskapet gjelder ikke en part.",
    )
    perform(process, "stemme", world.medlem1, {"valg": "for"})
    assert Stemme.objects.get(sak=sak, medlem=world.medlem1).valg == "for"


def test_a_member_changes_their_declaration_before_voting(world, perform):
    sak, process = _to_board(world, perform)
    perform(process, "stemme", world.medlem1, {"grunner": []}, expect_done=False)
    perform(process, "stemme", world.medlem1, {"grunner": ["slekt"]})
    assert Habilitet.objects.get(sak=sak, medlem=world.medlem1).inhabil is True
    assert sak.hendelser.filter(type="inhabil", tekst__startswith="Endret fra: habil").exists()


def test_a_disqualified_programleder_hands_over_to_another(world, perform, client):
    pl2 = staff_user(Rolle.PROGRAMLEDER, username="pl2")
    sak, process = world.submit()
    client.force_login(world.programleder)
    task = open_task(process, "kontroll")
    url = reverse("saker:kontroll:execute", args=[process.pk, task.pk])
    response = client.post(
        url,
        {
            "utfall": "komplett",
            "habilitet-inhabil_andre": "on",
            "habilitet-andre_forhold": "Søkeren er min bror.",
        },
    )
    assert response.status_code == 302
    sak.refresh_from_db()
    assert sak.status == B.KONTROLL
    assert client.post(url, {"utfall": "komplett"}).status_code in (200, 403)
    with pytest.raises(DomainError) as refused:
        sv.kontroll_record(sak=sak, by=world.programleder, komplett=True)
    assert refused.value.code == "disqualified"

    # Only the chair gives the case to another handler.
    tildel = reverse("saker:saksbehandler", args=[sak.pk])
    client.force_login(world.medlem1)
    assert client.get(tildel).status_code == 403
    client.force_login(world.leder)
    assert client.get(tildel).status_code == 200
    assert client.post(tildel, {"saksbehandler": pl2.pk}).status_code == 302
    sak.refresh_from_db()
    assert sak.programleder == pl2
    assert open_task(process, "kontroll").owner == pl2

    perform(process, "kontroll", pl2, {"utfall": "komplett"})
    perform(process, "vurdering", pl2, innstilling_data(world, belop=50_000))
    perform(process, "delegert_vedtak", pl2, {})
    sak.refresh_from_db()
    assert sak.status == B.VENTER_AKSEPT
    assert sak.vedtak.vedtatt_av == pl2
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == 50_000
    assert sak.hendelser.filter(type="saksbehandler_tildelt", utfort_av=world.leder).exists()
    brev = pdf_text(bytes(sak.brev.get(type="tilsagnsbrev").pdf))
    assert "etter fullmakt delegert fra styret" in brev
    assert "Klageorgan er Kommunestyret i Sel kommune" in brev


def test_no_qualified_handler_stops_the_case(world):
    sak, _process = world.submit()
    sv.saksbehandler_declare(sak=sak, by=world.programleder, grunner=["part"])
    with pytest.raises(DomainError) as refused:
        sv.saksbehandler_assign(sak=sak, ny=world.programleder, by=world.leder)
    assert refused.value.code == "none_qualified"
    assert "kan ikke behandles videre" in refused.value.message


def test_the_board_elects_an_acting_chair_on_its_page(world, perform, client):
    mote = Mote.objects.create(program=world.program, dato="2099-01-01", sted="Otta")
    sak, process = _to_board(world, perform)
    perform(process, "stemme", world.leder, {"grunner": ["leder"]})
    for member in (world.medlem1, world.medlem2):
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    assert open_task(process, "bekreft").owner is None
    url = reverse("saker:settestyreleder", args=[sak.pk])
    client.force_login(world.leder)  # the disqualified chair takes no part
    assert client.get(url).status_code == 403
    client.force_login(world.medlem1)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"valgt": world.medlem2.pk, "deltakere": [world.medlem1.pk, world.medlem2.pk]}
    )
    assert response.status_code == 302
    assert open_task(process, "bekreft").owner == world.medlem2
    perform(
        process, "bekreft", world.medlem2, {"belop": 150_000, "vilkar": "Prosjektet følger PLP."}
    )
    sak.refresh_from_db()
    assert sak.vedtak.vedtatt_av == world.medlem2 and sak.status == B.VENTER_AKSEPT
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == 150_000
    brev = pdf_text(bytes(sak.brev.get(type="tilsagnsbrev").pdf))
    assert "150 000 kr" in brev and "Klageorgan er Kommunestyret i Sel kommune" in brev
    protokoll = pdf_text(client.get(reverse("saker:protokoll", args=[mote.pk])).content)
    assert f"{world.medlem2.get_full_name()} valgt av styret" in protokoll
