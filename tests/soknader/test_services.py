from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from felles.errors import DomainError
from notifications.models import Message
from soknader import services
from soknader.models import ImmutableError, InnsendtSoknad, Soknad, Soknadslogg
from tests.factories import ProgramFactory

from .factories import draft_complete

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@time_machine.travel("2026-04-02 10:00 +02:00", tick=False)
def test_submit_assigns_number_snapshot_event_and_receipt():
    soknad = draft_complete()
    submitted = services.soknad_submit(soknad=soknad)

    assert submitted.status == Soknad.Status.SENDT
    assert submitted.saksnummer == "2026-0001"
    snapshot = InnsendtSoknad.objects.get(soknad=soknad)
    assert snapshot.data["tittel"] == "Nytt produkt"
    assert snapshot.data["saksnummer"] == "2026-0001"
    assert snapshot.data["kostnader"][0]["belop"] == 100_000  # 100 h × 1 000 kr
    assert {f["kilde"]: f["belop"] for f in snapshot.data["finansiering"]}["programmet"] == 100_000
    assert list(soknad.logg.values_list("type", flat=True)) == ["opprettet", "sendt"]
    receipts = Message.objects.filter(template="receipt").order_by("to_email")
    assert [m.to_email for m in receipts] == ["kari@bedrift.example", "ola@bedrift.example"]
    assert receipts[0].context["reference"] == "2026-0001"
    assert receipts[0].is_legal


def test_case_numbers_follow_per_year():
    program = ProgramFactory()
    with time_machine.travel("2026-12-31 23:00 +01:00", tick=False):
        a = services.soknad_submit(soknad=draft_complete(program=program))
        b = services.soknad_submit(soknad=draft_complete(program=program))
    with time_machine.travel("2027-01-01 00:30 +01:00", tick=False):
        c = services.soknad_submit(soknad=draft_complete(program=program))
    assert [a.saksnummer, b.saksnummer, c.saksnummer] == ["2026-0001", "2026-0002", "2027-0001"]


def test_snapshot_never_changes():
    soknad = services.soknad_submit(soknad=draft_complete())
    snapshot = soknad.innsendt_kopi
    snapshot.data = {"tittel": "Noe annet"}
    with pytest.raises(ImmutableError):
        snapshot.save()
    with pytest.raises(ImmutableError):
        snapshot.delete()
    assert InnsendtSoknad.objects.get(pk=snapshot.pk).data["tittel"] == "Nytt produkt"


def test_submitted_application_cannot_be_edited_or_sent_again():
    soknad = services.soknad_submit(soknad=draft_complete())
    with pytest.raises(DomainError, match="allerede sendt"):
        services.soknad_draft_save(soknad=soknad, fields={"tittel": "Endret"})
    with pytest.raises(DomainError, match="allerede sendt"):
        services.soknad_submit(soknad=soknad)


def test_incomplete_draft_names_step_and_field():
    soknad = services.soknad_create(program=ProgramFactory())
    services.soknad_draft_save(soknad=soknad, fields={"orgnr": "988077918"})
    with pytest.raises(services.SoknadIncomplete) as exc:
        services.soknad_submit(soknad=soknad)
    problems = {(p.steg, p.felt): p.melding for p in exc.value.problems}
    assert problems[(1, "orgnr")] == (
        "Organisasjonsnummeret er ugyldig: kontrollsifferet stemmer ikke."
    )
    assert (1, "kontakt_epost") in problems
    assert (2, "tittel") in problems
    assert (2, "aktiviteter") in problems
    assert (3, "kostnader") in problems
    assert (3, "programmet") in problems
    soknad.refresh_from_db()
    assert soknad.status == Soknad.Status.UTKAST and soknad.saksnummer is None


def test_unbalanced_and_too_intense_financing_is_refused():
    soknad = draft_complete()
    services.soknad_draft_save(
        soknad=soknad, finansiering={"egne_midler": 10_000, "programmet": 150_000}
    )
    with pytest.raises(services.SoknadIncomplete) as exc:
        services.soknad_submit(soknad=soknad)
    messages = {p.felt: p.melding for p in exc.value.problems}
    assert messages["finansiering"].startswith("Finansieringsplanen (160 000 kr) må være lik")
    assert messages["programmet"] == (
        "Du kan søke om høyst 50 % av kostnadene, det vil si 100 000 kr. Du har søkt om 150 000 kr."
    )


def test_support_intensity_follows_the_program_setting():
    program = ProgramFactory(maks_stotteintensitet=75)
    soknad = draft_complete(program=program)
    services.soknad_draft_save(
        soknad=soknad, finansiering={"egne_midler": 50_000, "programmet": 150_000}
    )
    assert services.soknad_submit(soknad=soknad).status == Soknad.Status.SENDT


