"""`make run`'s demo payouts: one paid, one approved and waiting for the accounting, on the
running demo phases, posted in the ledger; a final payout waiting in the programleder's
inbox."""

import pytest
from django.core.management import call_command
from viewflow.workflow.models import Task

from handlingsplan.demo import demo_plans_approve, demo_users_ensure
from handlingsplan.models import Postering
from handlingsplan.services import ledger_verify
from plp.demo import demo_prosjekter_ensure
from plp.demo_utbetaling import demo_utbetalinger_ensure
from plp.flows import ProsjektsakFlow
from plp.models import Utbetaling

pytestmark = pytest.mark.django_db


def test_demo_payouts(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    call_command("import_handlingsplan", "handlingsplan/data/handlingsplan_2021.yaml", verbosity=0)
    demo_users_ensure()
    demo_plans_approve()
    demo_prosjekter_ensure()
    made = demo_utbetalinger_ensure()
    assert demo_utbetalinger_ensure() == []
    assert sorted(u.status for u in Utbetaling.objects.filter(pk__in=[u.pk for u in made])) == [
        "betalt",
        "godkjent",
        "innsendt",
    ]
    waiting = Utbetaling.objects.get(status="innsendt")
    assert waiting.type == "slutt"
    inbox = Task.objects.inbox([ProsjektsakFlow], waiting.fase.prosjekt.programleder)
    assert inbox.filter(process_id=waiting.sak.prosess_id, flow_task=ProsjektsakFlow.utbetaling)
    paid = Utbetaling.objects.get(status="betalt")
    assert Postering.objects.get(pk=paid.postering_id).belop == paid.belop_godkjent > 0
    assert ledger_verify() == []
