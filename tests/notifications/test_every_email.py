"""Every e-mail the product sends goes through the outbox, and every e-mail template, in
any app, renders in bokmål and English with the context its sender gives it.

The contexts below are what the senders pass (soknader.epost, soknader.sak,
handlingsplan.services.ledger, the reminder, digest and tracking services), sent
through JSON as the outbox stores them. A new template needs its context here.
"""

import copy
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.utils import get_app_template_dirs
from django.utils import timezone

from notifications.registry import template_name, template_names
from notifications.rendering import TEMPLATE_DIR, render

REPO = Path(settings.BASE_DIR)
MISSING = "@@MISSING:%s@@"
NOW = timezone.now()
MINSIDE = "https://omstilling.example/min-side/sak/2026-0014/"
APPLICATION = {"soknad_title": "Sensorer for fjellgårder & setrer", "reference": "2026-0014"}
DEADLINE_ROW = {
    "title": "Statusrapport 1: Sensorer",
    "due_at": NOW,
    "url": "https://omstilling.example/prosjekt/3/",
    "owner": "kari@bedrift.example",
}
PROJECT = {
    "project": "Sensorer for fjellgårder & setrer",
    "phase": "forstudie",
    "reference": "2026-0014",
    "url": "https://omstilling.example/min-side/prosjekt/3/",
}
CONTEXTS = {
    "plp_bortfall": {
        **PROJECT,
        "reason": "Prosjektet startet ikke innen fristen.",
        "amount": "80 000 kr",
    },
    "plp_bortfall_varsel": {**PROJECT, "deadline": "15.06.2027", "start_deadline": "01.06.2027"},
    "plp_rest_varsel": {
        **PROJECT,
        "amount": "20 000 kr",
        "payout_deadline": "01.06.2027",
        "deadline": "15.06.2027",
    },
    "plp_rest_bortfall": {**PROJECT, "amount": "20 000 kr", "payout_deadline": "01.06.2027"},
    "plp_neste_fase": {**PROJECT, "decision_point": "BP2 Gå til forprosjekt"},
    "plp_prosjekt_avsluttet": {**PROJECT, "status": "Stoppet", "released": "20 000 kr"},
    "plp_sluttrapport_godkjent": {**PROJECT, "released": "20 000 kr", "remaining": "60 000 kr"},
    "plp_sluttrapport_returnert": {**PROJECT, "note": "Legg ved timelister."},
    "plp_endring_vedtak": {**PROJECT, "granted": True, "change": "Tid (forlenget frist)"},
    "plp_tilbakebetaling": {**PROJECT, "amount": "10 000 kr"},
    "plp_utbetaling": {
        "title": "Nytt produkt",
        "reference": "2026-0001-U1",
        "url": "https://omstilling.example/min-side/utbetaling/1/",
        "returned": False,
        "reduced": True,
        "requested": "30 000 kr",
        "approved": "20 000 kr",
        "reason": "Reiser uten kvittering er trukket fra.",
    },
    "receipt": {
        **APPLICATION,
        "applicant_name": "Kari Nordmann",
        "submitted_at": "02.03.2026",
        "handling_days": 14,
        "url": MINSIDE,
    },
    "soknad_utkast": {"tittel": "Sensorer for fjellgårder", "url": "https://omstilling.example/x/"},
    "login_link": {"url": "https://omstilling.example/min-side/?sesame=abc", "valid_minutes": 30},
    "information_request": {
        **APPLICATION,
        "questions": "Hvem eier utstyret etter prosjektet?",
        "answer_by": "20.03.2026",
        "url": MINSIDE,
    },
    "board_task_assigned": {
        "name": "Siri Styremedlem",
        "task_title": "Stem i sak 2026-0014",
        "reference": "2026-0014",
        "due_at": NOW,
        "url": "https://omstilling.example/workflow/saker/inbox/",
    },
    "decision_letter": {
        **APPLICATION,
        "granted": True,
        "amount": "150 000 kr",
        "appeal_days": 21,
        "url": MINSIDE,
    },
    "acceptance_confirmation": {
        **APPLICATION,
        "amount": "150 000 kr",
        "accepted_at": "01.04.2026",
        "url": MINSIDE,
    },
    "lapse_notice": {
        **APPLICATION,
        "amount": "150 000 kr",
        "reason": "Tilsagnet ble ikke akseptert innen fristen.",
        "url": MINSIDE,
    },
    "case_closed": {
        **APPLICATION,
        "withdrawn": True,
        "reason": "Prosjektet er utsatt.",
        "released": "150 000 kr",
        "url": MINSIDE,
    },
    "cancellation_notice": {
        **APPLICATION,
        "amount": "150 000 kr",
        "decision": "2026-0014-V",
        "reason": "Prosjektet er ikke startet.",
        "deadline": "20.03.2026",
        "url": MINSIDE,
    },
    "cancellation_dropped": {
        **APPLICATION,
        "reason": "Prosjektet er i gang likevel.",
        "url": MINSIDE,
    },
    "appeal_received": {
        **APPLICATION,
        "appeal_reference": "2026-0014-K1",
        "received": "02.04.2026",
        "late": True,
        "deadline": "25.03.2026",
        "url": MINSIDE,
    },
    "appeal_letter": {
        **APPLICATION,
        "kind": "klagevedtak",
        "appeal_reference": "2026-0014-K1",
        "appeal_body": "Kommunestyret i Sel kommune",
        "result": "Klagen er ikke tatt til følge (vedtaket stadfestet)",
        "amount": "",
        "url": MINSIDE,
    },
    "pot_reallocated": {
        "amount": "120 000 kr",
        "from_pot": "A Reiseliv",
        "to_pot": "B Næringsutvikling",
        "reason": "Flere søknader om næringsutvikling",
        "reference": "PS 12/26",
        "by": "Pia Leder",
        "url": "https://omstilling.example/handlingsplan/",
    },
    "reminder_before": {
        "title": "Statusrapport 1: Sensorer",
        "kind": "statusrapport",
        "due_at": NOW,
        "offset_days": 14,
        "url": "https://omstilling.example/prosjekt/3/",
        "owner_name": "Kari Nordmann",
        "owner_email": "kari@bedrift.example",
    },
    "reminder_late": {
        "title": "Statusrapport 1: Sensorer",
        "kind": "statusrapport",
        "due_at": NOW,
        "offset_days": 1,
        "url": "https://omstilling.example/prosjekt/3/",
        "owner_name": "Kari Nordmann",
        "owner_email": "kari@bedrift.example",
    },
    "escalation": {
        "title": "Statusrapport 1: Sensorer",
        "kind": "statusrapport",
        "due_at": NOW,
        "offset_days": 7,
        "url": "https://omstilling.example/prosjekt/3/",
        "owner_name": "Kari Nordmann",
        "owner_email": "kari@bedrift.example",
    },
    "daily_digest": {
        "name": "Pia Leder",
        "tasks": [{"title": "Kompletthetskontroll", "created": NOW}],
        "late": [DEADLINE_ROW],
        "week": [DEADLINE_ROW],
        "escalated": [DEADLINE_ROW],
    },
    "programleder_notice": {
        **APPLICATION,
        "name": "Pia Leder",
        "kind": "svar_mottatt",
        "organisation": "Fjellgården AS",
        "detail": "Regnskapet er vedlagt.",
        "url": "https://omstilling.example/staff/saker/sak/3/oppgave/",
    },
    "legal_letter_bounced": {
        "to_email": "kari@bedrift.example",
        "subject": "Vedtak i sak 2026-0014",
        "sent_at": NOW,
        "reason": "550 5.1.1 User unknown",
        "message_id": 12,
        "url": "https://omstilling.example/varsler/12/",
    },
}


