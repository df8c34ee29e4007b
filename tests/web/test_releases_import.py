"""Importing releases written by the real writer (`armoedemonitor release`).

Valid -> stored once; tampered -> refused, nothing stored; duplicate -> recognised;
interrupted midway -> nothing stored. Also through the CLI and the upload page.
"""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from django.contrib.auth.models import User

from armoedemonitor.errors import UserError
from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.releases import services
from armoedemonitor.web.releases.models import Definition, IndicatorValue, Release

pytestmark = pytest.mark.django_db
CLI = str(Path(sys.executable).parent / "armoedemonitor")


def _results() -> pd.DataFrame:
    """Two municipalities, their Veenkoloniën set and the total, two years: all cells large."""
    rows = []
    for year, (a_num, a_den, b_num, b_den) in {2021: (600, 6000, 200, 2500), 2022: (630, 6000, 150, 2500)}.items():
        cells = [
            ("gemeente", "GM0114", a_num, a_den),
            ("gemeente", "GM0037", b_num, b_den),
            ("veenkolonien", "veenkolonien", a_num + b_num, a_den + b_den),
            ("totaal", "totaal", a_num + b_num, a_den + b_den),
        ]
        for level, code, num, den in cells:
            rows.append(("laag_inkomen_personen", year, level, code, "", "", float(num), float(den), num / den, den))
    frame = pd.DataFrame(
        rows,
        columns=["indicator", "year", "region_level", "region_code", "breakdown", "category",
                 "numerator", "denominator", "value", "n"],
    )
    return frame.astype({"year": "int16", "n": "int64"})


