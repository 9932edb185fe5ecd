"""The case flow: SQL queries and milliseconds per step, and the inbox with many open tasks.

Each of CASES applications is submitted through the service (the form has its own bench),
then driven through the flow by the people who do each step, through the same task pages
the browser uses (django.test.Client, logged in as that person): the programleder's check
and assessment, three board members' declarations and votes, the chair's confirmation
(which commits the money; a worker then renders the tilsagnsbrev), and the applicant's
acceptance on Min side. Celery tasks are queued in memory, not run: the figures are what
the person waits for. Then the inbox of one board member with 100 and 10 000 open tasks:
its query count must not grow with the number of tasks, and neither should its size.
Each step is also shown as a multiple of a bare viewflow step (bench/bare_flow.py), whose
queries, doubled, are a step's budget.
"""

import statistics
import time
from collections import defaultdict

from bench.common import report, throwaway_database

CASES = 30
GRANT = 150_000  # above the delegated limit: the board decides
BARE_RUNS = 30
INBOX_SIZES = (100, 10_000)
INBOX_REPEATS = 5
APPLICANT = "kari@bedrift.example"


class Meter:
    """Milliseconds and SQL queries per named step."""

    def __init__(self):
        self.samples = defaultdict(list)

    def measure(self, step, call):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        connection.queries_log.clear()  # it keeps 9 000 at most; the count would stall
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = call()
            ms = (time.perf_counter() - start) * 1000
        self.samples[step].append((ms, len(queries)))
        return result

    def report(self):
        for step, samples in self.samples.items():
            ms = [s[0] for s in samples]
            counts = [s[1] for s in samples]
            report(
                f"case step: {step}",
                statistics.mean(ms),
                "ms",
                f"{statistics.mean(counts):5.1f} queries (min {min(counts)}, max {max(counts)}; "
                f"{len(samples)} cases)",
            )


class Case:
    """One application's way through the flow, step by step, through the task pages."""

    def __init__(self, world):
        self.world = world

    def open_task(self, node, user):
        from viewflow.workflow.status import STATUS

        tasks = self.process.task_set.filter(owner=user, status=STATUS.ASSIGNED)
        [task] = [t for t in tasks if t.flow_task.name == node]
        return task

    def post(self, node, user, data, expect=302):
        from django.urls import reverse

        task = self.open_task(node, user)
        url = reverse(f"saker:{node}:execute", args=[self.process.pk, task.pk])
        response = self.world.clients[user.pk].post(url, data)
        assert response.status_code == expect, (node, _errors(response.content.decode()))
        return response

    def run(self, meter):
        from soknader import services as soknad_services
        from tests.soknader.factories import draft_complete
        from workflow.models import Sak, Saksbehandling

        w = self.world
        draft = draft_complete(program=w.program)
        _apply_for(draft, GRANT)
        soknad = meter.measure(
            "submit (starts the flow)", lambda: soknad_services.soknad_submit(soknad=draft)
        )
        self.sak = Sak.objects.get(soknad=soknad)
        self.process = Saksbehandling.objects.get(artifact_object_id=self.sak.pk)

        pl = w.programleder
        meter.measure(
            "completeness check (complete)",
            lambda: self.post("kontroll", pl, {"utfall": "komplett"}),
        )
        meter.measure(
            "assessment (grant above the limit)",
            lambda: self.post("vurdering", pl, _innstilling(w.pot.pk)),
        )
        for label, member in (
            ("board member 1", w.medlem1),
            ("board member 2", w.medlem2),
            ("chair", w.leder),
        ):
            # Declaring impartial keeps the task open and shows the vote form.
            meter.measure(
                f"impartiality, {label}",
                lambda m=member: self.post("stemme", m, {"grunner": []}),
            )
            meter.measure(
                f"vote, {label}",
                lambda m=member: self.post("stemme", m, {"valg": "for", "kommentar": ""}),
            )
        meter.measure(
            "chair confirms (commit; the letter to a worker)",
            lambda: self.post("bekreft", w.leder, {"belop": GRANT, "vilkar": "Følger PLP."}),
        )

        def accept():
            response = w.applicant_client.post(
                f"/min-side/sak/{soknad.saksnummer}/aksept/", {"bekreft": "ja"}
            )
            assert response.status_code == 302, response.status_code

        meter.measure("acceptance on Min side", accept)
        self.sak.refresh_from_db()
        assert self.sak.status == Sak.Status.AKSEPTERT, self.sak.status


