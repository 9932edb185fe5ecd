"""The payout pages: the applicant sends a request on their page, the programleder approves
it in the staff frame, exports the file and records the payment; others see nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from felles.roles import Rolle
from handlingsplan.services import ledger_verify
from plp.models import Utbetaling
from tests.factories import UserFactory, staff_user
from tests.plp.utbetaling_fixtures import (
    KONTO,
    fase_running,
    pdf,
    utbetaling_settings,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("utbetaling_settings")]


def test_applicant_requests_programleder_approves_exports_and_records_payment(client):
    fase = fase_running()
    soker = UserFactory(email="kari@bedrift.example")
    client.force_login(soker)
    url = reverse("plp_utbetaling:fase", args=[fase.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Be om utbetaling" in page.content.decode()

    refused = client.post(
        url,
        {
            "type": "del",
            "belop": "40 000",
            "kontonummer": KONTO,
            "kost_lonn": "40 000",
            "kost_kjop": "20 000",
            "fremdrift": "Milepæl 1 nådd.",
            "faktura": pdf(),
        },
    )
    assert refused.status_code == 200
    assert "kan være høyst 30 000 kr" in refused.content.decode()
    assert not Utbetaling.objects.exists()

    sent = client.post(
        url,
        {
            "type": "del",
            "belop": "30 000",
            "kontonummer": "8601 11 17947",
            "kost_lonn": "40 000",
            "kost_kjop": "20 000",
            "fremdrift": "Milepæl 1 nådd.",
            "faktura": pdf(),
        },
    )
    u = Utbetaling.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse(
        "plp_utbetaling:vis", args=[u.pk]
    )

    other = UserFactory(email="noen@annet.example")
    client.force_login(other)
    assert client.get(reverse("plp_utbetaling:vis", args=[u.pk])).status_code == 404
    vedlegg = u.vedlegg.get()
    assert client.get(reverse("plp_utbetaling:vedlegg", args=[vedlegg.pk])).status_code == 404

    pl = fase.prosjekt.programleder
    client.force_login(pl)
    index = client.get(reverse("utbetaling:index"))
    assert index.status_code == 200 and u.sak.saksnummer in index.content.decode()
    approved = client.post(reverse("utbetaling:behandle", args=[u.pk]), {"utfall": "godkjenn"})
    assert approved.status_code == 302
    u.refresh_from_db()
    assert (u.status, u.belop_godkjent) == (Utbetaling.Status.GODKJENT, 30_000)

    export = client.post(reverse("utbetaling:eksport"))
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    assert f"988077917;{KONTO};30000;{u.sak.saksnummer};" in export.content.decode()

    paid = client.post(
        reverse("utbetaling:betalt", args=[u.pk]), {"betalt_dato": timezone.localdate().isoformat()}
    )
    assert paid.status_code == 302
    u.refresh_from_db()
    assert u.status == Utbetaling.Status.BETALT
    assert "30 000 kr" in client.get(reverse("utbetaling:index")).content.decode()
    assert ledger_verify() == []

    observer = staff_user(Rolle.OBSERVATOR)
    client.force_login(observer)
    assert client.get(reverse("utbetaling:behandle", args=[u.pk])).status_code == 200
    assert client.post(reverse("utbetaling:eksport")).status_code == 403
