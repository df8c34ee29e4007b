"""Folders that appear whole or not at all.

Every stage that writes a folder (``compute``, ``release``, ``map-cbs``) builds it in a
hidden staging folder beside the target and renames it into place when complete: a
failure or a killed run never leaves a half-written result where a reader looks. Staging
folders of runs that were killed are recognised by their process id and removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from armoedemonitor.errors import UserError


def _prefix(target: Path) -> str:
    return f".{target.name}.staging-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(target: Path) -> None:
    """Remove staging folders for ``target`` left by processes that no longer run."""
    if not target.parent.is_dir():
        return
    for path in target.parent.glob(_prefix(target) + "*"):
        pid = path.name[len(_prefix(target)):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def check_target(target: Path, *, replace: bool = False) -> None:
    """Refuse a target that cannot be written, before any work is done: an existing
    folder (unless ``replace``), a file, or a place under a file."""
    target = Path(target)
    if target.exists() and not replace:
        raise UserError(f"{target} bestaat al; kies een nieuwe map.")
    if target.exists() and not target.is_dir():
        raise UserError(f"{target} is een bestand, geen map.")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UserError(f"Kan de map {target} niet maken: {parent} is geen map.")
            break


@contextmanager
def staged_folder(target: Path, *, replace: bool = False) -> Iterator[Path]:
    """Yield an empty folder; when the block ends without error it becomes ``target``.

    With ``replace`` an existing ``target`` is swapped out only after the new folder is
    complete; without it an existing ``target`` is refused before any work is done.
    """
    target = Path(target)
    check_target(target, replace=replace)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:
        raise UserError(f"Kan de map {target} niet maken: {target.parent} is geen map.") from error
    remove_stale(target)
    staging = Path(tempfile.mkdtemp(prefix=f"{_prefix(target)}{os.getpid()}-", dir=target.parent))
    try:
        yield staging
        if target.exists():
            if not replace:
                raise UserError(f"{target} is intussen aangemaakt; er is niets geschreven.")
            old = Path(tempfile.mkdtemp(prefix=f"{_prefix(target)}{os.getpid()}-old-",
                                        dir=target.parent))
            os.replace(target, old / target.name)
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
