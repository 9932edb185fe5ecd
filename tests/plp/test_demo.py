"""`make run`'s demo projects: every phase and state, one stopped at its decision point with
the money its costs did not earn back in the pot, one approved final report with jobs."""

import pytest
from django.core.management import call_command

from handlingsplan.demo import demo_plans_approve, demo_users_ensure
from handlingsplan.services import ledger_verify
from plp.demo import demo_prosjekter_ensure
from plp.models import Prosjekt, Sluttrapport

pytestmark = pytest.mark.django_db


def test_demo_projects(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("import_handlingsplan", "handlingsplan/data/handlingsplan_2021.yaml", verbosity=0)
    demo_users_ensure()
    demo_plans_approve()
    made = demo_prosjekter_ensure()
    assert len(made) == 6 and demo_prosjekter_ensure() == []
    states = sorted((f.fase, f.status) for p in made for f in p.faser.all())
    assert states == [
        ("forprosjekt", "sluttrapport"),
        ("forstudie", "avsluttet"),
        ("forstudie", "avsluttet"),
        ("forstudie", "ikke_startet"),
        ("forstudie", "lopende"),
        ("hovedprosjekt", "lopende"),
    ]
    stopped = Prosjekt.objects.get(status=Prosjekt.Status.STOPPET)
    assert stopped.faser.get().forpliktelse.frigjort == 20_000
    approved = Sluttrapport.objects.get(status="godkjent", fase__prosjekt__status="aktiv")
    assert approved.arbeidsplasser == 3
    assert ledger_verify() == []
