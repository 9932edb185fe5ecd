"""The settings' guarantees: what the environment switches, and what stops start-up.

Each case runs in its own interpreter with a controlled environment (tests/settings_probe.py).
"""

import json

from tests.settings_probe import base_env, run_python, settings_with, startup_error

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-test",
    "ANYMAIL_WEBHOOK_SECRET": "hook:secret",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_defaults_need_no_service(tmp_path):
    settings = settings_with(base_env(tmp_path))

    assert settings["DEBUG"] is True
    assert settings["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DB_NAME"] == str(tmp_path / "omstilling.sqlite3")
    assert settings["CELERY_BROKER_URL"] == "filesystem://"
    queue = str(tmp_path / "celery" / "queue")
    assert settings["CELERY_BROKER_TRANSPORT_OPTIONS"]["data_folder_in"] == queue
    assert settings["CELERY_BROKER_TRANSPORT_OPTIONS"]["data_folder_out"] == queue
    assert settings["CELERY_RESULT_BACKEND"] is None
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert settings["MEDIA_ROOT"] == str(tmp_path / "media")


def test_production_settings_start_with_every_secret(tmp_path):
    settings = settings_with(base_env(tmp_path, **PRODUCTION))

    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == PRODUCTION["DJANGO_SECRET_KEY"]


def test_missing_secret_key_stops_startup_when_debug_is_off(tmp_path):
    env = base_env(tmp_path, **PRODUCTION)
    del env["DJANGO_SECRET_KEY"]

    error = startup_error(env)

    assert "ImproperlyConfigured" in error
    assert "DJANGO_SECRET_KEY is not set" in error
    assert "DJANGO_DEBUG is off" in error


def test_empty_secret_key_counts_as_missing(tmp_path):
    error = startup_error(base_env(tmp_path, **{**PRODUCTION, "DJANGO_SECRET_KEY": ""}))

    assert "DJANGO_SECRET_KEY is not set" in error


def test_missing_webhook_secret_stops_startup_when_debug_is_off(tmp_path):
    env = base_env(tmp_path, **PRODUCTION)
    del env["ANYMAIL_WEBHOOK_SECRET"]

    assert "ANYMAIL_WEBHOOK_SECRET is not set" in startup_error(env)


def test_no_way_to_send_mail_stops_startup_when_debug_is_off(tmp_path):
    env = base_env(tmp_path, **PRODUCTION)
    del env["EMAIL_BACKEND"]

    assert "EMAIL_PROVIDER is not set" in startup_error(env)


def test_email_provider_without_api_key_stops_startup(tmp_path):
    env = base_env(tmp_path, **PRODUCTION, EMAIL_PROVIDER="mailgun")
    del env["EMAIL_BACKEND"]

    error = startup_error(env)

    assert "EMAIL_PROVIDER_API_KEY is not set" in error
    assert "mailgun" in error


def test_email_provider_with_api_key_selects_its_anymail_backend(tmp_path):
    env = base_env(tmp_path, **PRODUCTION, EMAIL_PROVIDER="Postmark", EMAIL_PROVIDER_API_KEY="k")
    del env["EMAIL_BACKEND"]

    assert settings_with(env)["EMAIL_BACKEND"] == "anymail.backends.postmark.EmailBackend"


def test_unknown_email_provider_stops_startup(tmp_path):
    error = startup_error(base_env(tmp_path, EMAIL_PROVIDER="mailgum"))

    assert "EMAIL_PROVIDER='mailgum' is not an e-mail provider" in error


def test_invalid_debug_value_is_a_clear_error(tmp_path):
    error = startup_error(base_env(tmp_path, DJANGO_DEBUG="maybe"))

    assert "DJANGO_DEBUG must be one of 1/0, true/false, yes/no; got 'maybe'" in error


def test_database_url_switches_to_postgresql(tmp_path):
    env = base_env(tmp_path, DATABASE_URL="postgres://omst:pw@db.example:5432/omstilling")

    settings = settings_with(env)

    assert settings["DB_ENGINE"] == "django.db.backends.postgresql"
    assert settings["DB_NAME"] == "omstilling"
    assert settings["DB_HOST"] == "db.example"


def test_redis_url_switches_the_celery_broker(tmp_path):
    settings = settings_with(base_env(tmp_path, REDIS_URL="redis://cache.example:6379/3"))

    assert settings["CELERY_BROKER_URL"] == "redis://cache.example:6379/3"
    options = settings["CELERY_BROKER_TRANSPORT_OPTIONS"]
    assert "data_folder_in" not in options  # no file-system broker folders
    # A down or hung broker costs a request that enqueues well under a second.
    assert options["max_retries"] == 1 and options["interval_start"] == 0
    assert options["socket_connect_timeout"] <= 0.5 and options["socket_timeout"] <= 1


def test_result_backend_comes_from_the_environment(tmp_path):
    backend = f"file://{tmp_path}/results"

    settings = settings_with(base_env(tmp_path, CELERY_RESULT_BACKEND=backend))

    assert settings["CELERY_RESULT_BACKEND"] == backend


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    env = base_env(tmp_path, **{**PRODUCTION, "DJANGO_SECRET_KEY": "k" * 30 + "-x7Q" * 10})

    result = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _security(env) -> dict:
    result = run_python(env, "-c", _SECURITY_PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


_SECURITY_PROBE = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "TOFAKTOR_PAKREVD", "STAFF_SESSION_SECONDS", "SESSION_COOKIE_SECURE",
)}))
"""


def test_production_redirects_to_https_sends_hsts_and_requires_two_factors(tmp_path):
    settings = _security(base_env(tmp_path, **PRODUCTION))

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["TOFAKTOR_PAKREVD"] is True
    assert settings["STAFF_SESSION_SECONDS"] == 9 * 3600


def test_https_redirect_and_hsts_are_switched_by_the_environment(tmp_path):
    env = base_env(tmp_path, **PRODUCTION, DJANGO_SSL_REDIRECT="0", DJANGO_HSTS_SECONDS="0")

    settings = _security(env)

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_make_run_offers_two_factors_but_does_not_force_them(tmp_path):
    settings = _security(base_env(tmp_path))

    assert settings["TOFAKTOR_PAKREVD"] is False
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
