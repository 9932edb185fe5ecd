"""One number for a case on the staff pages: its saksnummer, never viewflow's process and task
numbers ("#4", "#4/18") in the inbox, the archive, the lists of all processes and tasks, a
task page, a finished task or the administrator's process page."""

import re

import pytest
from django.urls import reverse

from felles.roles import Rolle
from tests.factories import staff_user

from .conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db

ENGINE_NUMBER = re.compile(r"#\d+(/\d+)?")


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", "", html)
    return re.sub(r"<[^>]+>", " ", html)


def page_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_staff_pages_name_a_case_by_its_saksnummer(client, world, perform):
    sak, process = world.submit()
    nr = sak.saksnummer
    done = open_task(process, "kontroll", world.programleder)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    vote = open_task(process, "stemme", world.medlem1)
    admin = staff_user(Rolle.ADMINISTRATOR)

    pages = {
        world.medlem1: [
            reverse("saker:inbox"),
            reverse("saker:stemme:execute", args=[process.pk, vote.pk]),
        ],
        world.programleder: [
            reverse("saker:archive"),
            reverse("saker:kontroll:detail", args=[process.pk, done.pk]),
        ],
        admin: [
            reverse("saker:process_list"),
            reverse("saker:task_list"),
            reverse("saker:process_detail", args=[process.pk]),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            html = page_of(client, url)
            text = visible_text(html)
            assert nr in text, url
            assert not ENGINE_NUMBER.search(text), (url, ENGINE_NUMBER.findall(text))

    # In the lists the saksnummer is the link: to the task, or to the case page.
    client.force_login(world.medlem1)
    task_url = reverse("saker:stemme:index", args=[process.pk, vote.pk])
    assert f'<a href="{task_url}">{nr}</a>' in page_of(client, reverse("saker:inbox"))
    client.force_login(admin)
    case_url = reverse("saker:sak_nr", args=[nr])
    assert f'<a href="{case_url}">{nr}</a>' in page_of(client, reverse("saker:process_list"))
    assert client.get(case_url).url == reverse("saker:sak", args=[sak.pk])
