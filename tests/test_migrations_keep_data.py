"""Migrations keep existing data: a database filled by the demo data under the schema
before the case app is migrated to the latest schema, and every row comes through.

tests/fixtures/demo_before_case_app.json was dumped (dumpdata, without content types,
permissions, sessions and the admin log) from a database made by that code: migrated, the
2021 action plan imported, `seed_demo` run, and two more applications decided through
the flow's task pages (one granted by the board and accepted, with declarations, votes,
decision, tilsagn and letter; one rejected by delegated decision). Content types are
written as [app_label, model] and permissions as [codename, app_label, model], since
their ids differ from database to database.

The test migrates its database back to the leaf migrations of that schema (OLD_LEAVES;
other apps at their latest), loads the fixture into the historical models of that state
with every primary key kept, runs `migrate` as production does, and checks the data in
the historical models of the latest state (assert_demo_data_kept). It leaves the
database at the latest migrations.
"""

import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from viewflow.workflow.fields import FlowReferenceField, TaskReferenceField
from viewflow.workflow.nodes import Obsolete

FIXTURE = Path(__file__).parent / "fixtures" / "demo_before_case_app.json"

# The leaf migration of each project app in the schema the fixture was dumped from.
OLD_LEAVES = {
    "handlingsplan": "0004_faseinnstilling",
    "notifications": "0002_default_reminder_rules",
    "soknader": "0007_unntak",
    "workflow": "0001_initial",
}

# Where each case model of the fixture lives in the case app's schema. A model is read
# under its name there when the schema has that model, and under the fixture's name
# otherwise; a foreign key `behandling` is read as `sak` on a model that has `sak`.
MOVED = {
    "soknader.behandling": "workflow.sak",
    "soknader.behandlingsregler": "workflow.behandlingsregler",
    "soknader.mote": "workflow.mote",
    "soknader.opplysningskrav": "workflow.opplysningskrav",
    "soknader.innstilling": "workflow.innstilling",
    "soknader.habilitet": "workflow.habilitet",
    "soknader.stemme": "workflow.stemme",
    "soknader.vedtak": "workflow.vedtak",
    "soknader.tilsagn": "workflow.tilsagn",
    "soknader.brev": "workflow.brev",
    "soknader.unntak": "workflow.unntak",
    "soknader.sakshendelse": "workflow.hendelse",
    "soknader.hendelse": "soknader.soknadslogg",
}
RENAMED_FIELDS = {"behandling": "sak"}

# Rows later migrations add on purpose: the reminder rule (and its escalation) of the
# deadline to comment on a notice of cancellation (workflow 0008), and plp's reminder rules
# for its own kinds of deadline (plp 0003_prosjektfrister and the last payout request's,
# plp 0007), and the three steps of an appeal (workflow 0014).
ADDED_BY_MIGRATIONS = {"notifications.reminderrule": 7, "notifications.escalation": 7}

# Derived, not kept: felles sets the role groups' permissions after every migrate.
DERIVED = {("auth.group", "permissions")}


# -- The fixture -------------------------------------------------------------------------


@cache
def fixture_rows() -> tuple[dict, ...]:
    return tuple(json.loads(FIXTURE.read_text(encoding="utf-8")))


def fixture_counts() -> Counter:
    return Counter(row["model"] for row in fixture_rows())


def rows_of(label: str) -> dict:
    """pk -> fields of the fixture's rows of `label` (app_label.model)."""
    return {row["pk"]: row["fields"] for row in fixture_rows() if row["model"] == label}


# -- Migrating and loading ---------------------------------------------------------------


def project_apps() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in global_apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    }


def old_nodes(graph) -> list[tuple[str, str | None]]:
    """The old leaves of the project apps (none for a project app that had no migrations
    then) and the latest of every other app (Django's, viewflow's)."""
    latest = dict(graph.leaf_nodes())
    nodes = [(app, name) for app, name in latest.items() if app not in project_apps()]
    for app in sorted(project_apps() & set(latest)):
        nodes.append((app, OLD_LEAVES.get(app)))
    return nodes


