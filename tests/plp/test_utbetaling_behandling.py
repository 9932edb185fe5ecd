"""The programleder's decision: approval posts the payout against the commitment and the pots
reconcile; a reduction is a decision with a letter and appeal rights; a returned request
comes back; the accounting export and the payment date."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from felles.errors import DomainError
from handlingsplan.models import Postering
from handlingsplan.services import ledger_verify
from notifications.models import Deadline, Message
from plp.models import Utbetaling
from plp.services.utbetaling import utbetaling_decide, utbetaling_resubmit, utbetaling_submit
from plp.services.utbetaling_betaling import utbetaling_mark_paid, utbetalinger_export
from tests.plp.utbetaling_fixtures import (
    KONTO,
    fase_running,
    pdf,
    request_kwargs,
    utbetaling_settings,  # noqa: F401
)
from workflow.models import Brev, Sak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("utbetaling_settings")]
S = Utbetaling.Status


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def _sent(template):
    return Message.objects.filter(template=template).order_by("to_email")


def test_approval_posts_the_payout_and_the_pots_reconcile():
    fase = fase_running()
    pot = fase.forpliktelse.pot
    u = utbetaling_submit(fase=fase, **request_kwargs())
    pl = fase.prosjekt.programleder
    deadline = Deadline.objects.get(kind="utbetaling")
    assert (deadline.user, deadline.status) == (pl, Deadline.Status.OPEN)

    u = utbetaling_decide(utbetaling=u, by=pl, utfall="godkjenn")

    assert (u.status, u.belop_godkjent) == (S.GODKJENT, 30_000)
    entry = Postering.objects.get(pk=u.postering_id)
    assert (entry.type, entry.belop, entry.forpliktelse_id, entry.pot_id) == (
        Postering.Type.UTBETALING,
        30_000,
        fase.forpliktelse_id,
        pot.pk,
    )
    assert entry.vedtaksreferanse == u.sak.saksnummer
    fase.forpliktelse.refresh_from_db()
    pot.refresh_from_db()
    assert (fase.forpliktelse.utbetalt, fase.forpliktelse.gjenstaende) == (30_000, 70_000)
    assert pot.utbetalt == 30_000
    assert ledger_verify() == []
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.CLOSED
    mails = list(_sent("plp_utbetaling"))
    assert [m.to_email for m in mails] == ["kari@bedrift.example", "ola@bedrift.example"]
    assert mails[0].context["approved"] == "30 000 kr" and not mails[0].is_legal
    assert not Brev.objects.exists()
    assert Sak.objects.get(plp_utbetaling=u).avsluttet is not None


def test_a_reduction_is_a_decision_with_a_letter_and_appeal_rights():
    fase = fase_running()
    u = utbetaling_submit(fase=fase, **request_kwargs())
    pl = fase.prosjekt.programleder
    with pytest.raises(DomainError) as exc:
        utbetaling_decide(utbetaling=u, by=pl, utfall="reduser", belop=20_000)
    assert exc.value.field == "begrunnelse"
    with pytest.raises(DomainError):
        utbetaling_decide(utbetaling=u, by=pl, utfall="reduser", belop=30_000, begrunnelse="x")

    u = utbetaling_decide(
        utbetaling=u,
        by=pl,
        utfall="reduser",
        belop=20_000,
        begrunnelse="Reisekostnader uten kvittering er trukket fra.",
    )

    assert (u.status, u.belop_godkjent, u.redusert) == (S.GODKJENT, 20_000, True)
    assert fase.forpliktelse.__class__.objects.get(pk=fase.forpliktelse_id).utbetalt == 20_000
    brev = Brev.objects.get(sak__plp_utbetaling=u, type=Brev.Type.UTBETALINGSBREV)
    text = pdf_text(bytes(brev.pdf))
    assert "Vedtak om redusert utbetaling" in text
    assert "30 000 kr" in text and "20 000 kr" in text
    assert "Reisekostnader uten kvittering er trukket fra." in text
    assert "Klageadgang" in text and "forvaltningsloven § 18" in text
    mail = _sent("plp_utbetaling").first()
    assert mail.is_legal and mail.attachments.get().filename == brev.filnavn
    assert ledger_verify() == []


def test_a_returned_request_is_corrected_and_sent_again():
    fase = fase_running()
    u = utbetaling_submit(fase=fase, **request_kwargs())
    pl = fase.prosjekt.programleder
    u = utbetaling_decide(
        utbetaling=u, by=pl, utfall="returner", begrunnelse="Timelisten mangler signatur."
    )
    assert u.status == S.RETURNERT and u.postering_id is None
    assert _sent("plp_utbetaling").first().context["returned"] is True
    with pytest.raises(DomainError):
        utbetaling_decide(utbetaling=u, by=pl, utfall="godkjenn")

    u = utbetaling_resubmit(
        utbetaling=u,
        by=None,
        belop=25_000,
        kontonummer=KONTO,
        kostnader={"lonn": 50_000},
        fremdrift="Rettet.",
        vedlegg=[("timeliste", pdf("timer-signert.pdf"))],
    )
    assert (u.status, u.belop_sokt) == (S.INNSENDT, 25_000)
    assert list(u.kostnader.values_list("kategori", "belop")) == [("lonn", 50_000)]
    assert u.vedlegg.count() == 3
    assert Deadline.objects.filter(kind="utbetaling", status=Deadline.Status.OPEN).count() == 1
    u = utbetaling_decide(utbetaling=u, by=pl, utfall="godkjenn")
    assert u.belop_godkjent == 25_000
    assert ledger_verify() == []


def test_the_export_lists_approved_unpaid_payouts_and_marking_paid_removes_them():
    a = fase_running()
    b = fase_running()
    ua = utbetaling_decide(
        utbetaling=utbetaling_submit(fase=a, **request_kwargs()), by=None, utfall="godkjenn"
    )
    ub = utbetaling_decide(
        utbetaling=utbetaling_submit(fase=b, **request_kwargs(belop=12_345)),
        by=None,
        utfall="godkjenn",
    )
    utbetaling_submit(fase=fase_running(), **request_kwargs())  # not approved: not exported

    content, ids = utbetalinger_export()

    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0] == ["orgnr", "kontonummer", "belop", "saksnummer", "referanse"]
    assert rows[1:] == [
        ["988077917", KONTO, "30000", ua.sak.saksnummer, f"{a.prosjekt.navn} delutbetaling 1"],
        ["988077917", KONTO, "12345", ub.sak.saksnummer, f"{b.prosjekt.navn} delutbetaling 1"],
    ]
    assert ids == [ua.pk, ub.pk]
    ua.refresh_from_db()
    assert ua.eksportert is not None

    with pytest.raises(DomainError) as exc:
        utbetaling_mark_paid(
            utbetaling=ua, betalt_dato=timezone.localdate() + timedelta(days=1), by=None
        )
    assert exc.value.field == "betalt_dato"
    paid = utbetaling_mark_paid(utbetaling=ua, betalt_dato=timezone.localdate(), by=None)
    assert (paid.status, paid.betalt_dato) == (S.BETALT, timezone.localdate())
    with pytest.raises(DomainError):
        utbetaling_mark_paid(utbetaling=ua, betalt_dato=timezone.localdate(), by=None)

    content, ids = utbetalinger_export()
    assert ids == [ub.pk] and ua.sak.saksnummer not in content
    # Paying is bookkeeping of the request: the ledger had the payout from the approval.
    assert Postering.objects.filter(type=Postering.Type.UTBETALING).count() == 2
    assert ledger_verify() == []