def test_end_before_start_is_refused():
    soknad = draft_complete(startdato=date(2026, 5, 1), sluttdato=date(2026, 4, 1))
    with pytest.raises(services.SoknadIncomplete) as exc:
        services.soknad_submit(soknad=soknad)
    assert [(p.steg, p.felt) for p in exc.value.problems] == [(2, "sluttdato")]


@time_machine.travel("2026-04-02 10:00 +02:00", tick=False)
def test_de_minimis_over_the_ceiling_is_flagged_not_refused():
    program = ProgramFactory(bagatell_tak_eur=300_000, nok_per_eur="11.5")
    soknad = draft_complete(program=program)
    services.soknad_draft_save(
        soknad=soknad,
        offentlig_stotte=[
            # 3 400 000 kr + 100 000 kr applied = 304 348 EUR > 300 000 EUR.
            {
                "type": "bagatell",
                "giver": "IN",
                "ordning": "",
                "belop": 3_400_000,
                "dato": date(2024, 1, 1),
            },
            # Older than three years: does not count.
            {
                "type": "bagatell",
                "giver": "IN",
                "ordning": "",
                "belop": 9_000_000,
                "dato": date(2023, 4, 1),
            },
        ],
    )
    submitted = services.soknad_submit(soknad=soknad)
    assert submitted.bagatell_over_tak is True
    event = submitted.logg.get(type=Soknadslogg.Type.BAGATELL_OVER_TAK)
    assert "304348 EUR" in event.tekst


def test_de_minimis_under_the_ceiling_is_not_flagged():
    submitted = services.soknad_submit(soknad=draft_complete())
    assert submitted.bagatell_over_tak is False
    assert not submitted.logg.filter(type=Soknadslogg.Type.BAGATELL_OVER_TAK).exists()


def test_withdraw_only_after_submission_and_once():
    soknad = draft_complete()
    with pytest.raises(DomainError):
        services.soknad_withdraw(soknad=soknad)
    services.soknad_submit(soknad=soknad)
    withdrawn = services.soknad_withdraw(soknad=soknad)
    assert withdrawn.status == Soknad.Status.TRUKKET
    assert withdrawn.logg.filter(type=Soknadslogg.Type.TRUKKET).exists()
    with pytest.raises(DomainError, match="kan ikke trekkes"):
        services.soknad_withdraw(soknad=soknad)


def test_receivers_run_inside_submit_and_a_failure_undoes_it():
    seen = []

    def start_flow(soknad):
        seen.append(soknad.saksnummer)

    def broken(soknad):
        raise RuntimeError("flow could not start")

    services.on_submitted(start_flow)
    try:
        services.soknad_submit(soknad=draft_complete())
        assert len(seen) == 1 and seen[0]
        services.on_submitted(broken)
        other = draft_complete()
        with pytest.raises(RuntimeError):
            services.soknad_submit(soknad=other)
        other.refresh_from_db()
        assert other.status == Soknad.Status.UTKAST and other.saksnummer is None
        assert not InnsendtSoknad.objects.filter(soknad=other).exists()
    finally:
        services._submitted_receivers[:] = [
            r for r in services._submitted_receivers if r not in (start_flow, broken)
        ]


def test_draft_delete_removes_lines_and_files(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path)
    soknad = draft_complete()
    vedlegg = services.vedlegg_add(
        soknad=soknad, type="prosjektplan", upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    path = tmp_path / vedlegg.fil.name
    assert path.read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        services.soknad_draft_delete(soknad=soknad)
    assert not Soknad.objects.filter(pk=soknad.pk).exists()
    assert not path.exists()


def test_submitted_cannot_be_deleted():
    soknad = services.soknad_submit(soknad=draft_complete())
    with pytest.raises(DomainError):
        services.soknad_draft_delete(soknad=soknad)


def test_the_status_machine_allows_only_its_moves():
    from viewflow.fsm import TransitionNotAllowed

    soknad = draft_complete()
    machine = services.SoknadStatus(soknad)
    assert set(services.WITHDRAWABLE) == {"sendt"}
    with pytest.raises(TransitionNotAllowed):
        machine.withdraw()
    assert soknad.status == Soknad.Status.UTKAST
    machine.submit()
    assert soknad.status == Soknad.Status.SENDT
    with pytest.raises(TransitionNotAllowed):
        machine.submit()
    with pytest.raises(DomainError, match="kan ikke endres fra «Sendt inn» til «Sendt inn»"):
        services.status_move(soknad, "submit")
    with pytest.raises(DomainError, match=r"kan ikke trekkes nå \(status: Utkast\)"):
        services.soknad_withdraw(soknad=draft_complete())