def load_fixture(apps) -> None:
    """Every fixture row into the historical models `apps`, with its primary key, as
    loaddata saves (raw: no auto_now, no signals to the real models)."""
    content_type = content_type_resolver(apps)
    permission = permission_resolver(apps, content_type)
    later = []
    with transaction.atomic():
        for label in fixture_counts():
            model = apps.get_model(label)
            if model._base_manager.exists():  # rows that data migrations made
                model._base_manager.all().delete()
        for row in fixture_rows():
            model = apps.get_model(row["model"])
            obj = model(pk=row["pk"])
            for name, value in row["fields"].items():
                field = model._meta.get_field(name)
                if field.many_to_many:
                    if field.related_model._meta.label_lower == "auth.permission":
                        value = [permission(key) for key in value]
                    later.append((obj, name, value))
                elif field.is_relation:
                    if value is not None and field.related_model._meta.label_lower == (
                        "contenttypes.contenttype"
                    ):
                        value = content_type(value)
                    setattr(obj, field.attname, value)
                elif isinstance(field, (FlowReferenceField, TaskReferenceField)):
                    setattr(obj, field.attname, value)  # the stored reference, as it was
                else:
                    setattr(obj, field.attname, field.to_python(value))
            obj.save_base(raw=True, force_insert=True)
        for obj, name, value in later:
            getattr(obj, name).set(value)
    reset_sequences(apps)


def content_type_resolver(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")

    def resolve(key):
        app_label, model = key
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0].pk

    return resolve


def permission_resolver(apps, content_type):
    Permission = apps.get_model("auth", "Permission")

    def resolve(key):
        codename, app_label, model = key
        return Permission.objects.get_or_create(
            content_type_id=content_type((app_label, model)),
            codename=codename,
            defaults={"name": codename},
        )[0].pk

    return resolve


def reset_sequences(apps) -> None:
    """PostgreSQL's sequences past the loaded primary keys (SQLite needs nothing)."""
    models = [apps.get_model(label) for label in fixture_counts()]
    models += [f.remote_field.through for m in models for f in m._meta.local_many_to_many]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def empty_database() -> None:
    """Every table emptied but the migration history, whatever state it is in."""
    tables = [t for t in connection.introspection.table_names() if t != "django_migrations"]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# -- What must have come through ---------------------------------------------------------


def current_label(apps, label: str) -> str:
    moved = MOVED.get(label)
    if moved:
        try:
            apps.get_model(moved)
            return moved
        except LookupError:
            pass
    return label


def current_field(model, name: str) -> str:
    renamed = RENAMED_FIELDS.get(name)
    names = {f.name for f in model._meta.get_fields()}
    return renamed if renamed in names and name not in names else name


def content_type_key(apps, key):
    """The [app_label, model] a fixture content type must point to now."""
    if key is None:
        return None
    label = current_label(apps, ".".join(key))
    return label.split(".")


def dumped(apps, label: str) -> dict:
    """pk -> fields of the rows of `label` now, serialized as the fixture was, with
    content types and permissions by natural key."""
    model = apps.get_model(label)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    types = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()}
    permissions = {
        p.pk: [p.codename, types[p.content_type_id][0], types[p.content_type_id][1]]
        for p in Permission.objects.all()
    }
    rows = json.loads(serializers.serialize("json", model._base_manager.order_by("pk")))
    result = {}
    for row in rows:
        fields = row["fields"]
        for field in model._meta.get_fields():
            if field.name not in fields:
                continue
            target = field.related_model._meta.label_lower if field.is_relation else None
            if target == "contenttypes.contenttype" and fields[field.name] is not None:
                fields[field.name] = types[fields[field.name]]
            elif target == "auth.permission" and field.many_to_many:
                fields[field.name] = [permissions[pk] for pk in fields[field.name]]
        result[row["pk"]] = fields
    return result


# Nodes the flow no longer has: the routing gateway `hvem_vedtar` became part of the board's
# split (`styret`). A gateway's task is done the moment it is made, so only history keeps it.
REMOVED_NODES = {"workflow/flows.soknad.SoknadFlow.hvem_vedtar"}


def assert_rows_kept(apps, old_label: str) -> None:
    """Every row of the fixture's `old_label` is there, under the same primary key, with
    the same values: foreign keys to the same rows, content types to the same models."""
    label = current_label(apps, old_label)
    model = apps.get_model(label)
    now = dumped(apps, label)
    for pk, fields in rows_of(old_label).items():
        assert pk in now, f"{old_label} {pk} is missing as {label}"
        for name, value in fields.items():
            if (old_label, name) in DERIVED:
                continue
            field = model._meta.get_field(current_field(model, name))
            kept = now[pk][field.name]
            if isinstance(field, FlowReferenceField):
                assert kept is not None, f"{label} {pk}: flow {value} no longer resolves"
            elif isinstance(field, TaskReferenceField):
                task = model._base_manager.get(pk=pk)
                node = task.flow_task
                if value in REMOVED_NODES:  # its tasks are history; viewflow shows them so
                    assert isinstance(node, Obsolete) and task.status == "DONE", (label, pk)
                    continue
                assert node is not None and not isinstance(node, Obsolete), (label, pk, value)
                assert node.name == value.rsplit(".", 1)[1], (label, pk, value, node.name)
            elif field.is_relation and field.related_model._meta.label_lower == (
                "contenttypes.contenttype"
            ):
                expected = content_type_key(apps, value)
                assert kept == expected, (label, pk, field.name, kept, expected)
            elif field.many_to_many:
                assert sorted(map(str, kept)) == sorted(map(str, value)), (label, pk, name)
            else:
                assert kept == value, (label, pk, field.name, kept, value)


