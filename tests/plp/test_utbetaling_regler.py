"""The payout rules: pro rata, the held-back limit, the commitment, the auditor, the budget's
categories and the deadline, each refused with a message that says what to do."""

from datetime import date

import pytest

from felles.errors import DomainError
from handlingsplan.services import forpliktelse_release, ledger_verify
from plp.models import Fase, Utbetaling
from plp.services.utbetaling import utbetaling_decide, utbetaling_submit
from plp.services.utbetaling_regler import andel_av_kostnader
from tests.plp.utbetaling_fixtures import (
    fase_running,
    pdf,
    request_kwargs,
    utbetaling_settings,  # noqa: F401
)
from workflow.models import Sak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("utbetaling_settings")]


def test_pro_rata_share_follows_the_grants_share_of_the_cost_base():
    # 100 000 kr of a 250 000 kr cost base is 40 %: 123 457 kr of costs give 49 382 kr.
    assert andel_av_kostnader(kostnader=123_457, tilskudd=100_000, kostnadsgrunnlag=250_000) == (
        49_382
    )
    # Lower actual costs than budgeted: the grant falls with them; never above the grant.
    assert andel_av_kostnader(kostnader=150_000, tilskudd=100_000, kostnadsgrunnlag=200_000) == (
        75_000
    )
    assert andel_av_kostnader(kostnader=900_000, tilskudd=100_000, kostnadsgrunnlag=200_000) == (
        100_000
    )


def test_a_payout_request_carries_the_status_report_due():
    from django.utils import timezone

    from notifications.models import Deadline
    from plp import frister

    fase = fase_running()
    today = timezone.localdate()
    frister.statusrapport_open(fase, today)
    utbetaling_submit(fase=fase, **request_kwargs(avvik="Leverandøren er sen."))
    rapport = fase.statusrapporter.get()
    assert (rapport.per_dato, rapport.fremdrift, rapport.avvik) == (
        today,
        "Milepæl 1 og 2 er nådd.",
        "Leverandøren er sen.",
    )
    assert sorted(rapport.kostnader.values_list("kategori", "belop")) == [
        ("kjop", 20_000),
        ("lonn", 40_000),
    ]
    # The report due is done (the next would fall after the phase's end date).
    reports = Deadline.objects.filter(case_id=fase.pk, kind="statusrapport")
    assert [d.status for d in reports] == ["closed"]


def test_a_payout_within_the_rules_is_sent_and_becomes_a_case():
    fase = fase_running()
    u = utbetaling_submit(fase=fase, **request_kwargs())
    assert (u.status, u.belop_sokt, u.nummer) == (Utbetaling.Status.INNSENDT, 30_000, 1)
    sak = Sak.objects.get(plp_utbetaling=u)
    assert sak.saksnummer == f"{fase.sak.saksnummer}-U1"
    assert sak.emne == u and sak.soknad is None
    assert sorted(u.kostnader.values_list("kategori", "belop")) == [
        ("kjop", 20_000),
        ("lonn", 40_000),
    ]
    assert sorted(u.vedlegg.values_list("type", flat=True)) == ["faktura", "timeliste"]


def test_above_the_grants_share_of_documented_costs_is_refused():
    fase = fase_running()  # 50 %: 60 000 kr of costs allow 30 000 kr
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(belop=30_001))
    assert exc.value.code == "above_cost_share"
    assert "kan være høyst 30 000 kr" in str(exc.value)
    assert "dokumenter flere kostnader" in str(exc.value)
    assert not Utbetaling.objects.exists() and not Sak.objects.filter(soknad=None).exists()


def test_above_the_held_back_limit_before_the_final_report_is_refused():
    fase = fase_running()  # 75 % of 100 000 kr: 75 000 kr before the final report
    kostnader = {"lonn": 100_000, "kjop": 100_000}  # share: 100 000 kr
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(belop=80_000, kostnader=kostnader))
    assert exc.value.code == "above_held_back"
    assert "høyst 75 % av tilskuddet, 75 000 kr i alt" in str(exc.value)
    assert "kan være høyst 75 000 kr" in str(exc.value)
    u = utbetaling_submit(fase=fase, **request_kwargs(belop=75_000, kostnader=kostnader))
    assert u.belop_sokt == 75_000


