"""The unused remainder lapses after the last payout deadline: a notice first, then what is
left of the commitment goes back to its pot; a payout request waiting holds it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handlingsplan.models import Postering
from handlingsplan.services import ledger_verify
from notifications.models import Message
from notifications.services.delivery import message_deliver
from plp import services as ps
from plp.models import Fase
from plp.services.utbetaling import utbetaling_decide, utbetaling_submit
from plp.tasks import oppstart_sweep_task
from tests.plp.utbetaling_fixtures import (
    fase_running,
    request_kwargs,
    utbetaling_settings,  # noqa: F401
)

from .conftest import entries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("utbetaling_settings")]
T = Postering.Type


def paid_once(status=Fase.Status.AVSLUTTET) -> Fase:
    """100 000 kr granted, 30 000 kr paid, and the last payout deadline yesterday."""
    fase = fase_running()
    u = utbetaling_submit(fase=fase, **request_kwargs())
    utbetaling_decide(utbetaling=u, by=fase.prosjekt.programleder, utfall="godkjenn")
    yesterday = timezone.localdate() - timedelta(days=1)
    Fase.objects.filter(pk=fase.pk).update(status=status, utbetalingsfrist=yesterday)
    fase.refresh_from_db()
    return fase


def test_the_rest_lapses_after_a_notice_and_the_pot_reconciles():
    fase = paid_once()
    pot = fase.forpliktelse.pot
    pot.refresh_from_db()
    forpliktet = pot.forpliktet
    today = timezone.localdate()

    assert ps.rest_sweep(today=today) == 0  # the notice
    fase.refresh_from_db()
    assert fase.rest_varslet == today
    varsel = Message.objects.get(
        template="plp_rest_varsel", to_email=fase.prosjekt.prosjektleder_epost
    )
    message_deliver(message_id=varsel.pk)
    varsel.refresh_from_db()
    assert "70 000 kr av tilsagnet er ikke utbetalt" in " ".join(varsel.body_text.split())
    assert entries(fase.forpliktelse) == [(T.FORPLIKTELSE, 100_000), (T.UTBETALING, 30_000)]

    assert ps.rest_sweep(today=today + timedelta(days=14)) == 0  # the notice's days run
    assert ps.rest_sweep(today=today + timedelta(days=15)) == 1
    assert entries(fase.forpliktelse) == [
        (T.FORPLIKTELSE, 100_000),
        (T.UTBETALING, 30_000),
        (T.FRIGJORING, 70_000),
    ]
    fase.forpliktelse.refresh_from_db()
    assert fase.forpliktelse.gjenstaende == 0
    pot.refresh_from_db()
    assert pot.forpliktet == forpliktet - 70_000
    assert ledger_verify() == []
    bortfall = Message.objects.filter(template="plp_rest_bortfall")
    assert bortfall.count() == 2 and all(m.is_legal for m in bortfall)
    message_deliver(message_id=bortfall[0].pk)
    assert "70 000 kr, har falt bort" in Message.objects.get(pk=bortfall[0].pk).body_text
    assert ps.rest_sweep(today=today + timedelta(days=30)) == 0  # nothing left to lapse
    assert Postering.objects.filter(type=T.FRIGJORING).count() == 1


def test_a_waiting_payout_request_holds_the_rest():
    fase = fase_running()
    u = utbetaling_submit(fase=fase, **request_kwargs())
    yesterday = timezone.localdate() - timedelta(days=1)
    Fase.objects.filter(pk=fase.pk).update(utbetalingsfrist=yesterday)
    today = timezone.localdate()

    assert ps.rest_sweep(today=today) == 0
    assert not Message.objects.filter(template="plp_rest_varsel").exists()
    # Waiting requests are decided after the deadline too; then the rest lapses.
    utbetaling_decide(utbetaling=u, by=fase.prosjekt.programleder, utfall="godkjenn")
    ps.rest_sweep(today=today)
    assert ps.rest_sweep(today=today + timedelta(days=15)) == 1
    assert entries(fase.forpliktelse)[-1] == (T.FRIGJORING, 70_000)
    assert ledger_verify() == []


def test_a_phase_with_its_final_report_under_check_or_not_started_is_left_alone():
    for status in (Fase.Status.SLUTTRAPPORT, Fase.Status.IKKE_STARTET, Fase.Status.BORTFALT):
        paid_once(status=status)
    today = timezone.localdate()
    ps.rest_sweep(today=today)
    assert ps.rest_sweep(today=today + timedelta(days=15)) == 0
    assert not Message.objects.filter(template__startswith="plp_rest").exists()


def test_the_periodic_task_lapses_the_rest():
    fase = paid_once(status=Fase.Status.STOPPET)
    Fase.objects.filter(pk=fase.pk).update(rest_varslet=timezone.localdate() - timedelta(days=15))
    assert oppstart_sweep_task() == 1
    assert entries(fase.forpliktelse)[-1] == (T.FRIGJORING, 70_000)
    assert ledger_verify() == []


def test_a_new_payout_deadline_asks_for_a_new_notice():
    fase = paid_once(status=Fase.Status.LOPENDE)
    today = timezone.localdate()
    ps.rest_sweep(today=today)
    endring = ps.endring_submit(
        fase=fase, type="tid", beskrivelse="Forsinket.", ny_sluttdato=today + timedelta(days=90)
    )
    ps.endring_decide(
        endring=endring, by=fase.prosjekt.programleder, innvilget=True, begrunnelse="Rimelig."
    )
    fase.refresh_from_db()
    assert fase.rest_varslet is None and fase.utbetalingsfrist > today
    assert ps.rest_sweep(today=today + timedelta(days=15)) == 0
    assert entries(fase.forpliktelse)[-1] == (T.UTBETALING, 30_000)


def test_the_payout_deadline_is_a_reminder_until_nothing_is_left_to_ask_for(world, perform):
    from datetime import date

    from notifications.models import Deadline
    from tests.plp.utbetaling_fixtures import KONTO, pdf

    from .conftest import COSTS, JOBS, delegated_grant

    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.get(sak=sak)
    day = date(2026, 12, 1)

    def payout_deadlines():
        return list(
            Deadline.objects.filter(kind="plp_utbetalingsfrist", case_id=fase.pk)
            .order_by("pk")
            .values_list("due_at__date", "status", "email")
        )

    frist = fase.utbetalingsfrist
    assert frist is not None
    assert payout_deadlines() == [(frist, "open", fase.prosjekt.prosjektleder_epost)]
    ps.fase_start(fase=fase, startet=date(2026, 3, 1), today=day)
    endring = ps.endring_submit(
        fase=fase, type="tid", beskrivelse="Forsinket.", ny_sluttdato=frist + timedelta(days=60)
    )
    ps.endring_decide(endring=endring, by=world.programleder, innvilget=True, begrunnelse="Ja.")
    fase.refresh_from_db()
    assert payout_deadlines() == [
        (frist, "closed", fase.prosjekt.prosjektleder_epost),
        (fase.utbetalingsfrist, "open", fase.prosjekt.prosjektleder_epost),
    ]
    report = {"resultater": "R", "malt_dato": day, "kostnader": COSTS, "today": day, **JOBS}
    rapport = ps.sluttrapport_submit(fase, **report)
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=day)
    # 60 000 kr earned and not yet paid: the deadline stays open, the report's closed.
    assert payout_deadlines()[-1][1] == "open"
    assert not Deadline.objects.filter(case_id=fase.pk, kind="sluttrapport", status="open")
    u = utbetaling_submit(
        fase=fase,
        by=None,
        type="slutt",
        belop=60_000,
        kontonummer=KONTO,
        kostnader=COSTS,
        fremdrift="Ferdig.",
        vedlegg=[("faktura", pdf())],
        idag=day,
    )
    utbetaling_decide(utbetaling=u, by=world.programleder, utfall="godkjenn")
    assert payout_deadlines()[-1][1] == "closed"
