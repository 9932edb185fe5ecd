"""docker-compose.yml and the Dockerfile, checked without Docker.

Every command a service runs must name modules, apps and subcommands that exist, and the
settings must start with exactly the environment compose gives the containers.
"""

import json
import re
import shlex
import tomllib
from fnmatch import fnmatch
from urllib.parse import urlsplit

import pytest
import yaml
from celery.worker.control import Panel
from django.core.management import get_commands
from django.urls import resolve

from tests.settings_probe import REPO, base_env, run_python, settings_with

APP_SERVICES = ("web", "worker", "beat")
SERVICES = (*APP_SERVICES, "db", "redis", "mail")

# What the operator provides from the shell or .env (`${NAME:?...}` in the compose file).
OPERATOR = {
    "DJANGO_SECRET_KEY": "k3v-0ZxQy8pLw2Rt7uN4mB9sC1dF6gH5jA0eE3iO8aU2yT7rW4qP",
    "POSTGRES_PASSWORD": "db-password",
    "ANYMAIL_WEBHOOK_SECRET": "hooks:hook-password",
}

_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)")


def interpolate(value, variables: dict[str, str]):
    """Compose's variable substitution: ${A}, ${A:-default}, ${A-default}, ${A:?error}, $$."""
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg")
        given = variables.get(name)
        missing = given is None or (given == "" and op is not None and op.startswith(":"))
        if op and op.endswith("?") and missing:
            raise KeyError(f"{name}: {arg}")
        if op and op.endswith("-") and missing:
            return arg
        return given or ""

    return _VARIABLE.sub(substitute, value)


def compose_file() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def compose() -> dict:
    return interpolate(compose_file(), OPERATOR)


