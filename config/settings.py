"""Django settings for Omstilling. Everything variable comes from config.env."""

import importlib.util
import ipaddress
import secrets

import dj_database_url
from celery.schedules import crontab

from config import env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Development defaults (make run); production sets DJANGO_DEBUG=0 and the secrets.
DEBUG = env.get_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.require(
    "DJANGO_SECRET_KEY",
    debug=DEBUG,
    dev_default="dev-only-insecure-key-not-for-production",
    why="it signs sessions, login links and CSRF tokens.",
)
ALLOWED_HOSTS = env.get_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.get_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.get("SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "viewflow",
    "viewflow.workflow",
    "anymail",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "felles",
    "konto",
    "handlingsplan",
    "soknader",
    "plp",
    "workflow",
    "notifications",
    "rapportering",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "konto.sesjon.StaffSessionMiddleware",
    "konto.middleware.TofaktorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite for `make run`, PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'omstilling.sqlite3'}",
        conn_max_age=int(env.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the lock instead of failing at once when worker and web write together.
    # Web, worker and beat share the file: take the write lock at BEGIN (a deferred
    # transaction that upgrades fails at once with "database is locked") and use WAL
    # so readers do not block the writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Staff login, two factors, staff sessions, HTTPS and the Content-Security-Policy.
from config.security import *  # noqa: E402, F403

# Language and time: Norwegian bokmål first, English second; Europe/Oslo.
LANGUAGE_CODE = "nb"
# Source strings are bokmål; config/locale/en holds the English translation.
LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# whitenoise warns on every request handler when the folder is missing (before collectstatic).
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.staticfiles.ManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Celery: Redis when REDIS_URL is set, otherwise a broker on the file system
# that needs no server (for `make run`).
REDIS_URL = env.get("REDIS_URL")
CELERY_BROKER_URL = env.get("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
# Tasks are enqueued after a request's commit: a broker that refuses or hangs must cost
# that request well under a second, not kombu's default of about 6 s of reconnecting (or
# forever, on a connection that never answers). One attempt and one immediate retry, short
# socket timeouts (Redis's options; the file-system broker ignores them); what was not
# enqueued stays queued in the outbox and its sweep sends it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "socket_connect_timeout": float(env.get("CELERY_BROKER_CONNECT_TIMEOUT", "0.5")),
    "socket_timeout": float(env.get("CELERY_BROKER_SOCKET_TIMEOUT", "1")),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# After one failed publish, a process skips publishing for this many seconds
# (felles.publisering): a request pays one broker timeout, not one per task.
CELERY_PUBLISH_PAUSE = float(env.get("CELERY_PUBLISH_PAUSE", "30"))
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    # kombu does not create the folder: without it the first send or poll fails.
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.get_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Results are off unless asked for (e.g. redis://..., or file:///path for a worker with no server).
CELERY_RESULT_BACKEND = env.get("CELERY_RESULT_BACKEND") or None
# config's own tasks (health_check), named here as well as found by autodiscovery.
CELERY_IMPORTS = ["config.tasks"]

# E-mail: written to files in var/mail for `make run`; an anymail provider
# in production (EMAIL_PROVIDER=mailgun|postmark|sendgrid|brevo|...).
EMAIL_PROVIDER = (env.get("EMAIL_PROVIDER") or "").strip().lower()
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Omstilling Sel <post@omstilling.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_PROVIDER:
    # A misspelt provider would otherwise only fail when the first e-mail is sent.
    if importlib.util.find_spec(f"anymail.backends.{EMAIL_PROVIDER}") is None:
        raise env.ImproperlyConfigured(
            f"EMAIL_PROVIDER={EMAIL_PROVIDER!r} is not an e-mail provider django-anymail knows "
            "(e.g. mailgun, postmark, sendgrid, brevo, amazon_ses)."
        )
    EMAIL_BACKEND = f"anymail.backends.{EMAIL_PROVIDER}.EmailBackend"
    ANYMAIL = {
        f"{EMAIL_PROVIDER.upper()}_API_KEY": env.require(
            "EMAIL_PROVIDER_API_KEY",
            debug=DEBUG,
            dev_default="",
            why=f"the {EMAIL_PROVIDER} e-mail provider needs its API key.",
        ),
        "WEBHOOK_SECRET": env.require(
            "ANYMAIL_WEBHOOK_SECRET",
            debug=DEBUG,
            dev_default="dev:webhook",
            why="delivery webhooks are authenticated with it (user:password).",
        ),
    }
else:
    if not DEBUG and not env.get("EMAIL_BACKEND"):
        raise env.ImproperlyConfigured(
            "EMAIL_PROVIDER is not set. With DJANGO_DEBUG off, choose an e-mail provider "
            "(e.g. EMAIL_PROVIDER=mailgun) or set EMAIL_BACKEND explicitly."
        )
    EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
    EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(env.get("EMAIL_PORT", "1025"))
    ANYMAIL = {
        "WEBHOOK_SECRET": env.require(
            "ANYMAIL_WEBHOOK_SECRET",
            debug=DEBUG,
            dev_default="dev:webhook",
            why="delivery webhooks are authenticated with it (user:password).",
        )
    }

if not DEBUG:
    SESSION_COOKIE_SECURE = env.get_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
}

# Applications (soknader): attachments live outside MEDIA_ROOT's public part and are
# served only by an access-checked view; Enhetsregisteret must answer fast or be skipped.
SOKNAD_VEDLEGG_ROOT = env.get("SOKNAD_VEDLEGG_ROOT") or str(VAR_DIR / "private" / "vedlegg")
SOKNAD_VEDLEGG_MAKS_BYTE = int(env.get("SOKNAD_VEDLEGG_MAKS_BYTE", str(10 * 1024 * 1024)))
SOKNAD_VEDLEGG_MAKS_ANTALL = int(env.get("SOKNAD_VEDLEGG_MAKS_ANTALL", "10"))
# Refused files (too large, wrong type, a zip bomb) per draft and day: past it, none is read.
SOKNAD_VEDLEGG_MAKS_AVVIST = (int(env.get("SOKNAD_VEDLEGG_MAKS_AVVIST", "20")), 24 * 3600)
DATA_UPLOAD_MAX_MEMORY_SIZE = SOKNAD_VEDLEGG_MAKS_BYTE + 1024 * 1024
ENHETSREGISTERET_URL = env.get(
    "ENHETSREGISTERET_URL", "https://data.brreg.no/enhetsregisteret/api"
).rstrip("/")
ENHETSREGISTERET_TIMEOUT = float(env.get("ENHETSREGISTERET_TIMEOUT", "3"))
# Rate limits as (count, seconds). They bite where abuse starts and leave room for an
# office of applicants behind one address: new drafts per client address; login links per
# client address (four times the count) and per e-mail address; draft links to a changed
# contact address per draft and per address. Sending a completed application is never
# limited.
SOKNAD_RATE_NY = (int(env.get("SOKNAD_RATE_NY", "200")), 3600)
SOKNAD_RATE_INNLOGGINGSLENKE = (5, 3600)
SOKNAD_RATE_UTKASTLENKE = (3, 24 * 3600)

# The cache holds the rate limits, shared by every process and kept across restarts: Redis
# in production (CACHE_URL, else REDIS_URL), a folder in var/ for `make run`. A cache that
# does not answer within half a second lets the request through uncounted.
CACHE_URL = env.get("CACHE_URL") or REDIS_URL or ""
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "omstilling",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_URL.removeprefix("file://") or str(VAR_DIR / "cache"),
        }
    }
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-
# separated); from anyone else only the connection's own address counts.
TRUSTED_PROXIES = env.get_list("TRUSTED_PROXIES", [])
try:
    _trusted = [ipaddress.ip_network(n, strict=False) for n in TRUSTED_PROXIES]
except ValueError as exc:
    raise env.ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from exc

# Min side: applicants log in by a one-time link (django-sesame), no password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login (konto.axes)
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",
]
SESAME_MAX_AGE = 30 * 60
SESAME_ONE_TIME = True