def _apply_for(draft, amount):
    """300 000 kr of costs, 150 000 kr applied for (50 %)."""
    from soknader import services as soknad_services
    from soknader.models import Finansieringslinje, Kostnadslinje

    F = Finansieringslinje.Kilde
    soknad_services.soknad_draft_save(
        soknad=draft,
        kostnader=[
            {
                "kategori": Kostnadslinje.Kategori.TJENESTER,
                "beskrivelse": "Konsulent",
                "belop": 2 * amount,
            }
        ],
        finansiering={F.EGNE_MIDLER: amount, F.PROGRAMMET: amount},
    )


def _errors(html: str) -> list[str]:
    """The form's error messages on a page that did not save, for the assertion."""
    import re

    found = re.findall(r'class="(?:errorlist|errornote)[^"]*"[^>]*>(.*?)</(?:ul|div)>', html, re.S)
    return [re.sub(r"<[^>]+>", " ", e).strip() for e in found] or [html[:500]]


def _innstilling(pot_pk):
    return {
        "vurdering": "Godt forankret, treffer strategien.",
        "anbefaling": "innvilge",
        "pot": pot_pk,
        "belop": GRANT,
        "vilkar": "Følger PLP.",
        "rapportering": "Statusrapport 1.9.",
        "utbetaling": "Etterskuddsvis.",
        "nye_arbeidsplasser": 2,
        "sikrede_arbeidsplasser": 0,
        # Not de minimis: every case here is from one organisation number, and as de minimis
        # aid their sum would pass the ceiling (which the decision rightly refuses).
        "begrunnelse": "Prosjektet oppfyller kriteriene.",
    }


class World:
    def __init__(self):
        from django.test import Client

        from felles.roles import Rolle
        from tests.factories import PotFactory, UserFactory, staff_user

        budget = (CASES + 1) * GRANT
        self.pot = PotFactory(fylt=budget, strategi__budsjett=budget)
        self.program = self.pot.strategi.handlingsplan.program
        self.programleder = staff_user(Rolle.PROGRAMLEDER, username="pl")
        self.leder = staff_user(Rolle.STYRELEDER, username="leder")
        self.medlem1 = staff_user(Rolle.STYREMEDLEM, username="medlem1")
        self.medlem2 = staff_user(Rolle.STYREMEDLEM, username="medlem2")
        self.clients = {}
        for user in (self.programleder, self.leder, self.medlem1, self.medlem2):
            client = Client()
            client.force_login(user)
            self.clients[user.pk] = client
        self.applicant_client = Client()
        self.applicant_client.force_login(UserFactory(username="kari", email=APPLICANT))


def _bare_viewflow_step(world) -> tuple[float, float]:
    """Mean queries and ms of BareFlow's one task through its page, as the programleder."""
    from bench.bare_flow import bare_flow_mounted, bare_step_sample

    with bare_flow_mounted():
        queries, ms, counts = bare_step_sample(
            world.clients[world.programleder.pk], world.programleder, runs=BARE_RUNS
        )
    assert len(counts) == 1, f"the bare step's query count varies: {counts}"
    return queries, ms


