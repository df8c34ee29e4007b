"""`armoedemonitor backup` -> wipe -> `armoedemonitor restore` gives the same site:
the same rows in every table and the same release archive. A damaged back-up restores
nothing; an existing site is replaced only with --force."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_releases_import import release_copy, written_release  # noqa: F401

CLI = str(Path(sys.executable).parent / "armoedemonitor")


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "ARMOEDEMONITOR_HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    env["DJANGO_SETTINGS_MODULE"] = "armoedemonitor.web.settings.dev"
    env["DJANGO_SUPERUSER_PASSWORD"] = "Lang-en-sterk-2026"
    return env


def _run(env, *args, ok=True):
    command = [CLI, *args] if not args[0].startswith("-m") else [sys.executable, *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _site(env, home: Path) -> tuple[list, dict]:
    """Every row (dumpdata, sorted) and every archived file's sha256."""
    dump = _run(env, "-m", "armoedemonitor.web.manage", "dumpdata", "--exclude", "sessions").stdout
    rows = sorted(json.dumps(row, sort_keys=True) for row in json.loads(dump))
    archive = home / "releases"
    files = {str(p.relative_to(archive)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in archive.rglob("*") if p.is_file()}
    return rows, files


def _wipe(env, home: Path, postgres: bool) -> None:
    if postgres:
        subprocess.run(["psql", os.environ["DATABASE_URL"], "-q", "-c",
                        "DROP SCHEMA public CASCADE; CREATE SCHEMA public"], check=True)
    shutil.rmtree(home)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_backup_wipe_restore_gives_the_same_site(backend, release_copy, tmp_path):  # noqa: F811
    postgres = backend == "postgresql"
    if postgres != os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip(f"this run's database is not {backend}")
    home = tmp_path / "home"
    env = _env(home)
    _run(env, "import-release", str(release_copy), "--current")
    _run(env, "-m", "armoedemonitor.web.manage", "load_demo_programme")
    _run(env, "-m", "armoedemonitor.web.manage", "createsuperuser", "--noinput", "--username", "beheer",
         "--email", "beheer@example.org")
    before = _site(env, home)
    assert any('"releases.release"' in row for row in before[0]) and before[1]

    _run(env, "backup", str(tmp_path / "backup"))
    _wipe(env, home, postgres)
    done = _run(env, "restore", str(tmp_path / "backup"))
    assert "Hersteld" in done.stdout
    assert _site(env, home) == before

    again = _run(env, "restore", str(tmp_path / "backup"), ok=False)
    assert again.returncode == 2 and "--force" in again.stderr


def test_damaged_backup_restores_nothing(release_copy, tmp_path):  # noqa: F811
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("SQLite round trip")
    home = tmp_path / "home"
    env = _env(home)
    _run(env, "import-release", str(release_copy), "--current")
    _run(env, "backup", str(tmp_path / "backup"))
    kept = next((tmp_path / "backup" / "releases").iterdir()) / "indicators.csv"
    kept.write_text("vervalst", encoding="utf-8")
    shutil.rmtree(home)
    done = _run(env, "restore", str(tmp_path / "backup"), ok=False)
    assert done.returncode == 2 and "beschadigd" in done.stderr and "Traceback" not in done.stderr
    assert not (home / "releases").exists() or not any((home / "releases").iterdir())


def test_backup_refuses_an_existing_folder(release_copy, tmp_path):  # noqa: F811
    home = tmp_path / "home"
    env = _env(home)
    _run(env, "import-release", str(release_copy))
    (tmp_path / "bestaat").mkdir()
    done = _run(env, "backup", str(tmp_path / "bestaat"), ok=False)
    assert done.returncode == 2 and "bestaat al" in done.stderr
