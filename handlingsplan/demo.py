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
    """The imported plans approved by the board (with its resolution of the discrepancies
    the import reported), adopted by the municipal council and published, so that the demo
    can grant money from their pots and the public pages show them."""
    import datetime

    from handlingsplan.models import Handlingsplan
    from handlingsplan.services import handlingsplan_advance

    S = Handlingsplan.Status
    steps = [
        (S.GODKJENT, 15, "Styringsgruppen sak 1/{ar}"),
        (S.VEDTATT, 25, "Kommunestyret sak 12/{ar}"),
        (S.PUBLISERT, 28, "sel.kommune.no/omstilling/handlingsplan-{ar}"),
    ]
    published = []
    for plan in Handlingsplan.objects.filter(status=S.UTKAST):
        for status, day, reference in steps:
            plan = handlingsplan_advance(
                plan=plan,
                to=status,
                date=datetime.date(plan.ar, 2, day),
                reference=reference.format(ar=plan.ar),
                resolusjon=DEMO_RESOLUSJON if status == S.GODKJENT else "",
            )
        published.append(plan)
    return published


# Yearly values of the plan's impact indicators for the demo: name (start), unit, values
# 2021–2025. Made up for the demo, in the range such figures have in a municipality like Sel.
DEMO_INDIKATORVERDIER = [
    ("Sysselsettingsutvikling", "arbeidsplasser", [2874, 2901, 2933, 2958, 2990]),
    ("Nyetableringer", "%", ["9.8", "10.4", "11.1", "10.7", "11.6"]),
    ("Befolkningsutvikling", "personer", [5709, 5688, 5676, 5690, 5702]),
    ("Resultat i Kommune-NM", "plass", [301, 287, 264, 251, 238]),
]


def demo_indikatorverdier_ensure() -> int:
    """Values 2021–2025 for the indicators of the newest program, unless it has some
    already; recorded by the demo programleder through the service. Returns how many."""
    from django.contrib.auth import get_user_model

    from handlingsplan.models import Indikator, Indikatorverdi
    from handlingsplan.selectors import indikator_program
    from handlingsplan.services import indikatorverdi_record

    program = indikator_program()
    if program is None or Indikatorverdi.objects.filter(indikator__program=program).exists():
        return 0
    programleder = get_user_model().objects.filter(username="programleder").first()
    indikatorer = list(Indikator.objects.filter(program=program))
    made = 0
    for start, enhet, verdier in DEMO_INDIKATORVERDIER:
        indikator = next((i for i in indikatorer if i.navn.startswith(start)), None)
        if indikator is None:
            continue
        for ar, verdi in zip(range(2021, 2026), verdier, strict=True):
            if program.start_ar <= ar <= program.slutt_ar:
                indikatorverdi_record(
                    indikator=indikator,
                    ar=ar,
                    verdi=verdi,
                    enhet=enhet,
                    kilde="Demodata",
                    merknad="Lavere er bedre." if enhet == "plass" else "",
                    by=programleder,
                )
                made += 1
    return made


# The programleder's demo hours per month, by focus area number (made up for the demo).
DEMO_TIMER_PER_MANED = {1: 38, 2: 30, 3: 16, 4: 12, 5: 9, 6: 6}


def demo_timer_ensure(ar: int = 2021) -> int:
    """The programleder's hours for every month of `ar` in the newest program, unless it has
    some already; recorded through the service. Returns how many months were recorded."""
    import datetime

    from django.contrib.auth import get_user_model

    from handlingsplan.models import Innsatsomrade, Program, Timeregistrering
    from handlingsplan.services import timer_registrer

    program = Program.objects.order_by("-start_ar", "id").first()
    if program is None or Timeregistrering.objects.filter(program=program).exists():
        return 0
    programleder = get_user_model().objects.filter(username="programleder").first()
    made = 0
    for omrade in Innsatsomrade.objects.filter(program=program, nummer__in=DEMO_TIMER_PER_MANED):
        for maned in range(1, 13):
            timer_registrer(
                program=program,
                innsatsomrade=omrade,
                maned=datetime.date(ar, maned, 1),
                timer=DEMO_TIMER_PER_MANED[omrade.nummer] + maned % 3,
                by=programleder,
            )
            made += 1
    return made
