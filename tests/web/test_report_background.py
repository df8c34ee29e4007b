"""A concept yearly report is built in the background: the request that asks for it
returns at once, its page shows progress, and a built concept is not rebuilt per view."""

import threading
import time
from datetime import date

import pytest

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.programme.models import Report
from armoedemonitor.web.programme.services import reports
from armoedemonitor.web.programme.services.demo import load_faseplan


@pytest.fixture
def team(django_user_model):
    user = django_user_model.objects.create_user("team", password="Lang-en-sterk-2026")
    grant(user, PROGRAMMATEAM)
    return user


def _wait_until_built(pk: int, seconds: float = 120) -> Report:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=pk)
        if reports.building(report) is None:
            return report
        time.sleep(0.2)
    raise AssertionError("concept not built in time")


@pytest.mark.django_db(transaction=True)
def test_concept_is_built_in_the_background_with_progress(client, team, settings, monkeypatch):
    settings.ARMOEDEMONITOR_REPORTS_IN_BACKGROUND = True
    load_faseplan()
    gate = threading.Event()
    real_build = reports.build_snapshot

    def slow_build(jaar, peildatum, progress=None):
        def held(done, total):
            progress(done, total)
            if done == 3:
                gate.wait(30)  # hold the build here until the page has been looked at
        return real_build(jaar, peildatum, held)

    monkeypatch.setattr(reports, "build_snapshot", slow_build)
    client.force_login(team)
    started = time.monotonic()
    response = client.post("/programma/rapportage/", {"jaar": 2025, "peildatum": "2026-08-31"})
    assert response.status_code == 302 and time.monotonic() - started < 10
    report = Report.objects.get()
    for _ in range(100):
        if (reports.building(Report.objects.get(pk=report.pk)) or {}).get("klaar") == 3:
            break
        time.sleep(0.1)
    page = client.get(f"/programma/rapportage/{report.pk}/").content.decode()
    assert "Het concept wordt gemaakt" in page and "3 van" in page and 'http-equiv="refresh"' in page
    assert client.get(f"/programma/rapportage/{report.pk}/pdf/").status_code == 302
    gate.set()
    built = _wait_until_built(report.pk)
    assert built.snapshot["jaar"] == 2025
    page = client.get(f"/programma/rapportage/{report.pk}/").content.decode()
    assert "Stel vast" in page and "wordt gemaakt" not in page


@pytest.mark.django_db
def test_built_concept_is_not_rebuilt_on_every_view(client, team, monkeypatch):
    load_faseplan()
    report = reports.new_concept(2025, date(2026, 8, 31), team)

    def no_rebuild(*args, **kwargs):
        raise AssertionError("rebuilt on view")

    monkeypatch.setattr(reports, "build_snapshot", no_rebuild)
    client.force_login(team)
    assert client.get(f"/programma/rapportage/{report.pk}/").status_code == 200
    assert client.get(f"/programma/rapportage/{report.pk}/gemeente/GM0114/").status_code == 200
