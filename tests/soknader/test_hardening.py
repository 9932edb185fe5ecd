"""Draft links stored as hashes, the submitted record guarded by the database, and the
receipt's answer time taken from the reminder rules."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from notifications.models import Message
from soknader import services
from soknader.models import Soknad
from soknader.selectors import soknad_for_draft_token
from tests.factories import ProgramFactory

from . import journey
from .factories import draft_complete


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_a_draft_keeps_only_the_hash_of_its_secret(client):
    ProgramFactory()
    token = journey.start(client)
    soknad = journey.soknad_of(token)
    stored = [str(value) for value in Soknad.objects.filter(pk=soknad.pk).values().get().values()]
    assert not any(token in value or token.split("-")[1] in value for value in stored)
    # The link opens the draft (in a browser without it); one character off does not, nor
    # the stored hash itself.
    fresh = Client()
    assert fresh.get(journey.step_url(token, 1), follow=True).status_code == 200
    wrong = token[:-1] + ("a" if token[-1] != "a" else "b")
    assert Client().get(journey.step_url(wrong, 1)).status_code == 404
    assert Client().get(journey.step_url(soknad.utkast_token_hash, 1)).status_code == 404
    assert (
        Client().get(journey.step_url(f"{soknad.pk}-{soknad.utkast_token_hash}", 1)).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_draft_link_e_mail_carries_a_working_link(client):
    ProgramFactory()
    token = journey.start(client)
    client.post(journey.step_url(token, 1), journey.STEP1)
    message = Message.objects.get(template="soknad_utkast")
    link = journey.link_sent(message)
    response = Client().get(link, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/soknad/{message.case_id}/steg/1/"


@pytest.mark.django_db
def test_min_side_opens_a_draft_with_a_new_link_and_the_old_one_stops(client):
    draft = draft_complete(epost="kari@a.example")
    old = services.utkast_token_issue(soknad=draft)
    assert soknad_for_draft_token(old) == draft
    holder = Client()
    assert holder.get(journey.step_url(old, 1), follow=True).status_code == 200
    user, _ = get_user_model().objects.get_or_create(
        username="soker:kari@a.example", defaults={"email": "kari@a.example"}
    )
    client.force_login(user)
    page = client.get(f"/min-side/soknad/{draft.pk}/").content.decode()
    assert f'action="/min-side/soknad/{draft.pk}/fortsett/"' in page
    assert client.get(f"/min-side/soknad/{draft.pk}/fortsett/").status_code == 405
    response = client.post(f"/min-side/soknad/{draft.pk}/fortsett/")
    assert response.status_code == 302
    # The form opens at an address without the secret; this browser's session holds it.
    assert response["Location"] == f"/soknad/{draft.pk}/steg/1/"
    assert client.get(response["Location"]).status_code == 200
    new = journey.token_of(response)
    assert new != old
    assert Client().get(journey.step_url(new, 1), follow=True).status_code == 200
    # The old link, and the browser that held the draft through it, are shut out.
    assert Client().get(journey.step_url(old, 1)).status_code == 404
    assert holder.get(f"/soknad/{draft.pk}/steg/1/").status_code == 404


@pytest.mark.django_db
def test_a_sent_application_gets_no_new_draft_link():
    soknad = services.soknad_submit(soknad=draft_complete())
    with pytest.raises(services.DomainError):
        services.utkast_token_issue(soknad=soknad)


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_the_links_of_existing_drafts():
    before = [("soknader", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        program = old_apps.get_model("handlingsplan", "Program").objects.create(
            slug="gammel", navn="Gammel", kommune="Sel", start_ar=2021, slutt_ar=2026, arlig_ramme=1
        )
        old_apps.get_model("soknader", "Soknad").objects.create(
            program=program, utkast_token="lenke-sendt-for-oppgraderingen"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    soknad = soknad_for_draft_token("lenke-sendt-for-oppgraderingen")
    assert soknad.utkast_token_hash == _sha256("lenke-sendt-for-oppgraderingen")


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_to_change_or_delete_what_was_submitted():
    soknad = services.soknad_submit(soknad=draft_complete())
    innsendt = soknad.innsendt_kopi
    pdf = services.innsendt_pdf_ensure(innsendt=innsendt)
    statements = [
        ("UPDATE soknader_innsendtsoknad SET id = id WHERE id = %s", innsendt.pk),
        ("DELETE FROM soknader_innsendtsoknad WHERE id = %s", innsendt.pk),
        ("UPDATE soknader_innsendtsoknadpdf SET id = id WHERE id = %s", pdf.pk),
        ("DELETE FROM soknader_innsendtsoknadpdf WHERE id = %s", pdf.pk),
    ]
    for sql, pk in statements:
        with (
            pytest.raises(DatabaseError, match="written once"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [pk])
    assert soknad.innsendt_kopi.data["saksnummer"] == soknad.saksnummer


@pytest.mark.django_db
def test_the_receipt_promises_an_answer_within_the_completeness_checks_deadline(client):
    """One setting: the receipt, the page after sending and the programleder's deadline for
    the completeness check all use the program's kontrollfrist_dager."""
    from django.utils import timezone

    from felles.roles import Rolle
    from notifications.models import Deadline
    from tests.factories import staff_user

    staff_user(Rolle.PROGRAMLEDER)  # the deadline is the programleder's
    program = ProgramFactory(kontrollfrist_dager=10)
    token = journey.fill_and_submit(client)
    receipt = Message.objects.filter(template="receipt").first()
    assert receipt.context["handling_days"] == 10
    page = client.get(f"/soknad/utkast/{token}/sendt/", follow=True).content.decode()
    assert "Du hører fra oss innen 10 dager." in page
    frist = Deadline.objects.get(kind="kompletthetskontroll")
    assert (frist.due_at - timezone.now()).days in (9, 10)
    assert program.kontrollfrist_dager == 10
