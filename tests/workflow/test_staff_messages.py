"""A message on a staff page is shown once, in a status region inside main: on our own staff
pages (staff/base.html) and on viewflow's own task and list pages alike, where viewflow's
toast would repeat it."""

import re

import pytest
from django.urls import reverse

from tests.workflow.conftest import open_task

pytestmark = pytest.mark.django_db


def shown_once_in_main(html: str, text: str) -> None:
    assert html.count(text) == 1, f"{text!r} appears {html.count(text)} times"
    assert "vf-snackbar" not in html.split("</style>")[-1]  # no toast element
    [main] = re.findall(r"(?s)<main\b.*?</main>", html)
    status = re.search(r'(?s)<div class="hp-messages" role="status">(.*?)</div>', main)
    assert status and text in status.group(1)


def test_a_message_after_a_task_is_shown_once_on_the_case_page(client, world, perform):
    sak, process = world.submit()
    response = perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    html = client.get(response.url).content.decode()
    shown_once_in_main(
        html, f"{sak.saksnummer}: søknaden er komplett. Neste steg er vurdering og innstilling."
    )


def test_viewflows_own_pages_show_a_message_once_naming_the_case_by_saksnummer(client, world):
    sak, process = world.submit()
    task = open_task(process, "kontroll", world.programleder)
    client.force_login(world.programleder)
    released = client.post(
        reverse("saker:kontroll:unassign", args=[process.pk, task.pk]), follow=True
    )
    assert released.status_code == 200
    html = released.content.decode()
    shown_once_in_main(html, f"Oppgaven {sak.saksnummer}: Kompletthetskontroll er lagt tilbake.")
    assert not re.search(r"#\d", html.split("<main", 1)[1])

    taken = client.post(reverse("saker:kontroll:assign", args=[process.pk, task.pk]), follow=True)
    html = taken.content.decode()
    shown_once_in_main(html, f"Oppgaven {sak.saksnummer}: Kompletthetskontroll er tildelt.")
    # The next page has no message left over.
    html = client.get(reverse("saker:inbox")).content.decode()
    assert "er tildelt" not in html and 'class="hp-messages"' not in html