def _report_against_bare(meter, bare_queries: float, bare_ms: float) -> None:
    """Each case step as a multiple of a bare viewflow step; the budget is twice its queries."""
    print(f"bare viewflow step: {bare_queries:.0f} queries, {bare_ms:.1f} ms", flush=True)
    print("each case step against it:", flush=True)
    ratios = {}
    for step, samples in meter.samples.items():
        queries = statistics.mean(s[1] for s in samples)
        ms = statistics.mean(s[0] for s in samples)
        ratios[step] = queries / bare_queries
        print(
            f"  {step:<46} {ratios[step]:4.1f} x the queries, {ms / bare_ms:5.1f} x the time",
            flush=True,
        )
    worst = max(ratios, key=ratios.get)
    verdict = "within" if ratios[worst] <= 2 else "NOT within"
    print(
        f"worst step: {worst}, {ratios[worst]:.1f} x a bare viewflow step's queries: {verdict} 2x",
        flush=True,
    )


def _open_tasks_for(user, count: int, start: int) -> None:
    """`count` cases before the board, each with this member's open vote task: the rows a
    real flow leaves (a process with its case data, an assigned task), written in bulk."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS
    from viewflow.workflow.token import Token

    from workflow.flows import SoknadFlow
    from workflow.models import Saksbehandling

    processes = Saksbehandling.objects.bulk_create(
        (
            Saksbehandling(
                flow_class=SoknadFlow,
                status="NEW",
                data={"saksnummer": f"2026-{n:05d}", "tittel": f"Prosjekt {n}"},
            )
            for n in range(start, start + count)
        ),
        batch_size=2_000,
    )
    Task.objects.bulk_create(
        (
            Task(
                process=process,
                flow_task=SoknadFlow.stemme,
                flow_task_type="HUMAN",
                status=STATUS.ASSIGNED,
                owner=user,
                token=Token("start/styret"),
                data={"medlem": user.pk},
            )
            for process in processes
        ),
        batch_size=2_000,
    )


def _inbox(client) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("saker:inbox")
    client.get(url)  # warm: templates, content types, session
    timings, counts = [], set()
    for _ in range(INBOX_REPEATS):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        assert "Habilitet og stemme" in response.content.decode()
        counts.add(len(queries))
    assert len(counts) == 1, counts
    return statistics.mean(timings), counts.pop(), len(response.content)


def main() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from config.celery import app as celery_app
    from felles.roles import Rolle
    from handlingsplan.services import ledger_verify
    from tests.factories import staff_user

    conf = celery_app.conf
    conf.broker_url, conf.task_always_eager = "memory://", False
    celery_app._pool = None
    with (
        throwaway_database(),
        override_settings(
            ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            SOKNAD_VEDLEGG_ROOT=str(settings.VAR_DIR / "bench" / "vedlegg"),
        ),
    ):
        connection.settings_dict["CONN_MAX_AGE"] = 600  # persistent, as in production
        world = World()
        bare = _bare_viewflow_step(world)
        Case(world).run(Meter())  # warm-up: templates, caches, the PDF fonts
        meter = Meter()
        start = time.perf_counter()
        for _ in range(CASES):
            Case(world).run(meter)
        seconds = time.perf_counter() - start
        meter.report()
        _report_against_bare(meter, *bare)
        report(
            "whole case: draft, 8 steps above and 3 declarations",
            seconds / CASES * 1000,
            "ms",
            f"({CASES} cases in {seconds:.1f} s)",
        )
        world.pot.refresh_from_db()
        assert world.pot.forpliktet == (CASES + 1) * GRANT, world.pot.forpliktet
        assert ledger_verify() == []

        member = staff_user(Rolle.STYREMEDLEM, username="medlem-inbox")
        client = Client()
        client.force_login(member)
        counts = []
        made = 0
        for size in INBOX_SIZES:
            _open_tasks_for(member, size - made, start=made)
            made = size
            ms, queries, size_bytes = _inbox(client)
            kb = f"{size_bytes / 1000:,.0f}".replace(",", " ")
            counts.append(queries)
            report(
                f"inbox of a board member with {size:,} open tasks".replace(",", " "),
                ms,
                "ms",
                f"{queries} queries, {kb} kB of HTML",
            )
        assert len(set(counts)) == 1, f"the inbox's query count grew: {counts}"
