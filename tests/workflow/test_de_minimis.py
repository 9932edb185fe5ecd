"""De minimis aid at the decision: the ceiling of the regime in force on the decision's date,
counting the declared aid and this program's own grants to the same undertaking (and the
linked undertakings it declares), checked at the recommendation and at the confirmation;
the rate and the regulation stored with the decision and printed in the letter."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from felles.errors import DomainError
from handlingsplan.bagatell_regimer import FORORDNING_1407, FORORDNING_2831, PAUSE
from handlingsplan.models import Bagatellregime, Eurokurs, Postering
from soknader.models import OffentligStotte
from tests.soknader.test_behandling_brev import pdf_text
from workflow import services
from workflow.models import Innstilling, Sak, Vedtak
from workflow.services.bagatell import bagatell_beregn

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
SPRING_2026 = datetime(2026, 3, 10, 12, tzinfo=OSLO)
TITTEL_2831 = (
    "Kommisjonsforordning (EU) 2023/2831 av 13. desember 2023 om anvendelse av artikkel 107 "
    "og 108 i traktaten om Den europeiske unions virkemåte på bagatellmessig støtte"
)
LINKED = "974760673"


@pytest.fixture
def low_ceiling(world):
    """EUR 20 000 under 2023/2831 at 10 NOK per EUR: the application's declared 50 000 kr
    (5 000 EUR) and a grant of 80 000 kr (8 000 EUR) fit; an earlier grant of 100 000 kr
    (10 000 EUR) to the same undertaking takes it over."""
    Bagatellregime.objects.filter(forordning=FORORDNING_2831).update(tak_eur=20_000)
    Eurokurs.objects.create(program=world.program, dato=date(2025, 1, 1), nok_per_eur=10)
    with time_machine.travel(SPRING_2026, tick=False):
        yield


def _checked(world, perform, **fields):
    sak, process = world.submit(**fields)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    return sak, process


def _granted_delegated(world, perform, belop=100_000, **fields):
    sak, process = _checked(world, perform, **fields)
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=belop))
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT
    return sak


def _ledger():
    return list(Postering.objects.order_by("id").values_list("id", "type", "belop"))


def test_own_earlier_grant_takes_it_over_the_ceiling_at_confirmation(world, perform, low_ceiling):
    # Recommended to the board while the undertaking has no grant from the program yet.
    sak, process = _checked(world, perform)
    perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, belop=80_000, til_styret="on"),
    )
    sak.refresh_from_db()
    assert sak.status == Sak.Status.STYRET
    # Meanwhile the programleder grants the same organisation 100 000 kr in another case.
    _granted_delegated(world, perform)
    for member in world.board:
        perform(process, "stemme", member, {"grunner": []}, expect_done=False)
        perform(process, "stemme", member, {"valg": "for"})
    world.pot.refresh_from_db()
    forpliktet, ledger = world.pot.forpliktet, _ledger()

    with pytest.raises(DomainError) as refused:
        services.vedtak_confirm(sak=sak, by=world.leder)

    assert refused.value.code == "de_minimis"
    message = refused.value.message
    for expected in (
        "20 000 EUR (200 000 kr)",  # the ceiling
        TITTEL_2831,
        "10.03.2023–10.03.2026",  # the date of the grant and the three years before
        "80 000 kr (8 000 EUR)",  # this grant
        "23 000 EUR (230 000 kr)",  # in all
        "50 000 kr (5 000 EUR)",  # declared by the applicant
        "programmets egne tilsagn 10 000 EUR (100 000 kr)",
    ):
        assert expected in message, expected
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == forpliktet == 100_000
    assert _ledger() == ledger
    sak.refresh_from_db()
    assert sak.status == Sak.Status.STYRET and not Vedtak.objects.filter(sak=sak).exists()


def test_own_earlier_grant_takes_it_over_the_ceiling_at_the_recommendation(
    world, perform, low_ceiling
):
    _granted_delegated(world, perform)
    ledger = _ledger()
    sak, process = _checked(world, perform)

    response = perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, belop=80_000),
        expect_done=False,
    )

    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "Taket for bagatellmessig støtte er 20 000 EUR" in page
    assert "23 000 EUR (230 000 kr)" in page
    assert not Innstilling.objects.filter(sak=sak).exists()
    assert _ledger() == ledger
    # Without the earlier grant the same amount fits: another organisation is not counted.
    other, process = _checked(world, perform, orgnr="923609016")
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    assert Innstilling.objects.filter(sak=other).exists()


def test_a_linked_undertakings_grant_is_counted(world, perform, low_ceiling):
    _granted_delegated(world, perform, orgnr=LINKED)
    unlinked, process = _checked(world, perform)
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    assert Innstilling.objects.filter(sak=unlinked).exists()

    linked, process = _checked(world, perform, tilknyttede_orgnr=LINKED)
    with pytest.raises(DomainError) as refused:
        services.innstilling_save(
            sak=linked,
            by=world.programleder,
            data={
                "vurdering": "Godt forankret.",
                "anbefaling": "innvilge",
                "pot": world.pot,
                "belop": 80_000,
                "bagatellmessig": True,
                "begrunnelse": "Oppfyller kriteriene.",
            },
        )
    assert refused.value.code == "de_minimis"
    assert "programmets egne tilsagn 10 000 EUR" in refused.value.message
    assert not Innstilling.objects.filter(sak=linked).exists()


def test_the_regime_follows_the_decisions_date(world, perform):
    sak, _process = _checked(world, perform)
    soknad = sak.soknad
    soknad.offentlig_stotte.all().delete()
    for day, belop in ((date(2020, 9, 1), 11_500), (date(2022, 9, 1), 23_000)):
        OffentligStotte.objects.create(
            soknad=soknad, type="bagatell", giver="Fylket", belop=belop, dato=day
        )
    Eurokurs.objects.create(program=world.program, dato=date(2020, 1, 1), nok_per_eur="11.5")

    in_2023 = bagatell_beregn(sak=sak, belop=0, dato=date(2023, 6, 15))
    assert in_2023.regime.forordning == FORORDNING_1407 and in_2023.regime.tak_eur == 200_000
    assert in_2023.fra == date(2021, 1, 1)  # this and the two previous fiscal years
    assert in_2023.oppgitt_nok == 23_000  # the aid of 2020 is outside, that of 2022 inside

    in_2025 = bagatell_beregn(sak=sak, belop=0, dato=date(2025, 6, 15))
    assert in_2025.regime.forordning == FORORDNING_2831 and in_2025.regime.tak_eur == 300_000
    assert in_2025.fra == date(2022, 6, 15)  # three rolling years
    assert in_2025.oppgitt_nok == 23_000

    # Rolling years from 15.06.2023 reach back to 2020; 1407/2013 counts fiscal years only.
    assert bagatell_beregn(sak=sak, belop=0, dato=date(2023, 8, 15)).oppgitt_nok == 23_000
    Bagatellregime.objects.filter(forordning=FORORDNING_1407).update(periode="lopende")
    assert bagatell_beregn(sak=sak, belop=0, dato=date(2023, 8, 15)).oppgitt_nok == 34_500


def test_a_decision_in_2023_is_made_under_1407_2013(world, perform):
    with time_machine.travel(datetime(2023, 6, 15, 12, tzinfo=OSLO), tick=False):
        sak = _granted_delegated(world, perform, belop=80_000)
    vedtak = sak.vedtak
    assert vedtak.bagatellregime.forordning == FORORDNING_1407
    assert "nr. 1407/2013" in pdf_text(bytes(sak.brev.get().pdf))


def test_no_de_minimis_grant_during_the_pause(world, perform):
    with time_machine.travel(datetime(2024, 6, 15, 12, tzinfo=OSLO), tick=False):
        sak, process = _checked(world, perform)
        response = perform(
            process, "vurdering", world.programleder, innstilling_data(world), expect_done=False
        )
    assert response.status_code == 200
    assert "Bagatellmessig støtte kan ikke gis 15.06.2024" in response.content.decode()
    assert not Innstilling.objects.filter(sak=sak).exists()
    assert Bagatellregime.objects.get(forordning=PAUSE).tak_eur is None


def test_the_rate_is_stored_with_the_decision_and_printed_in_the_letter(world, perform):
    Eurokurs.objects.create(program=world.program, dato=date(2020, 1, 1), nok_per_eur=10)
    Eurokurs.objects.create(program=world.program, dato=date(2026, 1, 2), nok_per_eur="11.25")
    Eurokurs.objects.create(program=world.program, dato=date(2026, 6, 1), nok_per_eur=12)
    with time_machine.travel(SPRING_2026, tick=False):
        sak = _granted_delegated(world, perform, belop=80_000)
    vedtak = sak.vedtak
    assert vedtak.eurokurs == Decimal("11.2500")
    assert vedtak.bagatell_eur == 7_111  # 80 000 / 11.25
    assert vedtak.bagatellregime.forordning == FORORDNING_2831
    text = pdf_text(bytes(sak.brev.get().pdf))
    assert f"Tilskuddet er bagatellmessig støtte etter {TITTEL_2831}." in text
    assert "Støttebeløpet er 80 000 kr, det vil si 7 111 EUR etter kursen 11,2500 NOK" in text
    assert "EUR i løpet av tre år regnet bakover fra vedtaksdatoen" in text


def test_the_chair_may_set_the_rate_of_the_decision(world, perform):
    with time_machine.travel(SPRING_2026, tick=False):
        sak, process = _checked(world, perform, sprak="en")
        perform(process, "vurdering", world.programleder, innstilling_data(world, til_styret="on"))
        for member in world.board:
            perform(process, "stemme", member, {"grunner": []}, expect_done=False)
            perform(process, "stemme", member, {"valg": "for"})
        with pytest.raises(DomainError):
            services.vedtak_confirm(sak=sak, by=world.leder, eurokurs=Decimal(0))
        confirm = {"belop": 100_000, "vilkar": "Prosjektet følger PLP."}
        refused = perform(
            process, "bekreft", world.leder, {**confirm, "eurokurs": "0"}, expect_done=False
        )
        assert refused.status_code == 200 and not Vedtak.objects.filter(sak=sak).exists()
        perform(process, "bekreft", world.leder, {**confirm, "eurokurs": "11.40"})
    vedtak = Vedtak.objects.get(sak=sak)
    assert vedtak.eurokurs == Decimal("11.40") and vedtak.bagatell_eur == 8_772
    text = pdf_text(bytes(sak.brev.get().pdf))
    assert "Commission Regulation (EU) 2023/2831 of 13 December 2023" in text
    assert "8 772 EUR" in text


def test_the_flag_at_submission_follows_the_regime_of_the_day(world):
    Bagatellregime.objects.filter(forordning=FORORDNING_2831).update(tak_eur=14_999)
    Eurokurs.objects.create(program=world.program, dato=date(2025, 1, 1), nok_per_eur=10)
    with time_machine.travel(SPRING_2026, tick=False):
        sak, _process = world.submit()  # 50 000 kr declared + 100 000 kr applied for
    assert sak.soknad.bagatell_over_tak  # 15 000 EUR at 10 NOK per EUR: just over
    Bagatellregime.objects.filter(forordning=FORORDNING_2831).update(tak_eur=15_000)
    with time_machine.travel(SPRING_2026, tick=False):
        sak, _process = world.submit(orgnr="923609016")
    assert not sak.soknad.bagatell_over_tak