def test_after_the_final_report_is_approved_the_rest_may_be_paid():
    fase = fase_running(status=Fase.Status.AVSLUTTET)
    kostnader = {"lonn": 100_000, "kjop": 100_000}
    u = utbetaling_submit(
        fase=fase, **request_kwargs(type="slutt", belop=100_000, kostnader=kostnader)
    )
    assert u.belop_sokt == 100_000


def test_above_what_remains_of_the_commitment_is_refused():
    fase = fase_running()
    forpliktelse_release(forpliktelse=fase.forpliktelse, amount=80_000, reason="Endret")
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(belop=30_000))
    assert exc.value.code == "beyond_commitment"
    assert "gjenstår av tilsagnet (20 000 kr)" in str(exc.value)
    assert "Senk beløpet til høyst 20 000 kr" in str(exc.value)


def test_costs_in_a_category_not_in_the_approved_budget_are_refused():
    fase = fase_running(kategorier=("lonn",))
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs())
    assert exc.value.code == "category_not_in_budget"
    assert "«Kjøp av tjenester» er ikke med i det godkjente budsjettet" in str(exc.value)
    assert not Utbetaling.objects.exists()


def test_above_the_auditor_limit_a_confirmation_is_required():
    fase = fase_running(tilskudd=200_000, kostnadsgrunnlag=400_000)
    kostnader = {"lonn": 150_000, "kjop": 100_000}  # 250 000 kr > 200 000 kr
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(kostnader=kostnader))
    assert exc.value.code == "auditor_required"
    assert "Legg ved en bekreftelse fra regnskapsfører eller revisor" in str(exc.value)
    vedlegg = [("faktura", pdf()), ("revisor", pdf("revisor.pdf"))]
    u = utbetaling_submit(fase=fase, **request_kwargs(kostnader=kostnader, vedlegg=vedlegg))
    assert u.vedlegg.filter(type="revisor").count() == 1


def test_after_the_payout_deadline_no_request_is_taken():
    fase = fase_running(utbetalingsfrist=date(2026, 1, 31))
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(idag=date(2026, 2, 1)))
    assert exc.value.code == "past_deadline"
    assert "31.01.2026" in str(exc.value) and "forlenget frist" in str(exc.value)


def test_a_bad_account_number_or_a_file_that_is_not_what_it_says_is_refused():
    fase = fase_running()
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(kontonummer="86011117948"))
    assert exc.value.field == "kontonummer"
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("faktura.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(vedlegg=[("faktura", fake)]))
    assert exc.value.code == "wrong_type"
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(vedlegg=[]))
    assert exc.value.code == "no_documentation"
    assert not Utbetaling.objects.exists()


def test_approval_checks_again_against_what_was_paid_meanwhile():
    fase = fase_running()
    kostnader = {"lonn": 100_000, "kjop": 20_000}  # share 60 000 kr
    first = utbetaling_submit(fase=fase, **request_kwargs(belop=60_000, kostnader=kostnader))
    # The commitment shrinks before the programleder decides.
    forpliktelse_release(forpliktelse=fase.forpliktelse, amount=50_000, reason="Endret")
    with pytest.raises(DomainError) as exc:
        utbetaling_decide(utbetaling=first, by=None, utfall="godkjenn")
    assert exc.value.code == "beyond_commitment"
    first.refresh_from_db()
    assert first.status == Utbetaling.Status.INNSENDT and first.postering is None
    assert ledger_verify() == []


def test_a_second_open_request_waits_for_the_first():
    fase = fase_running()
    utbetaling_submit(fase=fase, **request_kwargs(belop=10_000))
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs(belop=10_000))
    assert exc.value.code == "open_request"


def test_a_phase_not_running_takes_no_request():
    fase = fase_running(status=Fase.Status.IKKE_STARTET)
    with pytest.raises(DomainError) as exc:
        utbetaling_submit(fase=fase, **request_kwargs())
    assert exc.value.code == "wrong_state"
    fase.refresh_from_db()
    assert fase.status == Fase.Status.IKKE_STARTET