def template_dirs() -> list[Path]:
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    return [*dirs, *map(Path, get_app_template_dirs("templates"))]


def email_templates() -> dict[str, Path]:
    """Every `notifications/email/<name>.subject.txt` in the project's template folders."""
    found = {}
    for folder in template_dirs():
        for subject in sorted((folder / TEMPLATE_DIR).glob("*.subject.txt")):
            found.setdefault(subject.name.removesuffix(".subject.txt"), subject.parent)
    return found


TEMPLATES = email_templates()


def as_stored(context: dict) -> dict:
    """The outbox keeps the context as JSON (dates become ISO text)."""
    return json.loads(json.dumps(context, cls=DjangoJSONEncoder))


@pytest.fixture
def strict_templates(settings):
    """A variable the template names but the context lacks shows in the output."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = MISSING
    settings.TEMPLATES = templates


def test_the_templates_of_every_app_are_found():
    assert {"receipt", "soknad_utkast", "decision_letter", "daily_digest"} <= set(TEMPLATES)
    assert TEMPLATES["soknad_utkast"].is_relative_to(REPO / "soknader")


def test_every_template_has_a_representative_context_here():
    assert set(TEMPLATES) == set(CONTEXTS), "add a context for each new e-mail template"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_has_a_name_people_read(name):
    """The e-mail log and the case pages show a template by its name, never its id."""
    assert name in template_names(), f"register a name for {name!r} (notifications.kinds)"
    assert str(template_name(name)) not in {name, "E-post"}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_has_its_three_parts(name):
    folder = TEMPLATES[name]
    for part in (".subject.txt", ".txt", ".html"):
        assert (folder / f"{name}{part}").is_file(), f"{name}{part}"


@pytest.mark.parametrize("is_legal", [False, True], ids=["notice", "legal"])
@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_every_template_renders_with_its_senders_context(
    strict_templates, name, language, is_legal
):
    rendered = render(
        template=name,
        context=as_stored(CONTEXTS[name]),
        language=language,
        is_legal=is_legal,
        to_email="kari@bedrift.example",
    )

    for part in (rendered.subject, rendered.text, rendered.html):
        assert "@@MISSING:" not in part, re.findall(r"@@MISSING:[^@]*@@", part)
        assert "{{" not in part and "{%" not in part
    assert rendered.subject and "\n" not in rendered.subject
    assert "&amp;" not in rendered.subject + rendered.text  # plain text is not escaped
    assert f'<html lang="{language}">' in rendered.html
    assert "https://omstilling.example/" in rendered.text  # links from the site URL
    if not is_legal:
        assert "https://omstilling.example/varsler/innstillinger/" in rendered.text


SENDING = re.compile(
    r"\b(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage|"
    r"EmailMultiAlternatives|get_connection|send_messages)\b"
)


def product_sources():
    for path in sorted(REPO.rglob("*.py")):
        relative = path.relative_to(REPO)
        if relative.parts[0] in {".venv", "tests", "var", "bench", "notifications"}:
            continue
        if "migrations" in relative.parts or relative.parts[0].endswith(".egg-info"):
            continue
        yield relative, path.read_text()


def test_no_code_outside_notifications_sends_mail_itself():
    direct = [
        f"{relative}:{text.count(chr(10), 0, match.start()) + 1}: {match.group()}"
        for relative, text in product_sources()
        for match in SENDING.finditer(text)
    ]
    assert direct == [], "send through notifications.services.message_send"


def test_every_template_a_sender_names_exists():
    named = {
        match
        for _relative, text in product_sources()
        for match in re.findall(r'\btemplate="([a-z_]+)"', text)
    }
    named |= set(re.findall(r'\btemplate="([a-z_]+)"', _read("notifications/services")))
    assert named, "the senders were not found"
    assert named <= set(TEMPLATES), named - set(TEMPLATES)


def _read(folder: str) -> str:
    return "\n".join(p.read_text() for p in sorted((REPO / folder).rglob("*.py")))