@pytest.fixture(scope="module")
def app_env(compose) -> dict[str, str]:
    return {name: str(value) for name, value in compose["services"]["web"]["environment"].items()}


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = (REPO / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            instruction, _, arguments = line.strip().partition(" ")
            found.append((instruction.upper(), arguments.strip()))
    return found


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def healthcheck_command(service: dict) -> list[str]:
    test = service["healthcheck"]["test"]
    if isinstance(test, str):
        return shlex.split(test)
    kind, *rest = test
    return shlex.split(rest[0]) if kind == "CMD-SHELL" else rest


# The file's shape ---------------------------------------------------------------------------


def test_the_six_services_exist(compose):
    assert set(SERVICES) <= set(compose["services"])


def test_web_worker_and_beat_share_one_image_and_one_environment(compose):
    services = compose["services"]
    web = services["web"]
    assert web["build"] == "."
    for name in APP_SERVICES:
        assert services[name]["build"] == web["build"], name
        assert services[name]["image"] == web["image"], name
        assert services[name]["environment"] == web["environment"], name


def test_secrets_come_from_the_operator_not_from_the_file():
    raw_env = compose_file()["services"]["web"]["environment"]
    for name in ("DJANGO_SECRET_KEY", "ANYMAIL_WEBHOOK_SECRET"):
        assert raw_env[name].startswith(f"${{{name}:?"), name
    with pytest.raises(KeyError, match="DJANGO_SECRET_KEY"):
        interpolate(compose_file(), {})


def test_environment_is_production_with_the_services_it_names(compose, app_env):
    assert app_env["DJANGO_DEBUG"] == "0"
    assert urlsplit(app_env["DATABASE_URL"]).hostname == "db"
    assert urlsplit(app_env["REDIS_URL"]).hostname == "redis"
    assert app_env["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert app_env["EMAIL_HOST"] == "mail"
    assert app_env["EMAIL_PORT"] in [str(port) for port in compose["services"]["mail"]["expose"]]


def test_database_url_matches_the_postgres_service(compose, app_env):
    url = urlsplit(app_env["DATABASE_URL"])
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:15")
    assert url.username == db["environment"]["POSTGRES_USER"]
    assert url.password == db["environment"]["POSTGRES_PASSWORD"] == OPERATOR["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == db["environment"]["POSTGRES_DB"]


def test_every_variable_given_is_one_the_settings_read(app_env):
    source = "".join(
        (REPO / "config" / name).read_text() for name in ("settings.py", "security.py", "env.py")
    )
    unread = [name for name in app_env if f'"{name}"' not in source]
    assert unread == [], f"compose sets variables the settings never read: {unread}"


def test_db_and_redis_have_healthchecks_the_apps_wait_for(compose):
    services = compose["services"]
    assert healthcheck_command(services["db"])[0] == "pg_isready"
    assert healthcheck_command(services["redis"]) == ["redis-cli", "ping"]
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name


def test_migrations_run_once_before_the_apps(compose):
    migrate = compose["services"]["migrate"]
    assert migrate["image"] == compose["services"]["web"]["image"]
    assert migrate["environment"] == compose["services"]["web"]["environment"]
    assert command_of(migrate)[:3] == ["python", "manage.py", "migrate"]
    assert migrate["restart"] == "no"


def test_postgres_data_and_media_live_in_volumes(compose):
    volumes = compose["volumes"]
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    workdir = next(args for op, args in dockerfile_instructions() if op == "WORKDIR")
    for name in APP_SERVICES:
        # MEDIA_ROOT is var/media under the code (BASE_DIR), which the image puts in WORKDIR.
        assert f"media:{workdir}/var/media" in compose["services"][name]["volumes"], name
    assert {"pgdata", "media"} <= set(volumes)


def test_mail_catcher_takes_smtp_and_shows_the_mail(compose):
    mail = compose["services"]["mail"]
    assert "1025" in [str(port) for port in mail["expose"]]
    assert "8025:8025" in mail["ports"]


# The commands name things that exist --------------------------------------------------------


def test_manage_py_commands_exist(compose):
    commands = get_commands()
    for name, service in compose["services"].items():
        if "command" in service and command_of(service)[:2] == ["python", "manage.py"]:
            assert command_of(service)[2] in commands, name


def test_gunicorn_loads_the_wsgi_application_with_the_compose_environment(
    compose, app_env, tmp_path
):
    command = command_of(compose["services"]["web"])
    assert command[0] == "gunicorn"
    assert command[1] == "config.wsgi:application"

    checked = run_python(base_env(tmp_path, **app_env), "-m", *command, "--check-config")

    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize(
    ("service", "command_from"), [("worker", command_of), ("beat", command_of)]
)
def test_celery_commands_parse_with_the_config_app(
    compose, app_env, tmp_path, service, command_from
):
    command = command_from(compose["services"][service])
    assert command[:3] == ["celery", "-A", "config"]

    parsed = run_python(base_env(tmp_path, **app_env), "-m", *command, "--help")

    assert parsed.returncode == 0, parsed.stderr or parsed.stdout


def test_worker_healthcheck_pings_the_worker(compose, app_env, tmp_path):
    command = healthcheck_command(compose["services"]["worker"])
    assert command[:5] == ["celery", "-A", "config", "inspect", "ping"]
    assert "ping" in Panel.meta
    assert "--destination" in command and command[command.index("--destination") + 1] == (
        "celery@$HOSTNAME"
    )

    parsed = run_python(base_env(tmp_path, **app_env), "-m", *command, "--help")

    assert parsed.returncode == 0, parsed.stderr or parsed.stdout


def test_web_healthcheck_asks_for_a_page_that_exists(compose, app_env):
    code = healthcheck_command(compose["services"]["web"])[-1]
    url = urlsplit(re.search(r"'(http://[^']+)'", code).group(1))

    assert url.hostname in app_env["DJANGO_ALLOWED_HOSTS"].split(",")
    assert url.port == 8000
    assert resolve(url.path)


def test_celery_app_config_has_the_health_check_and_uses_redis(app_env, tmp_path):
    probe = (
        "from celery.app.utils import find_app\n"
        "app = find_app('config')\n"
        "app.loader.import_default_modules()\n"
        "assert 'config.tasks.health_check' in app.tasks, sorted(app.tasks)\n"
        "print(app.conf.broker_url)\n"
    )

    found = run_python(base_env(tmp_path, **app_env), "-c", probe)

    assert found.returncode == 0, found.stderr
    assert found.stdout.strip().splitlines()[-1] == app_env["REDIS_URL"]


# The settings start with exactly this environment -------------------------------------------


def test_settings_start_with_the_compose_environment(app_env, tmp_path):
    # OMSTILLING_VAR_DIR only keeps this machine's file system out of it: in the image the
    # default (var/ under the code) is used.
    settings = settings_with(base_env(tmp_path, **app_env))

    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == OPERATOR["DJANGO_SECRET_KEY"]
    assert settings["DB_ENGINE"] == "django.db.backends.postgresql"
    assert settings["DB_HOST"] == "db"
    assert settings["CELERY_BROKER_URL"] == app_env["REDIS_URL"]
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("mail", 1025)
    assert settings["SITE_URL"] == app_env["SITE_URL"]


def test_deploy_checks_find_no_error_with_the_compose_environment(app_env, tmp_path):
    checked = run_python(
        base_env(tmp_path, **app_env), "manage.py", "check", "--deploy", "--fail-level", "ERROR"
    )

    assert checked.returncode == 0, checked.stderr


# The Dockerfile -----------------------------------------------------------------------------


def test_dockerfile_builds_from_python_311_slim_and_installs_with_the_constraints():
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    runs = [args for op, args in instructions if op == "RUN"]
    assert any("pip install -c constraints.txt ." in run for run in runs)


def test_dependency_layer_has_every_file_the_project_metadata_needs():
    # The first COPY carries only what `pip install .` reads before the code is copied.
    first_copy = shlex.split(next(args for op, args in dockerfile_instructions() if op == "COPY"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    readme = project.get("readme")
    needed = {"pyproject.toml", "constraints.txt"}
    if isinstance(readme, str):
        needed.add(readme)
    elif isinstance(readme, dict) and "file" in readme:
        needed.add(readme["file"])
    assert needed <= set(first_copy[:-1])


def test_image_has_the_system_libraries_weasyprint_loads():
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    if not any(dependency.lower().startswith("weasyprint") for dependency in dependencies):
        pytest.skip("WeasyPrint is not a dependency")
    runs = " ".join(args for op, args in dockerfile_instructions() if op == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in runs, package


def test_dockerfile_copies_files_that_exist_and_are_not_ignored():
    ignored = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    copies = [shlex.split(args) for op, args in dockerfile_instructions() if op == "COPY"]
    sources = [source for *sources, _ in copies for source in sources]
    assert "." in sources, "the code itself must be copied"
    for source in [s for s in sources if s != "."]:
        assert (REPO / source).exists(), source
    needed = ["manage.py", "config/wsgi.py", "config/celery.py", "config/tasks.py", *sources]
    for path in needed:
        if path == ".":
            continue
        assert not any(
            fnmatch(path, pattern) or path.startswith(f"{pattern}/") for pattern in ignored
        ), path


def test_dockerfile_default_command_is_the_web_server(compose):
    cmd = next(args for op, args in dockerfile_instructions() if op == "CMD")

    assert json.loads(cmd)[:2] == command_of(compose["services"]["web"])[:2]


# The build's collectstatic, with the settings of DEBUG off, minus whitenoise's gzip and brotli
# pass over every file: that takes minutes on a busy machine and is not what breaks a build;
# hashing does (a stylesheet naming a file that is not there).
_COLLECTSTATIC_HASHING_ONLY = """
import sys

import django
from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

CompressedManifestStaticFilesStorage.compress_files = lambda self, paths: iter(())
django.setup()
call_command(*sys.argv[1:])
"""


def test_collectstatic_step_of_the_build_works(tmp_path):
    runs = [args for op, args in dockerfile_instructions() if op == "RUN"]
    step = next(part for run in runs for part in run.split("&&") if "collectstatic" in part)
    words = shlex.split(step)
    assignments = dict(word.split("=", 1) for word in words if re.match(r"^\w+=", word))
    command = [word for word in words if not re.match(r"^\w+=", word)]
    assert command[:3] == ["python", "manage.py", "collectstatic"]

    collected = run_python(
        base_env(tmp_path, **assignments), "-c", _COLLECTSTATIC_HASHING_ONLY, *command[2:]
    )

    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((tmp_path / "staticfiles" / "staticfiles.json").read_text())
    assert manifest["paths"], "no file was hashed"
