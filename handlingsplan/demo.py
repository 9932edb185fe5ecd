"""Demo users for `make run`: one per role, with known passwords. Never used in production."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from felles.roles import Rolle
from felles.services import roles_ensure

DEMO_PASSWORD = "omstilling-demo"  # noqa: S105 (demo only, printed by seed_demo)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Rolle
    first_name: str
    last_name: str
    title: str


DEMO_USERS = [
    DemoUser("admin", Rolle.ADMINISTRATOR, "Ada", "Administrator", "Systemansvarlig, Sel kommune"),
    DemoUser("programleder", Rolle.PROGRAMLEDER, "Per", "Programleder", "Programleder"),
    DemoUser("styreleder", Rolle.STYRELEDER, "Stine", "Styreleder", "Leder av styringsgruppen"),
    DemoUser("styremedlem1", Rolle.STYREMEDLEM, "Sindre", "Styremedlem", "Styremedlem"),
    DemoUser("styremedlem2", Rolle.STYREMEDLEM, "Siri", "Styremedlem", "Styremedlem"),
    DemoUser("observator", Rolle.OBSERVATOR, "Olav", "Observatør", "Innlandet fylkeskommune"),
]


@transaction.atomic
def demo_users_ensure() -> list[tuple[DemoUser, object]]:
    """Create (or reset) the demo users and their roles. Safe to run again."""
    groups = roles_ensure()
    users = []
    for demo in DEMO_USERS:
        user, _ = get_user_model().objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = demo.first_name, demo.last_name
        user.email = f"{demo.username}@omstilling.example"
        user.is_staff = demo.role == Rolle.ADMINISTRATOR
        user.is_superuser = demo.role == Rolle.ADMINISTRATOR
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[demo.role.value]])
        users.append((demo, user))
    return users


DEMO_RESOLUSJON = (
    "Strategienes budsjetter gjelder. Avvikene i dokumentets summer og de 100 000 kr som "
    "pottene går ut over finansieringen til prosjekter, rettes ved første omfordeling."
)


def demo_plans_approve() -> list:
    """The imported plans approved by the board, with its resolution of the discrepancies
    the import reported, so that the demo can grant money from their pots."""
    import datetime

    from handlingsplan.models import Handlingsplan
    from handlingsplan.services import handlingsplan_advance

    approved = []
    for plan in Handlingsplan.objects.filter(status=Handlingsplan.Status.UTKAST):
        approved.append(
            handlingsplan_advance(
                plan=plan,
                to=Handlingsplan.Status.GODKJENT,
                date=datetime.date(plan.ar, 2, 15),
                reference=f"Styringsgruppen sak 1/{plan.ar}",
                resolusjon=DEMO_RESOLUSJON,
            )
        )
    return approved
