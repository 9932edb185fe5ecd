from django.conf import settings
from django.core.management.base import BaseCommand

from handlingsplan.demo import (
    DEMO_PASSWORD,
    demo_indikatorverdier_ensure,
    demo_plans_approve,
    demo_timer_ensure,
    demo_users_ensure,
)
from handlingsplan.services import bagatellregimer_ensure
from plp.demo import demo_prosjekter_ensure
from plp.demo_utbetaling import demo_utbetalinger_ensure
from soknader.demo import demo_soknader_ensure
from workflow.demo import demo_cases_advance


class Command(BaseCommand):
    help = "Oppretter demobrukere (én per rolle) og skriver ut adresse og innlogginger."

    def handle(self, *args, **options):
        users = demo_users_ensure()
        demo_plans_approve()
        demo_indikatorverdier_ensure()
        demo_timer_ensure()
        bagatellregimer_ensure()
        demo_soknader_ensure()
        demo_cases_advance()
        demo_prosjekter_ensure()
        demo_utbetalinger_ensure()
        self.stdout.write(self.style.SUCCESS(f"\nOmstilling kjører på {settings.SITE_URL}/"))
        site = settings.SITE_URL
        self.stdout.write(f"Ansattsider: {site}/staff/   Admin: {site}/admin/")
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for demo, _user in users:
            self.stdout.write(f"  {demo.username:<14} {demo.role.label:<14} {demo.title}")
