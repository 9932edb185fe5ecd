"""Parts of an application exempt from public access (offentleglova § 13): marked by the
programleder in the assessment task, shown on the case page, hidden in the public view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from felles.errors import DomainError
from soknader import services as soknad_services
from tests.soknader.factories import draft_complete
from tests.soknader.journey import PDF
from workflow import services as sb
from workflow.innsyn import offentlig_innsyn
from workflow.models import UNNTAK_HJEMMEL, Hendelse, Saksbehandling, Unntak

from .conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db


def _submit_with_attachments(world, orgnr="988077917"):
    draft = draft_complete(program=world.program, orgnr=orgnr)
    plan = soknad_services.vedlegg_add(
        soknad=draft, type="prosjektplan", upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    regnskap = soknad_services.vedlegg_add(
        soknad=draft, type="regnskap", upload=SimpleUploadedFile("regnskap.pdf", PDF)
    )
    soknad = soknad_services.soknad_submit(soknad=draft)
    process = Saksbehandling.objects.get(artifact_object_id=soknad.sak.pk)
    return soknad, process, plan, regnskap


def test_programleder_marks_fields_and_attachments_in_the_assessment(world, perform, client):
    soknad, process, plan, regnskap = _submit_with_attachments(world)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    client.force_login(world.programleder)
    task = open_task(process, "vurdering", world.programleder)
    page = client.get(reverse("saker:vurdering:execute", args=[process.pk, task.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert UNNTAK_HJEMMEL in html
    assert f'name="unntak_vedlegg" value="{regnskap.pk}"' in html
    assert 'name="unntak_felt" value="kostnader"' in html

    data = innstilling_data(
        world,
        unntak_felt=["kostnader", "bakgrunn"],
        unntak_vedlegg=[regnskap.pk],
        unntak_hjemmel=UNNTAK_HJEMMEL,
    )
    perform(process, "vurdering", world.programleder, data)

    marks = Unntak.objects.filter(soknad=soknad)
    assert sorted(u.felt for u in marks if u.felt) == ["bakgrunn", "kostnader"]
    assert [u.vedlegg_id for u in marks if u.vedlegg_id] == [regnskap.pk]
    assert {u.merket_av for u in marks} == {world.programleder}
    assert {u.hjemmel for u in marks} == {UNNTAK_HJEMMEL}
    event = Hendelse.objects.get(sak=soknad.sak, type="unntak")
    assert "regnskap.pdf" in event.tekst and "Kostnadsplan" in event.tekst

    case_page = client.get(f"/staff/saker/sak/{soknad.sak.pk}/").content.decode()
    assert "Unntatt offentlighet" in case_page
    assert "vedlegg regnskap.pdf" in case_page


def test_a_bad_legal_basis_keeps_the_task_open_and_saves_nothing(world, perform):
    soknad, process, plan, _ = _submit_with_attachments(world)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, unntak_felt=["bakgrunn"], unntak_hjemmel=" ")
    response = perform(process, "vurdering", world.programleder, data, expect_done=False)
    assert response.status_code == 200
    assert "Oppgi hjemmelen for unntaket." in response.content.decode()
    assert not Unntak.objects.exists()
    soknad.sak.refresh_from_db()
    assert soknad.sak.status == "vurdering"


def test_set_replaces_and_keeps_who_marked(world):
    soknad, _, plan, regnskap = _submit_with_attachments(world)
    sb.unntak_set(
        soknad=soknad, felt=["mal"], vedlegg=[plan], hjemmel="hjemmel A", by=world.programleder
    )
    first = Unntak.objects.get(soknad=soknad, felt="mal")
    result = sb.unntak_set(
        soknad=soknad,
        felt=["mal", "finansiering"],
        vedlegg=[],
        hjemmel="hjemmel A",
        by=world.programleder,
    )
    assert sorted(u.felt for u in result) == ["finansiering", "mal"]
    assert Unntak.objects.get(soknad=soknad, felt="mal").pk == first.pk
    assert not Unntak.objects.filter(vedlegg=plan).exists()
    sb.unntak_set(soknad=soknad, hjemmel="", by=world.programleder)
    assert not Unntak.objects.filter(soknad=soknad).exists()
    assert Hendelse.objects.filter(sak=soknad.sak, type="unntak").count() == 3


@pytest.mark.parametrize("who", ["medlem1", "leder", "observator"])
def test_board_members_and_observers_cannot_mark(world, who):
    soknad, *_ = _submit_with_attachments(world)
    with pytest.raises(DomainError) as err:
        sb.unntak_set(
            soknad=soknad, felt=["bakgrunn"], hjemmel=UNNTAK_HJEMMEL, by=getattr(world, who)
        )
    assert err.value.code == "forbidden"
    assert not Unntak.objects.exists()


def test_an_attachment_of_another_application_cannot_be_marked(world):
    soknad, *_ = _submit_with_attachments(world)
    _, _, other_plan, _ = _submit_with_attachments(world, orgnr="974760673")
    with pytest.raises(DomainError) as err:
        sb.unntak_set(
            soknad=soknad, vedlegg=[other_plan], hjemmel=UNNTAK_HJEMMEL, by=world.programleder
        )
    assert err.value.field == "vedlegg"
    assert not Unntak.objects.exists()


def test_unknown_field_is_refused(world):
    soknad, *_ = _submit_with_attachments(world)
    with pytest.raises(DomainError):
        sb.unntak_set(soknad=soknad, felt=["orgnr"], hjemmel=UNNTAK_HJEMMEL, by=world.programleder)


def test_a_mark_is_a_field_or_an_attachment_never_both_nor_neither(world):
    soknad, _, plan, _ = _submit_with_attachments(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unntak.objects.create(soknad=soknad, felt="bakgrunn", vedlegg=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unntak.objects.create(soknad=soknad, felt="")
    Unntak.objects.create(soknad=soknad, felt="bakgrunn")
    with pytest.raises(IntegrityError), transaction.atomic():
        Unntak.objects.create(soknad=soknad, felt="bakgrunn")
    Unntak.objects.create(soknad=soknad, vedlegg=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unntak.objects.create(soknad=soknad, vedlegg=plan)


def test_public_view_hides_exactly_the_exempt_parts(world, django_assert_max_num_queries):
    soknad, _, plan, regnskap = _submit_with_attachments(world)
    sb.unntak_set(
        soknad=soknad,
        felt=["kort_beskrivelse", "kostnader"],
        vedlegg=[regnskap],
        hjemmel="offentleglova § 13",
        by=world.programleder,
    )
    with django_assert_max_num_queries(8):
        view = offentlig_innsyn(soknad)
    marker = "Unntatt offentlighet (offentleglova § 13)"
    assert (view.org_navn, view.orgnr, view.tittel) == ("Bedrift AS", "988077917", "Nytt produkt")
    assert view.belop_sokt == 100_000 and view.belop_innvilget is None
    assert view.formal == marker
    parts = {d.felt: d for d in view.felt}
    assert {f for f, d in parts.items() if d.unntatt} == {"kort_beskrivelse", "kostnader"}
    assert parts["kostnader"].tekst == marker
    assert "Konsulent" not in str(view)
    assert parts["bakgrunn"].tekst == "Bakgrunn" and not parts["bakgrunn"].unntatt
    assert "Markedsundersøkelse" in parts["aktiviteter"].tekst
    assert "Søkt fra omstillingsprogrammet: 100 000 kr" in parts["finansiering"].tekst
    hidden, shown = view.vedlegg[1], view.vedlegg[0]
    assert shown.navn == "plan.pdf" and shown.vedlegg_id == plan.pk and not shown.unntatt
    assert hidden.unntatt and hidden.tekst == marker and hidden.vedlegg_id is None
    assert "regnskap.pdf" not in str(view)


def test_public_view_shows_the_granted_amount(world, perform):
    soknad, process, *_ = _submit_with_attachments(world)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    view = offentlig_innsyn(soknad)
    assert view.belop_innvilget == 80_000
    assert view.formal == "Et forprosjekt for et nytt produkt."
    assert not any(d.unntatt for d in view.felt + view.vedlegg)
