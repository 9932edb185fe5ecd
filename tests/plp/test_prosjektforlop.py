"""A project from an accepted forstudie grant to its close, through status reports, payouts,
the final report and the final payout, BP2, a forprosjekt granted by the board, its payouts,
its final report and final payout, and the hand-over; every ledger entry of each phase's
commitment is asserted, and the pots reconcile at every step."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from viewflow.workflow.status import PROCESS

from handlingsplan.models import Delmal, Postering
from plp import services as ps
from plp.models import Beslutningspunkt, DelmalTelling, Fase, Prosjekt, Prosjektforlop
from plp.selectors import arbeidsplasser_per_innsatsomrade
from soknader import services as soknad_services
from soknader.models import Finansieringslinje
from workflow.models import Sak, Saksbehandling

from .conftest import COSTS, JOBS, balanced, board_grant, delegated_grant, entries, minutes

pytestmark = pytest.mark.django_db
T = Postering.Type


def pay(fase, by, belop, kostnader, type="del"):  # noqa: A002
    """A payout request with invoices, approved by the programleder."""
    from plp.services.utbetaling import utbetaling_decide, utbetaling_submit
    from tests.plp.utbetaling_fixtures import KONTO, pdf

    u = utbetaling_submit(
        fase=fase,
        by=None,
        type=type,
        belop=belop,
        kontonummer=KONTO,
        kostnader=kostnader,
        fremdrift="I rute.",
        vedlegg=[("faktura", pdf())],
        idag=date(2026, 12, 1),
    )
    return utbetaling_decide(utbetaling=u, by=by, utfall="godkjenn")


def _open_phase_names(prosjekt):
    process = Prosjektforlop.objects.get(
        artifact_content_type=ContentType.objects.get_for_model(Prosjekt),
        artifact_object_id=prosjekt.pk,
    )
    return process, sorted(
        t.flow_task.name for t in process.task_set.exclude(status__in=["DONE", "CANCELED"])
    )


def test_from_forstudie_to_hand_over(world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    forstudie = Fase.objects.get(sak=sak)
    prosjekt = forstudie.prosjekt
    assert (forstudie.fase, forstudie.status, forstudie.tilskudd) == (
        "forstudie",
        "ikke_startet",
        80_000,
    )
    assert forstudie.kostnadsgrunnlag == 200_000
    assert {p.kategori: p.belop for p in forstudie.budsjett.all()} == {
        "lonn": 100_000,
        "kjop": 100_000,
    }
    assert (prosjekt.org_navn, prosjekt.prosjektleder_epost) == (
        "Bedrift AS",
        "ola@bedrift.example",
    )
    assert prosjekt.programleder == world.programleder
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000)] and balanced()
    flow, waiting = _open_phase_names(prosjekt)
    assert waiting == ["lopende"]

    delmal = Delmal.objects.create(
        strategi=world.pot.strategi,
        tekst="3 forstudier",
        type="forstudie",
        antall=3,
        milepael="igangsatt",
    )
    sak.innstilling.delmal.add(delmal)
    ps.fase_start(fase=forstudie, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    assert DelmalTelling.objects.filter(fase=forstudie, milepael="igangsatt").count() == 1
    ps.statusrapport_create(
        forstudie, per_dato=date(2026, 6, 1), fremdrift="I rute", kostnader={"lonn": 40_000}
    )
    assert entries(forstudie.forpliktelse) == [(T.FORPLIKTELSE, 80_000)] and balanced()
    # A partial payout: 40 000 kr of costs earn 40 % of them.
    pay(forstudie, world.programleder, 16_000, {"lonn": 40_000})
    assert (
        entries(forstudie.forpliktelse)
        == [
            (T.FORPLIKTELSE, 80_000),
            (T.UTBETALING, 16_000),
        ]
        and balanced()
    )

    rapport = ps.sluttrapport_submit(
        forstudie,
        resultater="Marked funnet.",
        malt_dato=date(2026, 11, 30),
        kostnader=COSTS,
        delmal=[delmal],
        neste_fase_plan="Forprosjekt: prototype.",
        today=date(2026, 12, 1),
        **JOBS,
    )
    assert _open_phase_names(prosjekt)[1] == ["sluttrapport_kontroll"]
    # The final report is a case of its own, checked by the programleder.
    rapportsak = Sak.objects.get(sluttrapport=rapport)
    assert (rapportsak.saksnummer, rapportsak.status) == (f"{sak.saksnummer}-S", "kontroll")
    assert rapportsak.tittel == "Sluttrapport: Nytt produkt" and rapportsak.emne == rapport
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=date(2026, 12, 1))
    rapportsak.refresh_from_db()
    assert rapportsak.status == "godkjent" and rapportsak.avsluttet is not None
    # 150 000 kr of costs earn 40 % of them (80 000 of 200 000): 60 000 kr; 20 000 kr go back.
    forstudie.refresh_from_db()
    assert forstudie.status == "avsluttet"
    assert entries(forstudie.forpliktelse) == [
        (T.FORPLIKTELSE, 80_000),
        (T.UTBETALING, 16_000),
        (T.FRIGJORING, 20_000),
    ]
    assert forstudie.forpliktelse.gjenstaende == 44_000 and balanced()
    # The final payout: the rest of what the costs earned.
    pay(forstudie, world.programleder, 44_000, COSTS, type="slutt")
    assert entries(forstudie.forpliktelse) == [
        (T.FORPLIKTELSE, 80_000),
        (T.UTBETALING, 16_000),
        (T.FRIGJORING, 20_000),
        (T.UTBETALING, 44_000),
    ]
    forstudie.forpliktelse.refresh_from_db()
    assert forstudie.forpliktelse.gjenstaende == 0 and balanced()
    jobs = arbeidsplasser_per_innsatsomrade(world.program, 2026)
    assert [
        (j["innsatsomrade_id"], j["nye_kvinner"], j["nye_menn"], j["sikrede_menn"]) for j in jobs
    ] == [(world.pot.strategi.innsatsomrade_id, 1, 2, 1)]
    assert DelmalTelling.objects.filter(fase=forstudie, milepael="gjennomfort").count() == 1
    assert forstudie.oppfolging.frist == date(2027, 12, 31)
    assert _open_phase_names(prosjekt)[1] == ["beslutningspunkt"]

    bp = ps.beslutningspunkt_decide(
        fase=forstudie, valg="videre", begrunnelse="Markedet er der.", referat=minutes()
    )
    assert bp.nummer == 2 and ps.bp_navn(world.program, 2) == "BP2 Gå til forprosjekt"
    utkast = bp.neste_soknad
    assert (utkast.fase, utkast.tidligere_fase, utkast.orgnr) == (
        "forprosjekt",
        sak.soknad,
        "988077917",
    )
    assert utkast.mal == "Forprosjekt: prototype." and "Marked funnet." in utkast.bakgrunn
    assert _open_phase_names(prosjekt)[1] == ["neste_fase"]

    # The applicant completes the draft and sends it: full case handling, decided by the board.
    soknad_services.soknad_draft_save(
        soknad=utkast,
        fields={"startdato": date(2027, 1, 1), "sluttdato": date(2027, 12, 31), "nye_kvinner": 1},
        aktiviteter=[{"navn": "Prototype", "start": date(2027, 1, 1), "slutt": date(2027, 6, 1)}],
        finansiering={
            Finansieringslinje.Kilde.EGNE_MIDLER: 60_000,
            Finansieringslinje.Kilde.EGENINNSATS: 40_000,
            Finansieringslinje.Kilde.PROGRAMMET: 100_000,
        },
    )
    utkast = soknad_services.soknad_submit(soknad=utkast)
    sak2 = utkast.sak
    process2 = Saksbehandling.objects.get(artifact_object_id=sak2.pk)
    sak2 = board_grant(world, perform, sak2, process2, belop=150_000)
    forprosjekt = Fase.objects.get(sak=sak2)
    assert forprosjekt.prosjekt == prosjekt and forprosjekt.rekkefolge == 2
    assert entries(forprosjekt.forpliktelse) == [(T.FORPLIKTELSE, 150_000)] and balanced()
    assert _open_phase_names(prosjekt)[1] == ["lopende"]

    ps.fase_start(fase=forprosjekt, startet=date(2026, 12, 1), today=date(2026, 12, 1))
    ps.statusrapport_create(forprosjekt, per_dato=date(2026, 12, 1), fremdrift="Godt i gang")
    # Payouts before the final report: 80 000 kr of costs earn 75 % of them.
    pay(forprosjekt, world.programleder, 30_000, {"lonn": 40_000})
    pay(forprosjekt, world.programleder, 30_000, {"lonn": 80_000})
    assert (
        entries(forprosjekt.forpliktelse)
        == [
            (T.FORPLIKTELSE, 150_000),
            (T.UTBETALING, 30_000),
            (T.UTBETALING, 30_000),
        ]
        and balanced()
    )
    rapport2 = ps.sluttrapport_submit(
        forprosjekt,
        resultater="Prototype ferdig.",
        malt_dato=date(2026, 12, 1),
        kostnader={"lonn": 100_000, "kjop": 100_000},
        today=date(2026, 12, 1),
        **JOBS,
    )
    ps.sluttrapport_approve(rapport=rapport2, by=world.programleder)
    # The costs earned the whole grant: nothing is released; the final payout pays the rest.
    paid = [(T.FORPLIKTELSE, 150_000), (T.UTBETALING, 30_000), (T.UTBETALING, 30_000)]
    assert entries(forprosjekt.forpliktelse) == paid and balanced()
    pay(forprosjekt, world.programleder, 90_000, {"lonn": 100_000, "kjop": 100_000}, "slutt")
    paid.append((T.UTBETALING, 90_000))
    assert entries(forprosjekt.forpliktelse) == paid and balanced()

    ps.beslutningspunkt_decide(
        fase=forprosjekt, valg="overlever", begrunnelse="Drift i egen regi.", referat=minutes()
    )
    prosjekt.refresh_from_db()
    assert prosjekt.status == Prosjekt.Status.OVERLEVERT
    assert entries(forprosjekt.forpliktelse) == paid and balanced()
    flow.refresh_from_db()
    assert flow.status == PROCESS.DONE
    world.pot.refresh_from_db()
    # Committed: 80 000 - 20 000 released + 150 000; all of it paid.
    assert (world.pot.forpliktet, world.pot.utbetalt) == (210_000, 210_000)
    assert Beslutningspunkt.objects.filter(fase__prosjekt=prosjekt).count() == 2


def test_a_phase_the_worker_never_opened_is_opened_by_the_sweep(world, perform, monkeypatch):
    from datetime import timedelta

    monkeypatch.setattr("plp.tasks.fase_opprett_enqueue", lambda sak_id: None)  # broker down
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    assert not Fase.objects.filter(sak=sak).exists()
    assert ps.fase_opprett_sweep(older_than=timedelta(minutes=5)) == 0  # too soon
    assert ps.fase_opprett_sweep(older_than=timedelta(0)) == 1
    fase = Fase.objects.get(sak=sak)
    assert fase.tilskudd == 80_000 and fase.prosjekt.faser.count() == 1
    assert ps.fase_opprett_sweep(older_than=timedelta(0)) == 0
