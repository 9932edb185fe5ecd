"""A project that stops at its first decision point, or during its phase, gives its unused
money back; a phase not started by its start deadline lapses (after a notice) with all of it;
and the programleder's decisions on a running phase: a change with a letter, a repayment claim
with appeal rights and the clawback in the ledger."""

from datetime import date, timedelta

import pytest

from felles.errors import DomainError
from handlingsplan.models import Postering
from notifications.models import Deadline, Message
from plp import services as ps
from plp.models import Fase, Prosjekt
from tests.soknader.test_behandling_brev import pdf_text
from workflow.models import Sak

from .conftest import COSTS, JOBS, balanced, delegated_grant, entries, minutes

pytestmark = pytest.mark.django_db
T = Postering.Type
TODAY = date(2026, 12, 1)


@pytest.fixture
def forstudie(world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    return Fase.objects.select_related("prosjekt", "forpliktelse").get(sak=sak)


def test_stop_at_the_first_decision_point_releases_the_unused_money(world, forstudie):
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=TODAY)
    rapport = ps.sluttrapport_submit(
        forstudie,
        resultater="Ikke marked.",
        malt_dato=TODAY,
        kostnader={"lonn": 50_000},
        today=TODAY,
        **JOBS,
    )
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=TODAY)
    ps.beslutningspunkt_decide(
        fase=forstudie, valg="stopp", begrunnelse="Ikke lønnsomt.", referat=minutes()
    )
    forstudie.prosjekt.refresh_from_db()
    assert forstudie.prosjekt.status == Prosjekt.Status.STOPPET
    # 50 000 kr of costs earn 20 000 kr (40 %); the other 60 000 kr are back in the pot.
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000), (T.FRIGJORING, 60_000)]
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == 20_000 and world.pot.tilgjengelig == 480_000 and balanced()
    assert Message.objects.filter(template="plp_prosjekt_avsluttet").exists()


def test_stop_while_the_phase_runs_releases_all_that_is_left(world, forstudie):
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=TODAY)
    ps.prosjekt_stop_early(fase=forstudie, begrunnelse="Eieren trekker seg.", referat=minutes())
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000), (T.FRIGJORING, 80_000)]
    forstudie.refresh_from_db()
    assert forstudie.status == "stoppet" and balanced()


def test_a_phase_not_started_lapses_after_a_notice_with_all_its_money(world, forstudie):
    assert forstudie.oppstartsfrist == date(2027, 6, 1)
    frist = Deadline.objects.get(key=f"plp:fase:{forstudie.pk}:oppstart")
    assert frist.status == "open" and frist.email == "ola@bedrift.example"
    planned = sorted(frist.reminders.values_list("kind", "offset_days"))
    assert planned == [
        ("after", 1),
        ("after", 7),
        ("before", 14),
        ("before", 60),
        ("escalation", 1),
    ]
    assert ps.oppstart_sweep(today=date(2027, 6, 1)) == 0  # not passed yet
    assert ps.oppstart_sweep(today=date(2027, 6, 2)) == 0  # the notice first
    assert Message.objects.filter(template="plp_bortfall_varsel").count() == 2
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000)]
    assert ps.oppstart_sweep(today=date(2027, 6, 2) + timedelta(days=15)) == 1
    forstudie.refresh_from_db()
    assert forstudie.status == "bortfalt" and forstudie.prosjekt.status == "avsluttet"
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000), (T.FRIGJORING, 80_000)]
    world.pot.refresh_from_db()
    assert world.pot.forpliktet == 0 and balanced()
    frist.refresh_from_db()
    assert frist.status == "closed"
    assert Message.objects.filter(template="plp_bortfall", is_legal=True).count() == 2


def test_bad_input_is_refused_and_nothing_is_saved(world, forstudie):
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=TODAY)
    with pytest.raises(DomainError, match="ikke i det godkjente budsjettet") as refused:
        ps.statusrapport_create(forstudie, fremdrift="OK", kostnader={"reise": 5_000})
    assert refused.value.field == "kostnad_reise"
    assert not forstudie.statusrapporter.exists()
    jobs = dict(JOBS, sikrede_menn=None)
    with pytest.raises(DomainError, match="Fyll inn antall nye og sikrede arbeidsplasser"):
        ps.sluttrapport_submit(
            forstudie, resultater="R", malt_dato=TODAY, kostnader=COSTS, today=TODAY, **jobs
        )
    forstudie.refresh_from_db()
    assert forstudie.status == "lopende" and not hasattr(forstudie, "sluttrapport")
    with pytest.raises(DomainError, match="ikke i det godkjente budsjettet"):
        ps.sluttrapport_submit(
            forstudie,
            resultater="R",
            malt_dato=TODAY,
            kostnader={"utstyr": 1},
            today=TODAY,
            **JOBS,
        )
    forstudie.refresh_from_db()
    assert forstudie.status == "lopende"
    ps.prosjekt_stop_early(fase=forstudie, begrunnelse="Stopp.", referat=minutes())
    with pytest.raises(DomainError, match="Prosjektet er stoppet ved beslutningspunkt"):
        ps.statusrapport_create(forstudie, fremdrift="Etterpå")
    assert not forstudie.statusrapporter.exists() and balanced()


