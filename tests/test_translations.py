"""The translation catalogs: English for every product string, bokmål for viewflow's own.

The product's source strings are bokmål; config/locale/en holds the English of each of
them, config/locale/nb the bokmål of the English strings django-viewflow shows staff.
Both the .po and the compiled .mo files are committed, so running the app needs no gettext.
"""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from felles.roles import Rolle
from tests.factories import staff_user
from tests.handlingsplan.plan_fixtures import small_plan

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "config" / "locale"
CATALOGS = {lang: LOCALE / lang / "LC_MESSAGES" / "django.po" for lang in ("en", "nb")}

# What `make messages` leaves out of the English catalog.
IGNORED = {".venv", "var", "tests", "bench", "node_modules"}


def _unquote(line: str) -> str:
    body = line.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], body)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file (no obsolete ones): msgctxt, msgid, msgid_plural, msgstr, flags."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"msgctxt": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry = None
                break
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if isinstance(field, int):
                    entry["msgstr"][field] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
            else:
                keyword, _, value = line.partition(" ")
                index = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                field = int(index.group(1)) if index else keyword
                if keyword == "msgstr":
                    field = 0
                if isinstance(field, int):
                    entry["msgstr"][field] = _unquote(value)
                else:
                    entry[field] = _unquote(value)
        if entry is not None:
            entries.append(entry)
    return entries


def keys(entries) -> set[tuple]:
    return {(e["msgctxt"], e["msgid"], e["msgid_plural"]) for e in entries if e["msgid"]}


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_catalog_is_complete_and_not_fuzzy(lang):
    entries = parse_po(CATALOGS[lang])
    header = entries[0]
    assert header["msgid"] == ""
    assert f"Language: {lang}\n" in header["msgstr"][0]
    assert "charset=UTF-8" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]
    messages = entries[1:]
    assert messages, "the catalog is empty"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert fuzzy == []
    untranslated = [
        e["msgid"]
        for e in messages
        if not all(e["msgstr"].values()) or len(e["msgstr"]) != (2 if e["msgid_plural"] else 1)
    ]
    assert untranslated == []


def test_english_keeps_every_placeholder():
    pattern = re.compile(r"%\(\w+\)[sd]|%%|%[sd]|\{\w+\}|</?\w+[^>]*>")
    wrong = []
    for e in parse_po(CATALOGS["en"])[1:]:
        sources = [e["msgid"], e["msgid_plural"] or e["msgid"]]
        for index, text in e["msgstr"].items():
            if sorted(pattern.findall(text)) != sorted(pattern.findall(sources[min(index, 1)])):
                wrong.append((e["msgid"], text))
    assert wrong == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not on PATH")
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_committed_mo_is_what_msgfmt_makes_of_the_po(lang, tmp_path):
    po = CATALOGS[lang]
    fresh = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", str(fresh), str(po)],
        check=True,
        capture_output=True,
    )
    with open(po.with_suffix(".mo"), "rb") as committed_file, open(fresh, "rb") as fresh_file:
        committed = gettext.GNUTranslations(committed_file)
        compiled = gettext.GNUTranslations(fresh_file)
    assert committed._catalog == compiled._catalog
    assert committed.plural(1) == compiled.plural(1) == 0
    assert committed.plural(5) == compiled.plural(5) == 1


def test_english_gettext():
    with translation.override("en"):
        assert translation.gettext("Handlingsplan") == "Action plan"
        assert translation.gettext("Programleder") == "Programme manager"
        assert translation.gettext("Min side") == "My page"
        assert (
            translation.ngettext("%(days)s dag på overtid", "%(days)s dager på overtid", 3)
            % {"days": 3}
            == "3 days overdue"
        )
    with translation.override("nb"):
        assert translation.gettext("Handlingsplan") == "Handlingsplan"
        assert translation.gettext("Applications") == "Moduler"
        assert translation.gettext("Log out") == "Logg ut"
        assert translation.pgettext("STATUS", "Done") == "Fullført"


def switch_language(client, lang, next_url="/soknad/"):
    """Choose the language the way the language switch on every page does."""
    response = client.post(reverse("set_language"), {"language": lang, "next": next_url})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == lang


@pytest.mark.django_db
def test_public_pages_in_english(client):
    small_plan()
    switch_language(client, "en")
    start = client.get("/soknad/").content.decode()
    assert '<html lang="en"' in start
    assert "Apply for support from the restructuring programme" in start
    assert "Start a new application" in start
    assert "Søk om støtte" not in start

    login = client.get("/min-side/logg-inn/").content.decode()
    assert "Log in to My page" in login
    assert "Send me a login link" in login


@pytest.mark.django_db
def test_staff_login_page_in_english_and_bokmal(client):
    switch_language(client, "en")
    page = client.get("/accounts/login/").content.decode()
    assert "Log in" in page
    assert "Reset password" in page
    assert "Logg inn" not in page

    switch_language(client, "nb")
    page = client.get("/accounts/login/").content.decode()
    assert "Logg inn" in page
    assert "Tilbakestill passord" in page
    assert "Reset password" not in page


@pytest.mark.django_db
def test_staff_plan_overview_in_english_and_bokmal(client):
    plan = small_plan()
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    url = reverse("handlingsplan:index")

    switch_language(client, "en", url)
    page = client.get(url).content.decode()
    for text in (
        "Action plan",
        "Plan overview",
        "Budget per focus area",
        "Strategies and pots",
        "Adopted by the municipal council",
        "Log out",
    ):
        assert text in page, text
    assert "Innsatsområde" not in page
    pot = client.get(reverse("handlingsplan:pot", kwargs={"pk": plan["pot_a"].pk}))
    assert "Allocation from the action plan" in pot.content.decode()

    switch_language(client, "nb", url)
    page = client.get(url).content.decode()
    assert "Budsjett per innsatsområde" in page
    # viewflow's own menu, in bokmål
    assert "Moduler" in page
    assert "Logg ut" in page
    assert ">Applications<" not in re.sub(r"\s+", "", page)


SOURCE_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "locale", "*.mo", "*.po")


def test_makemessages_finds_no_new_string(tmp_path):
    """A copy of the sources (not .venv, var or the tests) gives no msgid the catalog lacks."""
    copy = tmp_path / "src"
    copy.mkdir()
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    for path in ROOT.iterdir():
        is_source = (path / "__init__.py").exists() or path.name == "templates"
        if is_source and path.name not in IGNORED:
            shutil.copytree(path, copy / path.name, ignore=SOURCE_SKIP)
    (copy / "config" / "locale").mkdir()
    ignores = [f"--ignore={name}" for name in sorted(IGNORED)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", *ignores],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = keys(parse_po(copy / "config" / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    committed = keys(parse_po(CATALOGS["en"]))
    assert len(extracted) > len(committed) // 2, "the copy lacks sources"
    new = sorted(extracted - committed, key=str)
    assert new == [], "run `make messages` and translate the new strings"


def test_no_app_has_its_own_locale_directory():
    """makemessages would give such an app its own catalog; every string lives in config/locale."""
    own = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/**/locale")
        if path.parts[len(ROOT.parts)] not in IGNORED | {".git"} and path != LOCALE
    ]
    assert own == []
