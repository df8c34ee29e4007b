"""What keeps the site fast and whole under load: WAL, public pages and figures kept
per release (and new ones after an import), no network wait for boundaries."""

import socket

import pytest
from django.db import connection

from armoedemonitor.web.dashboard import figures, geo
from armoedemonitor.web.releases.models import Definition

pytestmark = pytest.mark.django_db

LOCMEM = {alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"t-{alias}"}
          for alias in ("default", "pages", "figures")}


@pytest.fixture
def memory_caches(settings):
    settings.CACHES = LOCMEM
    from django.core.cache import caches

    for alias in LOCMEM:
        caches[alias].clear()
    yield
    for alias in LOCMEM:
        caches[alias].clear()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path, settings):
    from django.conf import settings as live

    options = live.DATABASES["default"].get("OPTIONS", {})
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no journal mode")
    assert "journal_mode=WAL" in options["init_command"] and options["timeout"] >= 10
    import sqlite3

    probe = sqlite3.connect(tmp_path / "probe.sqlite3")
    for command in options["init_command"].split(";"):
        probe.execute(command)
    assert probe.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_public_page_is_served_from_memory_until_a_new_release(client, hand_release, make_release, memory_caches):
    first = client.get("/").content.decode()
    assert "Mensen met een laag inkomen" in first
    Definition.objects.filter(indicator="laag_inkomen_personen").update(naam="Gewijzigd zonder import")
    assert "Gewijzigd zonder import" not in client.get("/").content.decode()  # the same release: kept
    newer = make_release(name="nieuw", version="2.0.0", sha="b" * 64)
    Definition.objects.filter(release=newer, indicator="laag_inkomen_personen").update(naam="Uit de nieuwe release")
    assert "Uit de nieuwe release" in client.get("/").content.decode()  # import made it current


def test_kept_page_gets_a_fresh_csrf_token_per_visitor(client, hand_release, memory_caches):
    from django.test import Client

    client.get("/")
    other = Client()
    page = other.get("/")
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert len(token) == 64 and "\x00" not in token
    assert other.cookies.get("csrftoken")  # the token belongs to this visitor's cookie
    response = other.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_logged_in_pages_are_not_kept(client, hand_release, memory_caches, django_user_model):
    from django.core.cache import caches

    user = django_user_model.objects.create_user("lezer", password="Lang-en-sterk-2026")
    client.force_login(user)
    assert client.get("/").status_code == 200
    assert not caches["pages"]._cache  # a page with a visitor's session is never kept
    client.logout()
    client.cookies.clear()
    client.get("/")
    assert len(caches["pages"]._cache) == 1


def test_figures_are_computed_once_per_release(hand_release, memory_caches, django_assert_num_queries):
    indicator = figures.indicators(hand_release)["laag_inkomen_personen"]
    figures.figures(hand_release, indicator, 2022, "gemeente")
    with django_assert_num_queries(0):
        figures.indicators(hand_release)
        figures.figures(hand_release, indicator, 2022, "gemeente")


def test_no_network_for_boundaries_without_a_file(settings, tmp_path, monkeypatch):
    settings.ARMOEDEMONITOR_GEO_FILE = ""
    settings.ARMOEDEMONITOR_GEO_CACHE_DIR = tmp_path

    def no_network(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(geo.GeoUnavailable, match="ARMOEDEMONITOR_GEO_FILE"):
        geo.boundaries("gemeente")
