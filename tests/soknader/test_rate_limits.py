"""Rate limits: in the shared cache, keyed on the client as the trusted proxy reports it,
biting where abuse starts and never at the final submit of a completed application."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from notifications.models import Message
from soknader.models import InnsendtSoknad, Soknad
from soknader.ratelimit import client_address, rate_limit_hit
from tests.factories import ProgramFactory

from . import journey

pytestmark = pytest.mark.django_db


def _address(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # Behind the proxy: the address the proxy added, not the one the client wrote before it.
    assert _address("10.0.0.5", "6.6.6.6, 203.0.113.7") == "203.0.113.7"
    # A chain of trusted proxies is walked through.
    assert _address("10.0.0.5", "203.0.113.7, 10.0.0.9") == "203.0.113.7"
    # Straight from the internet, a written header is ignored.
    assert _address("198.51.100.4", "203.0.113.7") == "198.51.100.4"
    # Garbage in the header stops the walk at the last good address.
    assert _address("10.0.0.5", "nonsense") == "10.0.0.5"
    settings.TRUSTED_PROXIES = []
    assert _address("10.0.0.5", "203.0.113.7") == "10.0.0.5"


def test_behind_a_proxy_each_client_has_its_own_limit(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SOKNAD_RATE_NY = (2, 3600)
    ProgramFactory()
    client = Client(REMOTE_ADDR="127.0.0.1")
    for _ in range(2):
        assert client.post("/soknad/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 302
    assert client.post("/soknad/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    # Everyone behind the same proxy does not share the first client's limit.
    assert client.post("/soknad/", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 302


def test_counters_count_in_the_cache_and_expire_with_it():
    assert rate_limit_hit("k", limit=2, window=60)
    assert rate_limit_hit("k", limit=2, window=60)
    assert not rate_limit_hit("k", limit=2, window=60)
    cache.clear()  # a restart keeps the shared cache; only emptying it starts afresh
    assert rate_limit_hit("k", limit=2, window=60)


def test_shipped_settings_share_the_cache_between_processes():
    """Production settings name a cache every worker shares (not each process's memory)."""
    import subprocess
    import sys

    probe = (
        "import django;from django.conf import settings;django.setup();"
        "print(settings.CACHES['default']['BACKEND'])"
    )

    def backend(**environ):
        import os

        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL")}
        env |= {"DJANGO_SETTINGS_MODULE": "config.settings", **environ}
        out = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        return out.stdout.strip()

    assert backend(REDIS_URL="redis://127.0.0.1:6379/0").endswith("RedisCache")
    assert backend().endswith("FileBasedCache")


def test_changing_the_contact_address_mails_the_link_only_so_often(client, settings):
    settings.SOKNAD_RATE_UTKASTLENKE = (3, 24 * 3600)
    ProgramFactory()
    token = journey.start(client)
    for n in range(10):
        response = client.post(
            journey.step_url(token, 1),
            {**journey.STEP1, "kontakt_epost": f"offer{n}@annen.example", "lagre": "1"},
            follow=True,
        )
        assert response.status_code == 200
    sent = Message.objects.filter(template="soknad_utkast")
    assert sent.count() == 3  # it was 10 e-mails to 10 addresses
    assert "adressen er endret for mange ganger" in response.content.decode()
    # The address itself is saved; only the mail was held back.
    assert journey.soknad_of(token).kontakt_epost == "offer9@annen.example"


def test_one_address_gets_only_so_many_draft_links_from_many_drafts(client, settings):
    settings.SOKNAD_RATE_UTKASTLENKE = (2, 24 * 3600)
    ProgramFactory()
    for _ in range(4):
        token = journey.start(client)
        client.post(journey.step_url(token, 1), {**journey.STEP1, "kontakt_epost": "x@y.example"})
    assert Message.objects.filter(template="soknad_utkast", to_email="x@y.example").count() == 2


def test_an_office_of_applicants_behind_one_address_can_all_submit():
    """More than twenty: the old limit on sending refused the twenty-first."""
    ProgramFactory()
    office = [Client(REMOTE_ADDR="192.0.2.10") for _ in range(25)]
    tokens = [
        journey.fill_and_submit(c, orgnr="988077917", epost=f"person{i}@kontor.example")
        for i, c in enumerate(office)
    ]
    assert len(set(tokens)) == 25
    assert Soknad.objects.filter(status=Soknad.Status.SENDT).count() == 25
    assert InnsendtSoknad.objects.count() == 25
