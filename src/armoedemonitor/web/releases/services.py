"""Import a release package (folder or zip) into the database: verified, atomic, idempotent.

Only releases that pass ``verify_release`` (the same check as ``armoedemonitor check``)
get in. The whole import is one transaction, so an error midway leaves nothing behind.
A release is identified by the sha256 of its ``datapackage.json``, which itself holds the
sha256 of every table: the same package imported twice is recognised and not duplicated.
The copy kept beside the database is built in a staging folder and renamed into place;
a copy left incomplete by a killed import is repaired by importing the release again.
Zips are unpacked within limits (``ARMOEDEMONITOR_UNPACKED_MAX_BYTES``), as uploads
come from outside.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from armoedemonitor.errors import UserError
from armoedemonitor.release.package import sha256
from armoedemonitor.results_table import NAMES, RANGE_COLUMNS
from armoedemonitor.staging import staged_folder

from .models import Definition, IndicatorValue, Release

BATCH_SIZE = 2000
VALUE_COLUMNS = (*NAMES, "status", *RANGE_COLUMNS)
MAX_MEMBERS = 100


@dataclass(frozen=True)
class ImportResult:
    release: Release
    created: bool
    message: str


class OlderRelease(UserError):
    """Making this release current would replace a newer one: the caller must insist."""


def import_release(path_or_zip: str | Path, make_current: bool = False, force: bool = False,
                   workdir: Path | None = None, on_table: Callable[[int], None] | None = None) -> ImportResult:
    """Verify a release folder or zip and store it; return what happened in plain words.

    ``force`` makes an older release current over a newer one; ``workdir`` is where a
    zip is unpacked (default: the system's temporary folder); ``on_table`` follows the
    check's audit (see ``verify_release``).
    """
    with _unpacked(Path(path_or_zip), workdir) as folder:
        from armoedemonitor.release.read import read_release
        from armoedemonitor.release.verify import verify_release

        _check_shape(folder)
        verify_release(folder, on_table)
        digest = hashlib.sha256((folder / "datapackage.json").read_bytes()).hexdigest()
        existing = Release.objects.filter(sha256=digest).first()
        if existing is not None:
            _keep_copy(folder, existing)
            message = _("Release %(name)s is al geïmporteerd.") % {"name": existing}
            if make_current and not existing.is_current:
                _refuse_older(existing.name, existing.version, existing.created, force)
                existing.make_current()
                message += " " + _("Deze release is nu de actuele release.")
            return ImportResult(existing, False, message)
        package = read_release(folder)
        current = make_current or not Release.objects.filter(is_current=True).exists()
        if make_current:
            metadata = package.metadata
            _refuse_older(str(metadata.get("name", "")), str(metadata.get("version", "")),
                          _parse_created(metadata.get("created")), force)
        with transaction.atomic():
            release = _store(package, digest)
            if current:
                release.make_current()
            _keep_copy(folder, release)
    message = _("Release %(name)s is geïmporteerd.") % {"name": release}
    if make_current:
        message += " " + _("Deze release is nu de actuele release.")
    return ImportResult(release, True, message)


def _refuse_older(name: str, version: str, created: datetime | None, force: bool) -> None:
    """Refuse to replace the current release by an older one, unless forced."""
    current = Release.current()
    if force or current is None or created is None or current.created is None:
        return
    if created >= current.created:
        return
    raise OlderRelease(
        _("Release %(new)s (gemaakt op %(new_date)s) is ouder dan de actuele release %(current)s "
          "(gemaakt op %(current_date)s). Als u doorgaat, toont het dashboard de oudere cijfers van "
          "%(new)s in plaats van die van %(current)s. Weet u het zeker? Gebruik dan --force.")
        % {"new": f"{name} {version}".strip(), "new_date": date_format(created, "j F Y"),
           "current": current, "current_date": date_format(current.created, "j F Y")}
    )


def _check_shape(folder: Path) -> None:
    """What the checks downstream take for granted, refused here with a message: a
    descriptor that is a JSON object listing resources by plain file name, and a UTF-8
    output-check report. (An upload can hold anything.)"""
    descriptor = folder / "datapackage.json"
    try:
        metadata = json.loads(descriptor.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(_("datapackage.json is geen geldige JSON (%(error)s).") % {"error": error}) from None
    resources = metadata.get("resources") if isinstance(metadata, dict) else None
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise UserError(_("datapackage.json heeft niet de vorm van een release: "
                          "verwacht een object met een lijst \"resources\"."))
    for resource in resources:
        name = resource.get("path")
        if not isinstance(name, str) or not name or PurePosixPath(name).name != name or name in (".", ".."):
            raise UserError(_("datapackage.json noemt een bestand buiten de release: %(path)s")
                            % {"path": str(name)[:100]})
    report = folder / "OUTPUT_CHECK.md"
    if report.is_file():
        try:
            report.read_text("utf-8")
        except UnicodeDecodeError as error:
            raise UserError(_("OUTPUT_CHECK.md is geen UTF-8-tekst (byte %(byte)d).")
                            % {"byte": error.start}) from None


def _store(package, digest: str) -> Release:
    metadata = package.metadata
    release = Release.objects.create(
        name=str(metadata.get("name", "")),
        version=str(metadata.get("version", "")),
        created=_parse_created(metadata.get("created")),
        sha256=digest,
        metadata=metadata,
        output_check=package.output_check or "",
    )
    Definition.objects.bulk_create(
        [
            Definition(
                release=release,
                indicator=row["id"],
                naam=_text(row.get("naam")),
                uitleg_b1=_text(row.get("uitleg_b1")),
                definitie=_text(row.get("definitie")),
                eenheid=_text(row.get("eenheid")),
                name_en=_text(row.get("name_en")),
                explanation_en=_text(row.get("explanation_en")),
            )
            for row in package.definitions.to_dict("records")
        ]
    )
    table = package.indicators
    columns = [table[c].tolist() for c in VALUE_COLUMNS]  # plain Python values: fast to walk
    batch: list[IndicatorValue] = []
    for (indicator, year, level, code, breakdown, category, num, den, value, n, status,
         lower, upper) in zip(*columns, strict=True):
        batch.append(
            IndicatorValue(
                release=release,
                indicator=indicator,
                year=int(year),
                region_level=level,
                region_code=code,
                breakdown=_text(breakdown),
                category=_text(category),
                numerator=_number(num),
                denominator=_number(den),
                value=_number(value),
                n=None if _number(n) is None else int(n),
                status=status,
                value_lower=_number(lower),
                value_upper=_number(upper),
            )
        )
        if len(batch) >= BATCH_SIZE:
            IndicatorValue.objects.bulk_create(batch)
            batch = []
    IndicatorValue.objects.bulk_create(batch)
    return release


def _keep_copy(folder: Path, release: Release) -> None:
    """Keep the verified package beside the database, so every figure can be traced back.

    Built in a staging folder and renamed, so the archive never holds half a release; an
    existing copy that differs from the verified package (a killed import) is replaced."""
    target = Path(settings.ARMOEDEMONITOR_RELEASES_DIR) / release.sha256[:16]
    if _same_files(folder, target):
        return
    with staged_folder(target, replace=True) as staging:
        shutil.copytree(folder, staging, dirs_exist_ok=True)


def _same_files(folder: Path, copy: Path) -> bool:
    if not copy.is_dir():
        return False
    files = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    copied = sorted(p.relative_to(copy) for p in copy.rglob("*") if p.is_file())
    return files == copied and all(sha256(folder / f) == sha256(copy / f) for f in files)


@contextmanager
def _unpacked(path: Path, workdir: Path | None = None):
    """Yield the release folder: the path itself, or the folder inside a zip."""
    if not path.exists():
        raise UserError(_("%(path)s bestaat niet.") % {"path": path})
    if path.is_dir():
        yield path
        return
    if not zipfile.is_zipfile(path):
        raise UserError(_("%(path)s is geen map en geen zip-bestand.") % {"path": path.name})
    with tempfile.TemporaryDirectory(prefix="release-", dir=workdir) as tmp:
        root = Path(tmp)
        try:
            with zipfile.ZipFile(path) as archive:
                _check_members(path, archive)
                archive.extractall(root)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
            raise UserError(_("%(path)s is een beschadigd zip-bestand (%(error)s).")
                            % {"path": path.name, "error": error}) from None
        packages = sorted(p.parent for p in root.rglob("datapackage.json"))
        if len(packages) != 1:
            raise UserError(
                _("%(path)s moet precies één release bevatten (één datapackage.json), gevonden: %(count)d.")
                % {"path": path.name, "count": len(packages)}
            )
        yield packages[0]


def _check_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Regular files under safe names, few of them, within the unpacked-size limit.

    The sizes in the zip's directory are what extraction writes at most (zipfile stops
    at the stated size), so their sum bounds the disk a zip bomb could fill."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UserError(_("%(path)s bevat te veel bestanden (%(count)d).") % {"path": path.name, "count": len(members)})
    for member in members:
        parts = PurePosixPath(member.filename.replace("\\", "/")).parts
        if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in member.filename:
            raise UserError(_("%(path)s bevat een onveilig pad: %(member)s")
                            % {"path": path.name, "member": member.filename[:100]})
        kind = stat.S_IFMT(member.external_attr >> 16)  # 0 when the zip does not say
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise UserError(_("%(path)s bevat iets anders dan gewone bestanden: %(member)s")
                            % {"path": path.name, "member": member.filename[:100]})
    limit = settings.ARMOEDEMONITOR_UNPACKED_MAX_BYTES
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit:
        raise UserError(_("%(path)s is uitgepakt %(size)s MB; het maximum is %(limit)s MB.")
                        % {"path": path.name, "size": unpacked // 1_000_000, "limit": limit // 1_000_000})


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _parse_created(value) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(str(value))
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        from django.utils.timezone import make_aware

        parsed = make_aware(parsed)
    return parsed
