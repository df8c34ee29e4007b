"""Import a release package (folder or zip) into the database: verified, atomic, idempotent.

Only releases that pass ``verify_release`` (the same check as ``armoedemonitor check``)
get in. The whole import is one transaction, so an error midway leaves nothing behind.
A release is identified by the sha256 of its ``datapackage.json``, which itself holds the
sha256 of every table: the same package imported twice is recognised and not duplicated.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from armoedemonitor.errors import UserError
from armoedemonitor.results_table import NAMES, RANGE_COLUMNS

from .models import Definition, IndicatorValue, Release

BATCH_SIZE = 2000
VALUE_COLUMNS = (*NAMES, "status", *RANGE_COLUMNS)


@dataclass(frozen=True)
class ImportResult:
    release: Release
    created: bool
    message: str


def import_release(path_or_zip: str | Path, make_current: bool = False) -> ImportResult:
    """Verify a release folder or zip and store it; return what happened in plain words."""
    with _unpacked(Path(path_or_zip)) as folder:
        from armoedemonitor.release.read import read_release
        from armoedemonitor.release.verify import verify_release

        verify_release(folder)
        digest = hashlib.sha256((folder / "datapackage.json").read_bytes()).hexdigest()
        existing = Release.objects.filter(sha256=digest).first()
        if existing is not None:
            if make_current:
                existing.make_current()
            return ImportResult(existing, False, _("Release %(name)s is al geïmporteerd.") % {"name": existing})
        package = read_release(folder)
        with transaction.atomic():
            release = _store(package, digest)
            if make_current or not Release.objects.filter(is_current=True).exists():
                release.make_current()
            _keep_copy(folder, release)
    return ImportResult(release, True, _("Release %(name)s is geïmporteerd.") % {"name": release})


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
    """Keep the verified package beside the database, so every figure can be traced back."""
    target = Path(settings.ARMOEDEMONITOR_RELEASES_DIR) / release.sha256[:16]
    if not target.exists():
        shutil.copytree(folder, target)


@contextmanager
def _unpacked(path: Path):
    """Yield the release folder: the path itself, or the folder inside a zip."""
    if not path.exists():
        raise UserError(_("%(path)s bestaat niet.") % {"path": path})
    if path.is_dir():
        yield path
        return
    if not zipfile.is_zipfile(path):
        raise UserError(_("%(path)s is geen map en geen zip-bestand.") % {"path": path})
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        root = Path(tmp)
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if Path(member).is_absolute() or ".." in Path(member).parts:
                    raise UserError(_("%(path)s bevat een onveilig pad: %(member)s") % {"path": path, "member": member})
            archive.extractall(root)
        packages = sorted(p.parent for p in root.rglob("datapackage.json"))
        if len(packages) != 1:
            raise UserError(
                _("%(path)s moet precies één release bevatten (één datapackage.json), gevonden: %(count)d.")
                % {"path": path, "count": len(packages)}
            )
        yield packages[0]


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