@pytest.fixture(scope="module")
def written_release(tmp_path_factory) -> Path:
    """A release written by the project's own writer from a small results table."""
    base = tmp_path_factory.mktemp("release")
    results = base / "results"
    results.mkdir()
    _results().to_parquet(results / "results.parquet", index=False)
    out = base / "release"
    done = subprocess.run([CLI, "release", str(results), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + done.stdout
    return out


@pytest.fixture
def release_copy(written_release, tmp_path) -> Path:
    target = tmp_path / "release"
    import shutil

    shutil.copytree(written_release, target)
    return target


@pytest.fixture(autouse=True)
def releases_dir(settings, tmp_path):
    settings.ARMOEDEMONITOR_RELEASES_DIR = tmp_path / "kept"


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in folder.iterdir():
            archive.write(file, f"{folder.name}/{file.name}")
    return target


def test_valid_release_is_stored_completely(release_copy):
    from armoedemonitor.release.read import read_release

    package = read_release(release_copy)
    result = services.import_release(release_copy)
    assert result.created and "geïmporteerd" in result.message
    release = result.release
    assert release.is_current  # the first release becomes current
    assert IndicatorValue.objects.filter(release=release).count() == len(package.indicators)
    assert set(Definition.objects.values_list("indicator", flat=True)) == set(package.definitions["id"])
    assert release.output_check == package.output_check
    # a published cell arrives with its value: Emmen 2022 630/6000 (630 and 6000 are already
    # multiples of 5, so rounding leaves 0.105) unless suppressed
    emmen = IndicatorValue.objects.get(
        release=release, indicator="laag_inkomen_personen", year=2022, region_code="GM0114"
    )
    if emmen.status in ("primair", "secundair"):
        assert emmen.value is None
    else:
        assert emmen.value == pytest.approx(0.105)
    # suppressed cells are stored as empty, never as zero
    for cell in IndicatorValue.objects.filter(status__in=["primair", "secundair"]):
        assert cell.value is None
    assert (Path(services.settings.ARMOEDEMONITOR_RELEASES_DIR) / release.sha256[:16] / "datapackage.json").is_file()


def test_same_release_twice_is_not_duplicated(release_copy, tmp_path):
    first = services.import_release(release_copy)
    rows = IndicatorValue.objects.count()
    again = services.import_release(_zip(release_copy, tmp_path / "again.zip"))
    assert not again.created
    assert "al geïmporteerd" in again.message
    assert again.release.pk == first.release.pk
    assert Release.objects.count() == 1 and IndicatorValue.objects.count() == rows


def test_tampered_release_is_refused_and_nothing_stored(release_copy):
    table = release_copy / "indicators.csv"
    data = bytearray(table.read_bytes())
    data[-3] = ord("9") if data[-3] != ord("9") else ord("8")
    table.write_bytes(bytes(data))
    with pytest.raises(UserError):
        services.import_release(release_copy)
    assert Release.objects.count() == 0 and IndicatorValue.objects.count() == 0


def test_interrupted_import_leaves_nothing(release_copy, monkeypatch):
    """An error after the first batch (here: a failing write) rolls everything back."""
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    real_bulk_create = IndicatorValue.objects.bulk_create
    calls = []

    def failing_bulk_create(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(IndicatorValue.objects, "bulk_create", failing_bulk_create)
    with pytest.raises(RuntimeError):
        services.import_release(release_copy)
    assert calls[0] == 2  # the first batch was written before the failure
    assert Release.objects.count() == 0 and IndicatorValue.objects.count() == 0
    assert Definition.objects.count() == 0


def test_zip_with_two_releases_is_refused(release_copy, tmp_path):
    target = tmp_path / "two.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for prefix in ("a", "b"):
            for file in release_copy.iterdir():
                archive.write(file, f"{prefix}/{file.name}")
    with pytest.raises(UserError, match="precies één release"):
        services.import_release(target)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match="bestaat niet"):
        services.import_release(tmp_path / "nergens")


def test_cli_imports_once_and_refuses_tampering(release_copy, tmp_path):
    env = {**os.environ, "ARMOEDEMONITOR_HOME": str(tmp_path / "home")}
    env.pop("DATABASE_URL", None)
    first = subprocess.run([CLI, "import-release", str(release_copy), "--current"],
                           env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "is geïmporteerd" in first.stdout
    second = subprocess.run([CLI, "import-release", str(release_copy)], env=env, capture_output=True, text=True)
    assert "al geïmporteerd" in second.stdout
    (release_copy / "definitions.csv").write_text("id,naam\nvervalst,x\n", encoding="utf-8")
    third = subprocess.run([CLI, "import-release", str(release_copy)], env=env, capture_output=True, text=True)
    assert third.returncode == 2
    assert "Fout:" in third.stderr and "Traceback" not in third.stderr


def test_upload_page_needs_programme_team(client, release_copy, tmp_path):
    archive = _zip(release_copy, tmp_path / "release.zip")
    assert client.get("/releases/nieuw/").status_code == 302  # to the login page
    User.objects.create_user("lezer", password="geheim-wachtwoord-1")
    client.login(username="lezer", password="geheim-wachtwoord-1")
    assert client.get("/releases/nieuw/").status_code == 403
    team = User.objects.create_user("team", password="geheim-wachtwoord-2")
    grant(team, PROGRAMMATEAM)
    client.login(username="team", password="geheim-wachtwoord-2")
    with archive.open("rb") as upload:
        response = client.post("/releases/nieuw/", {"package": upload, "make_current": "on"})
    release = Release.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/releases/{release.pk}/")
    assert release.is_current
    page = client.get(response["Location"]).content.decode()
    assert "is geïmporteerd" in page and "laag_inkomen_personen" in page


def test_upload_of_tampered_zip_shows_error_and_stores_nothing(client, release_copy, tmp_path):
    (release_copy / "OUTPUT_CHECK.md").write_text("# vervalst\n", encoding="utf-8")
    archive = _zip(release_copy, tmp_path / "release.zip")
    team = User.objects.create_user("team", password="geheim-wachtwoord-2")
    grant(team, PROGRAMMATEAM)
    client.login(username="team", password="geheim-wachtwoord-2")
    with archive.open("rb") as upload:
        response = client.post("/releases/nieuw/", {"package": upload})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Release.objects.count() == 0