def assert_demo_data_kept(apps, fixture_counts: Counter) -> None:
    """The demo data after migrating, in the historical models `apps` of the latest state."""
    # The same number of rows of every model, each row with its values.
    for old_label, count in fixture_counts.items():
        label = current_label(apps, old_label)
        added = ADDED_BY_MIGRATIONS.get(old_label, 0)
        assert apps.get_model(label)._base_manager.count() == count + added, (old_label, label)
        assert_rows_kept(apps, old_label)

    # The cases: the same ids on the same applications; a case number when the case has one.
    Sak = apps.get_model(current_label(apps, "soknader.behandling"))
    Soknad = apps.get_model("soknader", "Soknad")
    old_cases = rows_of("soknader.behandling")
    cases = {s.pk: s for s in Sak._base_manager.all()}
    assert len(cases) == fixture_counts["soknader.behandling"] == 5
    assert {pk: s.soknad_id for pk, s in cases.items()} == {
        pk: f["soknad"] for pk, f in old_cases.items()
    }
    if "saksnummer" in {f.name for f in Sak._meta.get_fields()}:
        numbers = dict(Soknad._base_manager.values_list("pk", "saksnummer"))
        for case in cases.values():
            assert case.saksnummer == numbers[case.soknad_id], case.pk
    assert sorted(s.status for s in cases.values()) == sorted(
        f["status"] for f in old_cases.values()
    )

    # Votes, decisions, the tilsagn and the letters still on their cases.
    for old_label in (
        "soknader.sakshendelse",
        "soknader.habilitet",
        "soknader.stemme",
        "soknader.vedtak",
        "soknader.brev",
    ):
        model = apps.get_model(current_label(apps, old_label))
        fk = current_field(model, "behandling")
        kept = dict(model._base_manager.values_list("pk", f"{fk}_id"))
        assert kept == {pk: f["behandling"] for pk, f in rows_of(old_label).items()}, old_label
        assert kept, f"the fixture has no {old_label}"
    Vedtak = apps.get_model(current_label(apps, "soknader.vedtak"))
    Tilsagn = apps.get_model(current_label(apps, "soknader.tilsagn"))
    granted = Vedtak._base_manager.get(utfall="innvilget")
    assert (granted.belop, granted.stemmer_for, granted.referanse) == (150_000, 3, "2026-0004-V")
    tilsagn = Tilsagn._base_manager.get()
    assert (tilsagn.vedtak_id, tilsagn.status, tilsagn.belop) == (granted.pk, "akseptert", 150_000)

    # viewflow's processes still point at their cases, and the deadlines too.
    Process = apps.get_model("viewflow", "Process")
    case_type = (Sak._meta.app_label, Sak._meta.model_name)
    processes = Process._base_manager.select_related("artifact_content_type")
    pointing = {
        p.pk: (
            (p.artifact_content_type.app_label, p.artifact_content_type.model),
            p.artifact_object_id,
        )
        for p in processes
    }
    assert pointing == {
        pk: (case_type, f["artifact_object_id"]) for pk, f in rows_of("viewflow.process").items()
    }
    Deadline = apps.get_model("notifications", "Deadline")
    assert set(Deadline._base_manager.values_list("case_type__app_label", "case_type__model")) == {
        case_type
    }

    # The ledger is untouched (assert_rows_kept compared every field of every entry).
    Postering = apps.get_model("handlingsplan", "Postering")
    assert Postering._base_manager.count() == fixture_counts["handlingsplan.postering"] == 22


# -- The test ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migrations_keep_the_demo_data():
    executor = MigrationExecutor(connection)
    old = old_nodes(executor.loader.graph)
    try:
        executor.migrate(old)
        executor.loader.build_graph()
        # An app with no migrations then (None) has no state to load into.
        load_fixture(executor.loader.project_state([n for n in old if n[1]]).apps)
        try:
            call_command("migrate", verbosity=0)  # as production migrates
        except Exception:
            empty_database()  # so that the migrations below reach the latest schema
            raise
        executor = MigrationExecutor(connection)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
        latest = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
        assert_demo_data_kept(latest, fixture_counts())
    finally:
        call_command("migrate", verbosity=0)  # the latest schema for the tests after this
