"""Release import as an attacker or a careless user would try it: oversized and bomb
uploads, broken package shapes (a message, never a 500, no server paths), a killed import
(the kept copy is repaired) and an older release made current by mistake."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from test_releases_import import _zip, release_copy, releases_dir, written_release  # noqa: F401

from armoedemonitor.errors import UserError
from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.releases import services
from armoedemonitor.web.releases.models import Release

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client(client):
    team = User.objects.create_user("team", password="geheim-wachtwoord-2")
    grant(team, PROGRAMMATEAM)
    client.force_login(team)
    return client


def _upload(client, archive: Path, **extra):
    with archive.open("rb") as upload:
        return client.post("/releases/nieuw/", {"package": upload, **extra})


def _refused(response) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page or 'role="alert"' in page
    assert "/tmp" not in page and "upload-" not in page and "release-" not in page.split("<main", 1)[-1]
    assert Release.objects.count() == 0
    return page


def test_upload_over_the_size_limit_is_refused_before_reading(team_client, tmp_path, settings):
    settings.ARMOEDEMONITOR_UPLOAD_MAX_BYTES = 1000
    big = tmp_path / "groot.zip"
    big.write_bytes(b"x" * 5000)
    page = _refused(_upload(team_client, big))
    assert "te groot" in page


def test_not_a_zip_is_refused_with_a_message(team_client, tmp_path):
    fake = tmp_path / "nep.zip"
    fake.write_bytes(b"dit is geen zip")
    assert "geen zip" in _refused(_upload(team_client, fake))


def test_zip_bomb_is_refused_before_unpacking(team_client, tmp_path, settings):
    settings.ARMOEDEMONITOR_UNPACKED_MAX_BYTES = 10_000_000
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("r/datapackage.json", b"{}")
        archive.writestr("r/indicators.csv", b"0" * 50_000_000)
    assert bomb.stat().st_size < 1_000_000
    page = _refused(_upload(team_client, bomb))
    assert "uitgepakt" in page


def test_zip_with_parent_paths_is_refused(team_client, release_copy, tmp_path):  # noqa: F811
    archive = _zip(release_copy, tmp_path / "release.zip")
    with zipfile.ZipFile(archive, "a") as extra:
        extra.writestr("../buiten.txt", b"x")
    assert "onveilig pad" in _refused(_upload(team_client, archive))


def test_zip_with_a_symlink_is_refused(team_client, release_copy, tmp_path):  # noqa: F811
    archive = _zip(release_copy, tmp_path / "release.zip")
    with zipfile.ZipFile(archive, "a") as extra:
        link = zipfile.ZipInfo("release/link")
        link.external_attr = (0o120777) << 16
        extra.writestr(link, "/etc/passwd")
    assert "gewone bestanden" in _refused(_upload(team_client, archive))


@pytest.mark.parametrize("package", [[1, 2, 3], {"resources": [{"path": "../../etc/passwd"}]},
                                     {"resources": "x"}, "tekst"])
def test_odd_datapackage_shapes_give_a_message(team_client, release_copy, tmp_path, package):  # noqa: F811
    (release_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert "datapackage.json" in _refused(_upload(team_client, _zip(release_copy, tmp_path / "r.zip")))


def test_non_utf8_output_check_gives_a_message(team_client, release_copy, tmp_path):  # noqa: F811
    (release_copy / "OUTPUT_CHECK.md").write_bytes("Controle: café".encode("latin-1"))
    assert "OUTPUT_CHECK.md" in _refused(_upload(team_client, _zip(release_copy, tmp_path / "r.zip")))


def test_killed_copy_is_repaired_on_reimport(release_copy, settings):  # noqa: F811
    release = services.import_release(release_copy).release
    kept = Path(settings.ARMOEDEMONITOR_RELEASES_DIR) / release.sha256[:16]
    (kept / "indicators.csv").unlink()  # what a kill during the copy left
    (kept / "definitions.csv").write_text("half", encoding="utf-8")
    again = services.import_release(release_copy)
    assert not again.created
    for file in release_copy.iterdir():
        assert (kept / file.name).read_bytes() == file.read_bytes()


def test_copy_is_made_beside_and_renamed_into_place(release_copy, settings, monkeypatch):  # noqa: F811
    """A copy that dies midway leaves no half folder where the archive is read."""

    def dying_copytree(src, dst, *args, **kwargs):
        Path(dst).mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(src) / "datapackage.json", Path(dst) / "datapackage.json")
        raise OSError("schijf vol")

    monkeypatch.setattr(services.shutil, "copytree", dying_copytree)
    with pytest.raises(OSError):
        services.import_release(release_copy)
    kept = Path(settings.ARMOEDEMONITOR_RELEASES_DIR)
    assert not kept.exists() or not [p for p in kept.iterdir() if not p.name.startswith(".")]
    assert Release.objects.count() == 0


def _second_release(release_copy: Path, tmp_path: Path, created: str) -> Path:  # noqa: F811
    """The same figures as another release with its own creation time (hashes still hold)."""
    other = tmp_path / f"release-{created[:4]}"
    shutil.copytree(release_copy, other)
    meta = json.loads((other / "datapackage.json").read_text(encoding="utf-8"))
    meta["created"], meta["version"] = created, created[:4]
    (other / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    return other


def test_older_release_over_a_newer_current_needs_force(release_copy, tmp_path):  # noqa: F811
    newer = _second_release(release_copy, tmp_path, "2026-06-01T00:00:00Z")
    older = _second_release(release_copy, tmp_path, "2024-06-01T00:00:00Z")
    services.import_release(newer, make_current=True)
    with pytest.raises(UserError, match="--force") as refused:
        services.import_release(older, make_current=True)
    assert "ouder" in str(refused.value) and "2026" in str(refused.value)
    assert Release.objects.count() == 1  # nothing stored
    services.import_release(older)  # without --current: stored, not shown
    with pytest.raises(UserError, match="--force"):
        services.import_release(older, make_current=True)
    assert Release.current().version == "2026"
    result = services.import_release(older, make_current=True, force=True)
    assert Release.current().version == "2024" and "actuele release" in result.message
