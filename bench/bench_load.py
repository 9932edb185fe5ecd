"""Load test: 50 applicants from one office address fill in and send applications for 60 s
against gunicorn on PostgreSQL, with the rate limits as shipped; then every submission is
checked to exist once, with its own case number, snapshot and receipts.

Gunicorn serves a throw-away database on 127.0.0.1 only, with production settings
(DEBUG off) over plain HTTP; the rate limits count in a cache folder of this run, shared by
every gunicorn worker. Every loop is bounded by the clock and by a number of rounds.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import report, throwaway_database

APPLICANTS = int(os.environ.get("BENCH_LOAD_APPLICANTS", "50"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
MAX_ROUNDS = 5000  # per applicant, whatever the clock says
WORKERS, THREADS = 4, 8
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _environment(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_"))}
    env |= {
        "DATABASE_URL": _database_url(),
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "DJANGO_SECURE_COOKIES": "0",  # plain HTTP on loopback
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "ANYMAIL_WEBHOOK_SECRET": "bench:bench",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CELERY_BROKER_URL": "memory://",  # tasks are published, no worker runs them
        "CACHE_URL": f"file://{var_dir / 'cache'}",
        "OMSTILLING_VAR_DIR": str(var_dir),
        "ENHETSREGISTERET_URL": "http://127.0.0.1:9/api",  # nothing listens: manual entry
        "ENHETSREGISTERET_TIMEOUT": "0.2",
        "LOG_LEVEL": "WARNING",
    }
    return env


class Gunicorn:
    def __init__(self, env: dict):
        self.env, self.port = env, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=self.env, check=True)
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            "--worker-class=gthread",
            "--timeout=60",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(command, env=self.env)
        import requests

        for _ in range(300):  # up to 30 s
            try:
                if requests.get(self.url + "/soknad/", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Meter:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings: list[float] = []
        self.errors: list[str] = []
        self.submitted: list[int] = []

    def call(self, session, method, url, expect=(200, 302), **kwargs):
        started = time.perf_counter()
        try:
            response = session.request(method, url, allow_redirects=False, timeout=30, **kwargs)
        except Exception as exc:  # counted as an error, the applicant goes on
            with self.lock:
                self.timings.append(time.perf_counter() - started)
                self.errors.append(f"{method} {url}: {exc}")
            return None
        with self.lock:
            self.timings.append(time.perf_counter() - started)
            if response.status_code not in expect:
                self.errors.append(f"{method} {url}: {response.status_code}")
        return response


def _steps(n: int) -> dict[int, dict]:
    """The form's steps as tests.soknader.journey fills them, each applicant with their own
    organisation, people and title, saved without moving on (no "neste")."""
    from tests.soknader import journey

    def step(data: dict, **own) -> dict:
        return {**{k: v for k, v in data.items() if k != "neste"}, **own}

    return {
        1: step(
            journey.STEP1,
            org_navn=f"Bedrift {n} AS",
            kontakt_navn=f"Søker {n}",
            kontakt_epost=f"soker{n}@kontor.example",
            prosjektleder_navn=f"Leder {n}",
            prosjektleder_epost=f"leder{n}@kontor.example",
        ),
        2: step(journey.STEP2, tittel=f"Prosjekt {n}"),
        3: step(journey.STEP3),
        4: step(journey.STEP4),
    }


def applicant(n: int, base_url: str, deadline: float, meter: Meter) -> None:
    """One person at the office: a draft, its steps saved round after round as they work,
    the application sent after a few rounds, then the receipt page read until the end."""
    import requests

    session = requests.Session()
    if meter.call(session, "GET", base_url + "/soknad/") is None:
        return
    csrf = {"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
    made = meter.call(session, "POST", base_url + "/soknad/", data=csrf, expect=(302,))
    if made is None or made.status_code != 302:
        return
    draft = base_url + made.headers["Location"].rsplit("steg/", 1)[0]
    steps = _steps(n)
    send_after = 1 + n % 4
    sent_page = None
    for round_ in range(MAX_ROUNDS):
        if time.monotonic() > deadline:
            break
        if sent_page:
            meter.call(session, "GET", sent_page)
            continue
        for steg, data in steps.items():
            meter.call(session, "GET", f"{draft}steg/{steg}/")
            meter.call(session, "POST", f"{draft}steg/{steg}/", data={**data, **csrf, "lagre": "1"})
        if round_ == 0:
            meter.call(
                session,
                "POST",
                f"{draft}steg/5/",
                data={"type": "prosjektplan", "last_opp": "1", **csrf},
                files={"fil": ("plan.pdf", PDF, "application/pdf")},
            )
        if round_ + 1 >= send_after:
            response = meter.call(
                session,
                "POST",
                f"{draft}steg/6/",
                data={"bekreft": "on", "send": "1", **csrf},
                expect=(302,),
            )
            location = response.headers.get("Location", "") if response is not None else ""
            if location.rstrip("/").endswith("sendt"):
                sent_page = base_url + location
                with meter.lock:
                    meter.submitted.append(n)
            elif response is not None:
                with meter.lock:
                    meter.errors.append(f"applicant {n}: the submit did not reach the receipt")


def integrity(expected: int) -> list[str]:
    """What is wrong with the submitted applications: each once, its own case number, its
    snapshot, and a receipt to both its contact person and its project leader."""
    from django.db.models import Count

    from notifications.models import Message
    from soknader.models import InnsendtSoknad, Soknad

    problems = []
    sent = list(Soknad.objects.filter(status=Soknad.Status.SENDT))
    if len(sent) != expected:
        problems.append(f"{len(sent)} applications sent, the applicants saw {expected}")
    numbers = [s.saksnummer for s in sent]
    if None in numbers or "" in numbers:
        problems.append("a sent application has no case number")
    if len(set(numbers)) != len(numbers):
        problems.append("two applications share a case number")
    titles = Soknad.objects.filter(status=Soknad.Status.SENDT).values("tittel")
    doubled = titles.annotate(n=Count("id")).filter(n__gt=1)
    if doubled.exists():
        problems.append(f"sent more than once: {[d['tittel'] for d in doubled]}")
    snapshots = dict(
        InnsendtSoknad.objects.values_list("soknad_id")
        .annotate(n=Count("id"))
        .values_list("soknad_id", "n")
    )
    receipts = set(Message.objects.filter(template="receipt").values_list("key", flat=True))
    for soknad in sent:
        if snapshots.get(soknad.pk) != 1:
            problems.append(f"{soknad.saksnummer}: {snapshots.get(soknad.pk, 0)} snapshots")
        for address in (soknad.kontakt_epost, soknad.prosjektleder_epost):
            if f"mottaksbrev:{soknad.pk}:{address}" not in receipts:
                problems.append(f"{soknad.saksnummer}: no receipt to {address}")
    return problems


def main() -> None:
    from tests.factories import ProgramFactory

    with throwaway_database(), tempfile.TemporaryDirectory(prefix="bench-load-") as var:
        ProgramFactory()
        from django.db import connection

        connection.close()  # gunicorn's workers take over; this process only checks after
        with Gunicorn(_environment(Path(var))) as server:
            meter = Meter()
            deadline = time.monotonic() + SECONDS
            threads = [
                threading.Thread(target=applicant, args=(n, server.url, deadline, meter))
                for n in range(APPLICANTS)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=SECONDS + 120)
            seconds = time.perf_counter() - started
        timings = sorted(meter.timings)
        p50 = statistics.median(timings) * 1000 if timings else 0.0
        p95 = statistics.quantiles(timings, n=20)[-1] * 1000 if len(timings) > 1 else p50
        detail = f"({APPLICANTS} applicants from one address, {seconds:.0f} s, gunicorn "
        detail += f"{WORKERS}×{THREADS})"
        report("load: requests", len(timings), "requests", detail)
        report("load: requests per second", len(timings) / seconds, "requests/s")
        report("load: errors (status not expected, or no answer)", len(meter.errors), "errors")
        report("load: p50 response time", p50, "ms")
        report("load: p95 response time", p95, "ms")
        report("load: applications sent", len(meter.submitted), "applications")
        for error in meter.errors[:10]:
            print(f"  error: {error}", flush=True)
        problems = integrity(len(meter.submitted))
        verdict = "passed" if not problems else f"FAILED ({len(problems)} problems)"
        print(f"load: integrity check (each once, own case number, snapshot, receipts): {verdict}")
        for problem in problems[:20]:
            print(f"  {problem}", flush=True)
        if meter.errors or problems or len(meter.submitted) < APPLICANTS:
            raise SystemExit(
                f"load test failed: {len(meter.errors)} errors, {len(problems)} integrity "
                f"problems, {len(meter.submitted)} of {APPLICANTS} applicants sent"
            )
