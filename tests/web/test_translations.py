"""The English catalogue is complete, compiled, covers every wrapped string, and pages
render in English under /en/ (Dutch stays the default without a prefix)."""

import ast
import gettext
import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

import armoedemonitor.web
from armoedemonitor.web.programme.models import Period

WEB_DIR = Path(armoedemonitor.web.__file__).parent
PO = WEB_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# The arguments the catalogue is made with (see the report): static files hold no Django strings.
MAKEMESSAGES = {
    "locale": ["en"],
    "ignore_patterns": ["static", "*/static/*"],
    "no_obsolete": True,
    "verbosity": 0,
}


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: 'flags', 'msgctxt', 'msgid', 'msgid_plural', 'msgstr' or
    'msgstr[n]'. Obsolete (#~) entries are left out; the header is the entry with msgid ''."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue  # references, comments and obsolete (#~) lines
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, value = line.split(" ", 1)
            entry[key] = ast.literal_eval(value)
    return entries


def translations(entry: dict) -> list[str]:
    return [value for key, value in sorted(entry.items()) if key.startswith("msgstr")]


def messages(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["msgid"]]


def as_catalog(entries: list[dict]) -> dict:
    """The mapping gettext builds from a .mo: plural forms keyed (msgid, n), context as 'ctx\\x04msgid'."""
    catalog = {}
    for e in messages(entries):
        if "fuzzy" in e["flags"] or not all(translations(e)):
            continue  # msgfmt leaves these out
        msgid = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            for key, value in e.items():
                if key.startswith("msgstr["):
                    catalog[(msgid, int(key[7:-1]))] = value
        else:
            catalog[msgid] = e["msgstr"]
    return catalog


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def test_reader_sees_every_field(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgctxt "c"\nmsgid ""\n"een %(n)s "\n"twee"\nmsgstr "one"\n\n'
        'msgid "kat"\nmsgid_plural "katten"\nmsgstr[0] "cat"\nmsgstr[1] ""\n\n'
        '#~ msgid "oud"\n#~ msgstr "old"\n',
        encoding="utf-8",
    )
    header, first, plural = read_po(po)
    assert header["msgid"] == "" and header["msgstr"] == "Language: en\n"
    assert first == {
        "flags": {"fuzzy", "python-format"},
        "msgctxt": "c",
        "msgid": "een %(n)s twee",
        "msgstr": "one",
    }
    assert translations(plural) == ["cat", ""]
    # msgfmt compiles neither fuzzy nor half-translated entries
    assert as_catalog([header, first, plural]) == {}


def test_english_catalogue_is_complete():
    entries = messages(read_po(PO))
    assert len(entries) > 500  # all five apps, not only dashboard and releases
    untranslated = [e["msgid"] for e in entries if not all(translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plural = [e for e in entries if "msgid_plural" in e]
    assert plural and all(len(translations(e)) == 2 for e in plural)  # nplurals=2 for English


def test_translations_keep_placeholders_and_html():
    problems = []
    for e in messages(read_po(PO)):
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for n, text in enumerate(translations(e)):
            source = sources[min(n, 1)]
            # A singular may spell out "1" instead of %(n)s, so compare the plural form strictly.
            if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source)):
                if not ("msgid_plural" in e and n == 0):
                    problems.append((e["msgid"], text))
            if Counter(TAG.findall(text)) != Counter(TAG.findall(source)):
                problems.append((e["msgid"], text))
    assert problems == []


def test_compiled_catalogue_matches_po():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    compiled = {key: value for key, value in compiled.items() if key != ""}  # header
    assert compiled == as_catalog(read_po(PO)), "run: manage.py compilemessages -l en"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (make system-deps)")
def test_catalogue_covers_every_wrapped_string(tmp_path, settings, monkeypatch):
    """Re-extract the strings from a copy of the web project; the committed catalogue must
    already hold every one of them, so no wrapped string falls back to Dutch on /en/."""
    copy = tmp_path / "web"
    shutil.copytree(WEB_DIR, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", **MAKEMESSAGES)
    extracted = {
        (e.get("msgctxt"), e["msgid"])
        for e in messages(read_po(copy / "locale/en/LC_MESSAGES/django.po"))
    }
    committed = {(e.get("msgctxt"), e["msgid"]) for e in messages(read_po(PO))}
    assert extracted - committed == set(), "run makemessages -l en and translate the new strings"
    assert committed - extracted == set(), (
        "run makemessages -l en --no-obsolete to drop unused strings"
    )


# (path, English heading, Dutch heading) — pages that render with an almost empty database.
PAGES = [
    ("/", "Poverty in the Veenkoloniën", "Armoede in de Veenkoloniën"),
    ("/toegankelijkheid/", "Accessibility statement", "Toegankelijkheidsverklaring"),
    ("/interventies/", "What works against poverty?", "Wat werkt tegen armoede?"),
    (
        "/interventies/overzicht/",
        "How much do we know about what works?",
        "Hoeveel weten we over wat werkt?",
    ),
    (
        "/interventies/matrix/",
        "Who are the interventions for and what are they about?",
        "Voor wie en waarover zijn er interventies?",
    ),
    ("/interventies/werkende-interventies/", "Interventions that work", "Werkende interventies"),
    ("/programma/", "The programme's goal tree", "Doelenboom van het programma"),
    ("/programma/leeragenda/", "Learning agenda", "Leeragenda"),
    ("/programma/rapportage/", "Annual report", "Jaarrapportage"),
    ("/account/inloggen/", "Log in", "Inloggen"),
]


@pytest.fixture
def period(db):
    """The goal tree page needs a period to show progress for."""
    return Period.objects.create(naam="2025", start=date(2025, 1, 1), eind=date(2025, 12, 31))


def heading(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert match, "page has no <h1>"
    return match.group(1).strip()


@pytest.mark.parametrize(("path", "english", "dutch"), PAGES)
def test_page_renders_in_english_under_en(client, period, path, english, dutch):
    response = client.get("/en" + path)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert heading(body) == english
    assert dutch not in body


@pytest.mark.parametrize(("path", "english", "dutch"), PAGES)
def test_page_stays_dutch_without_prefix(client, period, path, english, dutch):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert heading(body) == dutch
    assert english not in body
