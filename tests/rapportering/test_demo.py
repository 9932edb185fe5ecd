"""`make run`'s demo data fills the sub-goals and indicators sections: the demo projects
count toward the sub-goals of the strategies that fund them, and the plan's indicators have
values for 2021–2025."""

import pytest
from django.core.management import call_command

from handlingsplan.demo import (
    demo_indikatorverdier_ensure,
    demo_plans_approve,
    demo_timer_ensure,
    demo_users_ensure,
)
from plp.demo import demo_prosjekter_ensure
from rapportering.selectors import delmal, indikatorer, penger
from rapportering.selectors.felles import gjeldende_program

pytestmark = pytest.mark.django_db


def test_the_demo_counts_sub_goals_and_has_indicator_values(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("import_handlingsplan", "handlingsplan/data/handlingsplan_2021.yaml", verbosity=0)
    demo_users_ensure()
    demo_plans_approve()
    assert demo_indikatorverdier_ensure() == 20 and demo_indikatorverdier_ensure() == 0
    demo_prosjekter_ensure()
    program = gjeldende_program()

    rader = delmal.bygg(program).tabell("delmal").rader
    assert len(rader) == 24
    # Five projects started, two with an approved final report; some sub-goals reached.
    assert sum(r[6] for r in rader) == 5 and sum(r[7] for r in rader) == 2
    assert 0 < sum(r[8] == "Ja" for r in rader) < len(rader)

    tabell = indikatorer.bygg(program).tabell("indikatorer")
    med_verdier = {r[0]: r[2:7] for r in tabell.rader if r[2] is not None}
    assert len(med_verdier) == 4
    assert all(v is not None for verdier in med_verdier.values() for v in verdier)
    assert [r[7] for r in tabell.rader] == [None] * 6  # nothing yet for 2026


def test_the_demo_records_a_year_of_programleder_hours():
    call_command("import_handlingsplan", "handlingsplan/data/handlingsplan_2021.yaml", verbosity=0)
    demo_users_ensure()
    assert demo_timer_ensure() == 72 and demo_timer_ensure() == 0
    timer = penger.bygg(gjeldende_program(), 2021).tabell("timer")
    # Six focus areas, twelve months: 12 × (38 + 30 + 16 + 12 + 9 + 6) plus 1, 2, 0 by month.
    assert timer.summer()[2] == 1404
