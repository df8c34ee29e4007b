"""``armoedemonitor import-release`` and ``armoedemonitor serve``: the web app from the CLI.

Production settings unless ``--demo`` or ``--dev`` (or DJANGO_SETTINGS_MODULE) says otherwise.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

DEMO_LOADERS = ("load_demo_interventions", "load_demo_programme")


SETTINGS = "armoedemonitor.web.settings."


def _django(mode: str | None = None) -> None:
    """Set Django up: ``mode`` (demo/dev) wins, else DJANGO_SETTINGS_MODULE, else production."""
    if mode:
        os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS + mode
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS + "prod")
    import django
    from django.core.exceptions import ImproperlyConfigured

    from armoedemonitor.errors import UserError

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise UserError(str(error)) from error
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # first run: make the home


def import_release(
    path: Annotated[Path, typer.Argument(help="Release folder or zip (written by `armoedemonitor release`).")],
    current: Annotated[bool, typer.Option("--current", help="Show this release on the dashboard.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --current: also when the current release is newer.")
    ] = False,
) -> None:
    """Verify a release and import it into the web app's database (all or nothing)."""
    from rich.console import Console

    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from armoedemonitor.release.commands import audit_progress
    from armoedemonitor.web.releases.services import import_release as run_import

    console = Console()
    with audit_progress(console, then="release opslaan") as on_table:
        result = run_import(path, make_current=current, force=force, on_table=on_table)
    console.print(result.message)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Demo settings over plain HTTP; also load demo users and data.")
    ] = False,
    dev: Annotated[
        bool, typer.Option("--dev", help="Development settings (DEBUG on; never on a public address).")
    ] = False,
    workers: Annotated[int, typer.Option(help="Gunicorn worker processes (one per core).")] = 2,
    threads: Annotated[int, typer.Option(help="Threads per worker (requests wait on the database, not the CPU).")] = 8,
) -> None:
    """Prepare the database and static files, then run the web app under gunicorn."""
    from rich.console import Console

    from armoedemonitor.errors import UserError

    _django("demo" if demo else "dev" if dev else None)
    from django.core.management import call_command, get_commands

    console = Console()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        available = get_commands()
        for loader in DEMO_LOADERS:
            if loader in available:
                console.print(f"Demo-gegevens laden: {loader}")
                call_command(loader)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
    if gunicorn is None:
        raise UserError("gunicorn is niet geïnstalleerd (pip install gunicorn)")
    console.print(f"Armoedemonitor draait op http://{host}:{port}")
    os.execv(
        gunicorn,
        [gunicorn, "armoedemonitor.web.wsgi:application", "--bind", f"{host}:{port}",
         "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
         "--access-logfile", "-"],
    )


def backup(
    target: Annotated[Path, typer.Argument(help="New folder for the back-up (must not exist).")],
) -> None:
    """Back up the web app's database and release archive while the site keeps running."""
    from rich.console import Console

    _django()
    from armoedemonitor.web.backup import backup as run_backup

    manifest = run_backup(target)
    Console().print(f"Back-up gemaakt in {target}: database ({manifest['database']}) en "
                    f"{len(manifest['bestanden']) - 1} bestanden.")


def restore(
    source: Annotated[Path, typer.Argument(help="A back-up folder made by `armoedemonitor backup`.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a database that already holds data.")] = False,
) -> None:
    """Restore database and release archive from a back-up (checked before anything is written)."""
    from rich.console import Console

    from armoedemonitor.errors import UserError

    _django()
    from django.core.management import call_command

    from armoedemonitor.web.backup import restore as run_restore
    from armoedemonitor.web.releases.models import Release

    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    if not force and (Release.objects.exists() or get_user_model().objects.exists()):
        raise UserError("Deze site heeft al gegevens; herstellen vervangt ze allemaal. Gebruik --force.")
    manifest = run_restore(source)
    Console().print(f"Hersteld uit {source} (back-up van {manifest['gemaakt_op']}).")
