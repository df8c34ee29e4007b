"""Back-up and restore of the web app: the database and the release archive (and media).

A back-up is a folder: ``database.sqlite3`` (SQLite's online backup API) or
``database.pgdump`` (``pg_dump --format=custom``), ``releases/`` and ``media/`` copied as
they are, and ``backup.json`` with the sha256 of every file. Both database copies are
consistent snapshots taken while the site keeps running. The database is copied first:
a release is in the archive before its import commits, so every release the copy
names is in the archive copied after it.

Restore checks every sha256 first, then writes the database (SQLite through the same
backup API, so a running site's WAL is respected; PostgreSQL with ``pg_restore
--clean``) and swaps the folders in whole.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from armoedemonitor.errors import UserError
from armoedemonitor.release.package import sha256
from armoedemonitor.staging import staged_folder

MANIFEST = "backup.json"
FOLDERS = {"releases": "ARMOEDEMONITOR_RELEASES_DIR", "media": "MEDIA_ROOT"}


def _database() -> dict:
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return {"engine": "sqlite", "file": "database.sqlite3", "name": str(database["NAME"])}
    if database["ENGINE"].endswith("postgresql"):
        return {"engine": "postgresql", "file": "database.pgdump", "name": database["NAME"]}
    raise UserError(f"Back-up kan alleen SQLite of PostgreSQL, niet {database['ENGINE']}.")


def _pg_environment() -> dict[str, str]:
    database: dict = dict(settings.DATABASES["default"])
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _run(command: list[str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise UserError(f"{command[0]} is niet geïnstalleerd (Debian: postgresql-client).")
    done = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True)
    if done.returncode != 0:
        raise UserError(f"{what} is mislukt: {done.stderr.strip()[:500]}")


def _copy_folder(source: Path, target: Path) -> None:
    """Copy a folder's content, leaving out staging folders of unfinished writes."""
    target.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))


def backup(target: Path) -> dict:
    """Write a back-up folder at ``target`` (which must not exist); return its manifest."""
    database = _database()
    with staged_folder(Path(target)) as folder:
        dump = folder / database["file"]
        if database["engine"] == "sqlite":
            source_file = Path(database["name"])
            if not source_file.is_file():
                raise UserError(f"De database {source_file} bestaat niet: er is niets om te bewaren.")
            with sqlite3.connect(source_file) as source, sqlite3.connect(dump) as copy:
                source.backup(copy)
            copy.close()
            source.close()
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)],
                 "pg_dump")
        for name, setting in FOLDERS.items():
            _copy_folder(Path(getattr(settings, setting)), folder / name)
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        manifest = {
            "gemaakt_op": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": database["engine"],
            "bestanden": {str(p.relative_to(folder)): sha256(p) for p in files},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _checked_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        listed = manifest["bestanden"]
        engine = manifest["database"]
    except (OSError, ValueError, KeyError, TypeError):
        raise UserError(
            f"{source} is geen back-up van de armoedemonitor ({MANIFEST} ontbreekt of klopt niet)."
        ) from None
    damaged = [name for name, digest in listed.items()
               if not (source / name).is_file() or sha256(source / name) != digest]
    if damaged:
        raise UserError(f"De back-up {source} is beschadigd: {', '.join(sorted(damaged)[:10])}. Er is niets hersteld.")
    if engine != _database()["engine"]:
        raise UserError(f"De back-up is van een {engine}-database, deze site gebruikt {_database()['engine']}.")
    return manifest


def restore(source: Path) -> dict:
    """Put a back-up back: database, release archive and media. Returns its manifest."""
    source = Path(source)
    manifest = _checked_manifest(source)
    database = _database()
    dump = source / database["file"]
    connections.close_all()
    if database["engine"] == "sqlite":
        target = Path(database["name"])
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(dump) as copy, sqlite3.connect(target, timeout=30) as live:
            copy.backup(live)
        copy.close()
        live.close()
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--dbname", str(settings.DATABASES["default"]["NAME"]), str(dump)],
             "pg_restore")
    for name, setting in FOLDERS.items():
        with staged_folder(Path(getattr(settings, setting)), replace=True) as folder:
            _copy_folder(source / name, folder)
    return manifest