# Notifications: the beat schedule of the outbox and reminder sweeps, and the key that
# signs Mailgun's delivery webhooks (notifications/urls.py).
CELERY_BEAT_SCHEDULE = {
    "notifications-outbox-sweep": {
        "task": "notifications.tasks.outbox_sweep_task",
        "schedule": 60.0,
    },
    "notifications-reminder-sweep": {
        "task": "notifications.tasks.reminder_sweep_task",
        "schedule": 120.0,
    },
    "workflow-timers": {"task": "workflow.tasks.workflow_timers_task", "schedule": 60.0},
    "workflow-vedtaksbrev": {"task": "workflow.tasks.vedtak_brev_sweep_task", "schedule": 300.0},
    "workflow-tilsagn-bortfall": {
        "task": "workflow.tasks.tilsagn_bortfall_task",
        "schedule": 3600.0,
    },
    "plp-faser": {"task": "plp.tasks.fase_opprett_sweep_task", "schedule": 300.0},
    "plp-oppstartsfrist": {"task": "plp.tasks.oppstart_sweep_task", "schedule": 3600.0},
    "plp-prosjektsaker": {
        "task": "plp.tasks.prosjektsak_oppgaver_sweep_task",
        "schedule": 300.0,
    },
    "notifications-daily-digest": {
        "task": "notifications.tasks.digest_daily_task",
        "schedule": crontab(hour=6, minute=30),
    },
}
NOTIFICATIONS_MAX_ATTEMPTS = int(env.get("NOTIFICATIONS_MAX_ATTEMPTS", "5"))
# A delivery webhook signed longer ago (or ahead) than this many seconds is refused.
NOTIFICATIONS_WEBHOOK_MAX_AGE = int(env.get("NOTIFICATIONS_WEBHOOK_MAX_AGE", "300"))
if EMAIL_PROVIDER == "mailgun":
    ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"] = env.require(
        "MAILGUN_WEBHOOK_SIGNING_KEY",
        debug=DEBUG,
        dev_default="dev-mailgun-signing-key",
        why="Mailgun signs its delivery webhooks with it.",
    )
else:
    # The endpoint exists but no provider calls it: an unguessable key outside development.
    ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"] = env.get("MAILGUN_WEBHOOK_SIGNING_KEY") or (
        "dev-mailgun-signing-key" if DEBUG else secrets.token_hex(32)
    )
