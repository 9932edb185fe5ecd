"""Appeals (klage): the deciding body's review, the appeal body's decision, late appeals, and
an appealed grant's acceptance deadline waiting for the appeal; asserting state, ledger,
letters (PDF text) and e-mails."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handlingsplan.models import Postering
from handlingsplan.services import ledger_verify
from notifications.models import Deadline, Message
from tests.soknader.test_behandling_brev import pdf_text
from tests.workflow.klage_helpers import (
    appeal_on_min_side,
    applicant,
    decided,
    klage_process,
    perform_klage,
    this_years_pot,
)
from workflow.models import Brev, Hendelse, Klage, Sak, Tilsagn
from workflow.services import klage_register, tilsagn_lapse_sweep

pytestmark = pytest.mark.django_db
KS = Klage.Status


def _letter(klage, kind) -> str:
    return pdf_text(bytes(Brev.objects.get(sak=klage.sak, type=kind).pdf))


def test_the_deciding_body_reverses_a_rejection_and_commits_the_money(world, perform, client):
    pot = this_years_pot(world)
    sak = decided(world, perform)
    assert appeal_on_min_side(client, sak, onsket_belop=60_000).status_code == 302
    klage = Klage.objects.get(paklaget=sak)
    assert klage.status == KS.UNDERINSTANS and not klage.for_sent
    assert klage.sak.saksnummer == f"{sak.saksnummer}-K1"
    assert Message.objects.filter(template="appeal_received").exists()
    frist = Deadline.objects.get(kind="klage_vurdering", status="open")
    # The reminder rule of the step: reminders before and after the deadline, then escalation.
    assert sorted(frist.reminders.values_list("kind", "offset_days")) == [
        ("after", 1),
        ("before", 1),
        ("before", 7),
        ("escalation", 1),
    ]

    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {
            "valg": "omgjor",
            "begrunnelse": "Ny plan viser at prosjektet skaper to arbeidsplasser.",
            "belop": 60_000,
            "pot": pot.pk,
        },
    )
    assert klage.status == KS.OMGJORT
    klagesak = klage.sak
    assert klagesak.status == Sak.Status.VENTER_AKSEPT
    vedtak = klagesak.vedtak
    assert vedtak.innvilget and vedtak.belop == 60_000
    assert vedtak.referanse == f"{sak.saksnummer}-K1-V"
    postering = Postering.objects.get(vedtaksreferanse=vedtak.referanse)
    assert postering.type == Postering.Type.FORPLIKTELSE and postering.belop == 60_000
    pot.refresh_from_db()
    assert pot.forpliktet == 60_000 and pot.tilgjengelig == 240_000 and ledger_verify() == []
    assert not Deadline.objects.filter(kind="klage_vurdering", status="open").exists()

    text = _letter(klage, Brev.Type.OMGJORINGSBREV)
    for expected in (
        "Vedtak etter klage",
        "60 000 kr i alt",
        "Ny plan viser at prosjektet skaper to arbeidsplasser.",
        "Klageorgan er Kommunestyret i Sel kommune",
        "Klagefristen er 21 dager",
        "forvaltningsloven § 18",
        "§ 42",
        vedtak.tilsagn.akseptfrist.strftime("%d.%m.%Y"),
    ):
        assert expected in text, expected
    assert (
        Message.objects.filter(template="appeal_letter", to_email="kari@bedrift.example").count()
        == 1
    )
    assert sak.hendelser.filter(type=Hendelse.Type.KLAGE_OMGJORT).exists()

    client.force_login(applicant())
    page = client.get(reverse("soknader:minside_sak", args=[sak.saksnummer])).content.decode()
    assert "Aksepter tilsagnet etter klagen" in page
    client.post(reverse("soker:klage_aksept", args=[klage.pk]))
    vedtak.tilsagn.refresh_from_db()
    assert vedtak.tilsagn.status == Tilsagn.Status.AKSEPTERT
    assert klage_process(klage).finished is not None


def test_forwarded_and_upheld_by_the_appeal_body_moves_no_money(world, perform, client):
    sak = decided(world, perform)
    appeal_on_min_side(client, sak)
    klage = Klage.objects.get(paklaget=sak)
    before = Postering.objects.count()
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "Klagen gir ikke nye opplysninger."},
    )
    assert klage.status == KS.TIL_OVERSENDELSE
    assert Deadline.objects.filter(kind="klage_oversendelse", status="open").count() == 1
    perform_klage(
        client,
        klage,
        "oversend",
        world.programleder,
        {"uttalelse": "Programmet står ved vedtaket: prosjektet er ordinær drift."},
    )
    assert klage.status == KS.OVERSENDT and klage.klageorgan == "Kommunestyret i Sel kommune"
    notice = _letter(klage, Brev.Type.OVERSENDELSE)
    assert "sendt til Kommunestyret i Sel kommune" in notice
    assert "Programmet står ved vedtaket: prosjektet er ordinær drift." in notice
    assert Deadline.objects.filter(kind="klage_klageorgan", status="open").count() == 1

    perform_klage(
        client,
        klage,
        "klageorgan",
        world.programleder,
        {
            "resultat": "stadfestet",
            "resultat_dato": timezone.localdate().isoformat(),
            "begrunnelse": "Kommunestyret slutter seg til programmets vurdering.",
        },
    )
    assert klage.status == KS.AVGJORT and klage.resultat == Klage.Resultat.STADFESTET
    assert klage.sak.status == Sak.Status.KLAGE_AVSLUTTET
    assert Postering.objects.count() == before and ledger_verify() == []
    assert not Deadline.objects.filter(case_id=klage.sak.pk, status="open").exists()
    text = _letter(klage, Brev.Type.KLAGEVEDTAK)
    for expected in (
        "Klageorganets vedtak",
        "Kommunestyret i Sel kommune har som klageorgan behandlet klagen",
        "Kommunestyret slutter seg til programmets vurdering.",
        "Klagen er ikke tatt til følge",
        "endelig og kan ikke påklages (forvaltningsloven § 28 tredje ledd)",
        "forvaltningsloven § 18",
    ):
        assert expected in text, expected
    mails = Message.objects.filter(template="appeal_letter", to_email="kari@bedrift.example")
    assert mails.count() == 2 and all(m.attachments.exists() for m in mails)

    client.force_login(applicant())
    page = client.get(reverse("soknader:minside_sak", args=[sak.saksnummer])).content.decode()
    assert "Avgjort av klageorganet" in page and "Avgjørelsen er endelig." in page
    assert "Klag på vedtaket" not in page
    brev = Brev.objects.get(sak=klage.sak, type=Brev.Type.KLAGEVEDTAK)
    download = client.get(reverse("soker:brev", args=[brev.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    client.force_login(world.programleder)
    assert client.get(reverse("saker:brev", args=[brev.pk])).status_code == 200
    client.force_login(world.medlem1)  # no task in the case
    assert client.get(reverse("saker:brev", args=[brev.pk])).status_code == 403


def test_the_appeal_bodys_own_letter_is_kept_and_its_grant_commits(world, perform, client):
    pot = this_years_pot(world)
    sak = decided(world, perform)
    appeal_on_min_side(client, sak)
    klage = Klage.objects.get(paklaget=sak)
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "Står ved vedtaket."},
    )
    perform_klage(client, klage, "oversend", world.programleder, {"uttalelse": "Se saken."})
    from django.core.files.uploadedfile import SimpleUploadedFile

    own = SimpleUploadedFile("vedtak.pdf", b"%PDF-1.4 kommunestyrets brev", "application/pdf")
    perform_klage(
        client,
        klage,
        "klageorgan",
        world.programleder,
        {
            "resultat": "omgjort",
            "resultat_dato": timezone.localdate().isoformat(),
            "begrunnelse": "Tilskudd innvilges.",
            "brev": own,
            "belop": 50_000,
            "pot": pot.pk,
        },
    )
    kept = Brev.objects.get(sak=klage.sak, type=Brev.Type.KLAGEVEDTAK)
    assert bytes(kept.pdf) == b"%PDF-1.4 kommunestyrets brev"
    assert klage.sak.vedtak.organ == Sak.Organ.KLAGEORGAN and klage.sak.vedtak.belop == 50_000
    pot.refresh_from_db()
    assert pot.forpliktet == 50_000 and ledger_verify() == []


def test_a_late_appeal_is_flagged_and_dismissed_with_a_letter(world, perform, client):
    sak = decided(world, perform)
    sak.vedtak.__class__.objects.filter(pk=sak.vedtak.pk).update(
        vedtatt=timezone.now() - timedelta(days=40)
    )
    client.force_login(world.programleder)
    response = client.post(
        reverse("saker:klage", args=[sak.pk]),
        {"begrunnelse": "Vi klager.", "mottatt": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    klage = Klage.objects.get(paklaget=sak)
    assert klage.for_sent and klage.status == KS.FOR_SENT and klage.kanal == Klage.Kanal.BREV
    assert klage.sak.hendelser.filter(type=Hendelse.Type.KLAGE_FOR_SENT).exists()
    perform_klage(
        client,
        klage,
        "fristvurdering",
        world.programleder,
        {"valg": "avvise", "begrunnelse": "Ingen grunn til å se bort fra fristen."},
    )
    assert klage.status == KS.AVVIST and klage.sak.status == Sak.Status.KLAGE_AVSLUTTET
    text = _letter(klage, Brev.Type.AVVISNINGSBREV)
    for expected in (
        "Avvisning av klage",
        "Klagen kom for sent",
        klage.frist.strftime("%d.%m.%Y"),
        "Ingen grunn til å se bort fra fristen.",
        "Avvisningen er et eget vedtak, og den kan påklages.",
        "Klageorgan er Kommunestyret i Sel kommune",
        "Klagefristen er 21 dager",
    ):
        assert expected in text, expected
    assert klage_process(klage).finished is not None


def test_a_late_appeal_may_be_considered_with_reasons(world, perform, client):
    sak = decided(world, perform)
    klage = klage_register(
        sak=sak,
        by=world.programleder,
        kanal=Klage.Kanal.BREV,
        begrunnelse="Klage.",
        mottatt=timezone.localdate(),
        vedtak_mottatt=None,
    )
    Klage.objects.filter(pk=klage.pk).update(for_sent=True, status=KS.FOR_SENT)
    klage.refresh_from_db()
    # The flow routes on the state: a late appeal waits for the programleder's choice.
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "x"},
        expect_done=False,
    )
    klage.refresh_from_db()
    assert klage.status == KS.FOR_SENT


def test_late_appeal_considered_goes_to_the_deciding_body(world, perform, client):
    sak = decided(world, perform)
    sak.vedtak.__class__.objects.filter(pk=sak.vedtak.pk).update(
        vedtatt=timezone.now() - timedelta(days=60)
    )
    klage = klage_register(
        sak=sak, by=world.programleder, kanal=Klage.Kanal.BREV, begrunnelse="Klage."
    )
    assert klage.for_sent
    perform_klage(
        client,
        klage,
        "fristvurdering",
        world.programleder,
        {"valg": "behandle", "begrunnelse": "Søkeren var syk i klagefristen."},
    )
    assert klage.status == KS.UNDERINSTANS
    assert klage.fristbegrunnelse == "Søkeren var syk i klagefristen."
    assert klage.sak.hendelser.filter(type=Hendelse.Type.KLAGE_BEHANDLES).exists()
    review = Deadline.objects.get(case_id=klage.sak.pk, kind="klage_vurdering", status="open")
    assert review.key.endswith(":behandles") and review.user == world.programleder
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "Står ved vedtaket."},
    )
    assert klage.status == KS.TIL_OVERSENDELSE


def test_an_appeal_posted_in_time_is_on_time(world, perform):
    sak = decided(world, perform)
    sendt = timezone.localdate()
    sak.vedtak.__class__.objects.filter(pk=sak.vedtak.pk).update(
        vedtatt=timezone.now() - timedelta(days=21)
    )
    klage = klage_register(
        sak=sak,
        by=world.programleder,
        kanal=Klage.Kanal.BREV,
        begrunnelse="Klage.",
        sendt=sendt - timedelta(days=1),
        mottatt=sendt,
    )
    assert klage.frist >= sendt - timedelta(days=1) and not klage.for_sent
    assert klage.frist.weekday() < 5


def test_the_acceptance_deadline_of_an_appealed_partial_grant_waits(world, perform, client):
    sak = decided(world, perform, anbefaling="innvilge", belop=50_000)
    tilsagn = sak.vedtak.tilsagn
    appeal_on_min_side(client, sak, onsket_belop=100_000)
    klage = Klage.objects.get(paklaget=sak)
    assert not Deadline.objects.filter(case_id=sak.pk, kind="aksept", status="open").exists()
    Tilsagn.objects.filter(pk=tilsagn.pk).update(akseptfrist=timezone.now() - timedelta(days=1))
    assert tilsagn_lapse_sweep() == 0
    tilsagn.refresh_from_db()
    assert tilsagn.status == Tilsagn.Status.VENTER_AKSEPT
    perform_klage(
        client,
        klage,
        "underinstans",
        world.programleder,
        {"valg": "opprettholder", "begrunnelse": "Står ved vedtaket."},
    )
    perform_klage(client, klage, "oversend", world.programleder, {"uttalelse": "Se saken."})
    perform_klage(
        client,
        klage,
        "klageorgan",
        world.programleder,
        {
            "resultat": "stadfestet",
            "resultat_dato": date.today().isoformat(),
            "begrunnelse": "Stadfestet.",
        },
    )
    tilsagn.refresh_from_db()
    assert tilsagn.status == Tilsagn.Status.VENTER_AKSEPT
    assert tilsagn.akseptfrist > timezone.now() + timedelta(days=20)
    assert Deadline.objects.filter(case_id=sak.pk, kind="aksept", status="open").count() == 1
    assert sak.hendelser.filter(type=Hendelse.Type.AKSEPTFRIST_NY).exists()
    assert tilsagn_lapse_sweep() == 0


def test_a_second_appeal_while_one_is_open_is_refused(world, perform, client):
    sak = decided(world, perform)
    appeal_on_min_side(client, sak)
    response = appeal_on_min_side(client, sak)
    assert response.status_code == 200
    assert "allerede en klage" in response.content.decode()
    assert Klage.objects.filter(paklaget=sak).count() == 1


def test_staff_pages_of_an_appeal_and_who_may_act(world, perform, client):
    from django.contrib.auth import get_user_model

    sak = decided(world, perform)
    appeal_on_min_side(client, sak)
    klage = Klage.objects.get(paklaget=sak)
    process = klage_process(klage)
    client.force_login(world.programleder)
    assert client.get(reverse("klager:inbox")).status_code == 200
    detail = client.get(reverse("klager:process_detail", args=[process.pk]))
    assert detail.status_code == 200
    assert client.get(reverse("saker:sak", args=[klage.sak.pk])).url.endswith(
        reverse("klager:process_detail", args=[process.pk])
    )
    case_page = client.get(reverse("saker:sak", args=[sak.pk])).content.decode()
    assert klage.sak.saksnummer in case_page and "Til ny vurdering hos vedtaksorganet" in case_page

    # Another applicant can neither appeal this application nor accept its grant.
    other = get_user_model().objects.create(username="soker:x@y.example", email="x@y.example")
    client.force_login(other)
    assert client.get(reverse("soker:klage", args=[sak.saksnummer])).status_code == 404
    assert client.post(reverse("soker:klage_aksept", args=[klage.pk])).status_code == 404
    # A board member without a task in the case cannot register an appeal.
    client.force_login(world.medlem1)
    response = client.get(reverse("saker:klage", args=[sak.pk]))
    assert response.status_code == 403