def test_a_deadline_extension_is_a_decision_with_a_letter(world, forstudie):
    endring = ps.endring_submit(
        fase=forstudie,
        type="tid",
        beskrivelse="Leverandøren er forsinket.",
        ny_sluttdato=date(2027, 3, 31),
    )
    assert endring.status == "innsendt" and endring.organ == "programleder"
    ps.endring_decide(
        endring=endring, by=world.programleder, innvilget=True, begrunnelse="Rimelig."
    )
    forstudie.refresh_from_db()
    assert forstudie.sluttdato == date(2027, 3, 31)
    assert Deadline.objects.get(
        key=f"plp:fase:{forstudie.pk}:sluttrapport:2027-03-31", status="open"
    )
    assert Sak.objects.get(endringssoknad=endring).status == "innvilget"
    text = pdf_text(bytes(forstudie.endringer.get().brev))
    assert "Vedtak om endring" in text and "31.03.2027" in text and "Klageorgan" in text
    message = Message.objects.filter(template="plp_endring_vedtak").first()
    assert message.is_legal and message.attachments.count() == 1


def test_a_change_above_the_delegated_limit_goes_to_the_board(world, forstudie):
    world.program.delegert_grense = 50_000
    world.program.save(update_fields=["delegert_grense"])
    endring = ps.endring_submit(
        fase=forstudie,
        type="prosjektleder",
        beskrivelse="Ola slutter.",
        ny_prosjektleder_navn="Per Hansen",
        ny_prosjektleder_epost="per@bedrift.example",
    )
    assert endring.status == "styret"
    with pytest.raises(DomainError, match="styret avgjør"):
        ps.endring_decide(endring=endring, by=world.programleder, innvilget=True, begrunnelse="OK")
    ps.endring_decide(endring=endring, by=world.leder, innvilget=True, begrunnelse="OK")
    forstudie.prosjekt.refresh_from_db()
    assert forstudie.prosjekt.prosjektleder_epost == "per@bedrift.example"


def test_a_repayment_claim_claws_back_with_a_letter(world, forstudie):
    from handlingsplan.services import forpliktelse_pay

    forpliktelse_pay(forpliktelse=forstudie.forpliktelse, amount=30_000, reference="U1")
    with pytest.raises(DomainError, match="bare 30 000 kr er utbetalt"):
        ps.tilbakebetaling_decide(
            fase=forstudie, belop=40_000, begrunnelse="Vilkår brutt.", by=world.programleder
        )
    krav = ps.tilbakebetaling_decide(
        fase=forstudie,
        belop=10_000,
        begrunnelse="Kostnadene var ikke dokumentert.",
        by=world.programleder,
    )
    assert entries(forstudie.forpliktelse) == [
        (T.FORPLIKTELSE, 80_000),
        (T.UTBETALING, 30_000),
        (T.TILBAKEFORING, 10_000),
    ]
    assert balanced()
    text = pdf_text(bytes(krav.brev))
    assert "Krav om tilbakebetaling" in text and "10 000 kr" in text and "Klagefristen" in text


def test_a_returned_final_report_is_sent_again_and_approved(world, forstudie):
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=TODAY)
    report = {"resultater": "R", "malt_dato": TODAY, "kostnader": COSTS, "today": TODAY, **JOBS}
    rapport = ps.sluttrapport_submit(forstudie, **report)
    with pytest.raises(DomainError, match="Skriv hva prosjektet må rette"):
        ps.sluttrapport_return(rapport=rapport, by=world.programleder, merknad=" ")
    ps.sluttrapport_return(rapport=rapport, by=world.programleder, merknad="Legg ved timelister.")
    sak = Sak.objects.get(sluttrapport=rapport)
    forstudie.refresh_from_db()
    assert (forstudie.status, sak.status) == ("lopende", "venter_svar")
    assert Message.objects.filter(template="plp_sluttrapport_returnert").count() == 2
    rapport = ps.sluttrapport_submit(forstudie, **report)
    sak.refresh_from_db()
    assert sak.status == "kontroll" and rapport.status == "innsendt"
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=TODAY)
    sak.refresh_from_db()
    assert sak.status == "godkjent"
    assert list(sak.hendelser.values_list("type", flat=True)) == [
        "startet",
        "opplysninger_bedt",
        "svar_mottatt",
        "vedtak",
    ]
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000), (T.FRIGJORING, 20_000)]
