"""Yearly report lifecycle: a concept is built in the background (its page shows how far
it is) and then shown as built; adopting it (vaststellen) freezes snapshot, HTML and PDF
and closes the periods it covers. For newer data, make a new concept."""

import logging
import threading
import time
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from armoedemonitor.errors import UserError
from armoedemonitor.web.accounts.roles import is_programme_team
from armoedemonitor.web.yearly_report.render import (
    document,
    render_body,
    render_factsheet_body,
    to_pdf,
)
from armoedemonitor.web.yearly_report.snapshot import build_snapshot, periods_of

from ..models import Report

logger = logging.getLogger(__name__)
PROGRESS_ATTEMPTS = 40  # 2 s in all
BUILDING = "_opbouw"  # the snapshot of a concept still being built: {"klaar": n, "totaal": m}


def new_concept(jaar: int, peildatum: date, user) -> Report:
    if not is_programme_team(user):
        raise PermissionDenied
    if not periods_of(jaar):
        raise UserError(f"Er is geen periode die begint in {jaar}: maak die eerst aan.")
    versie = (Report.objects.filter(jaar=jaar).aggregate(v=Max("versie"))["v"] or 0) + 1
    report = Report.objects.create(jaar=jaar, peildatum=peildatum, versie=versie,
                                   snapshot={BUILDING: {"klaar": 0, "totaal": 0}})
    if settings.ARMOEDEMONITOR_REPORTS_IN_BACKGROUND:
        threading.Thread(target=_build, args=(report.pk, True), daemon=True).start()
    else:
        _build(report.pk, False)
        report.refresh_from_db()
    return report


def _build(pk: int, own_connection: bool) -> None:
    """Build a concept's snapshot, noting progress in it (so every worker can show it)."""
    def progress(done: int, total: int) -> None:
        # A page that reads the report at this moment can lock its table for an instant
        # (SQLite): try again briefly, and never let a progress note stop the build.
        for _attempt in range(PROGRESS_ATTEMPTS):
            try:
                Report.objects.filter(pk=pk).update(snapshot={BUILDING: {"klaar": done, "totaal": total}})
                return
            except OperationalError:
                time.sleep(0.05)
        logger.warning("report %s: progress %s of %s not noted (database busy)", pk, done, total)

    try:
        report = Report.objects.get(pk=pk)
        snapshot = build_snapshot(report.jaar, report.peildatum, progress)
        Report.objects.filter(pk=pk, status=Report.Status.CONCEPT).update(snapshot=snapshot)
    except Exception:
        logger.exception("report %s could not be built", pk)
        Report.objects.filter(pk=pk).update(snapshot={BUILDING: {"fout": True}})
        if not own_connection:
            raise
    finally:
        if own_connection:
            connection.close()


def building(report: Report) -> dict | None:
    """How far a concept still being built is ({"klaar", "totaal"} or {"fout"}); None when done."""
    return report.snapshot.get(BUILDING) if report.status == Report.Status.CONCEPT else None


def snapshot_of(report: Report) -> dict:
    """What the report shows: its stored snapshot (frozen once adopted)."""
    return report.snapshot


def body_of(report: Report) -> str:
    return report.html if report.status == Report.Status.VASTGESTELD else render_body(snapshot_of(report))


def title_of(report: Report) -> str:
    return f"Jaarrapportage {report.jaar} (versie {report.versie})"


def pdf_of(report: Report) -> bytes:
    if report.status == Report.Status.VASTGESTELD:
        return bytes(report.pdf)
    return to_pdf(document(body_of(report), title_of(report)))


def factsheet_pdf(report: Report, gemeente: str) -> bytes:
    snapshot = snapshot_of(report)
    name = snapshot["gemeenten"][gemeente]["naam"]
    return to_pdf(document(render_factsheet_body(snapshot, gemeente), f"Factsheet {name} {report.jaar}"))


@transaction.atomic
def adopt(report: Report, user) -> Report:
    if not is_programme_team(user):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.VASTGESTELD:
        raise ValidationError(_("Deze rapportage is al vastgesteld."))
    report.snapshot = build_snapshot(report.jaar, report.peildatum)
    report.html = render_body(report.snapshot)
    report.pdf = to_pdf(document(report.html, title_of(report)))
    report.status = Report.Status.VASTGESTELD
    report.vastgesteld_op = timezone.now()
    report.vastgesteld_door = user
    report.save()
    for period in periods_of(report.jaar):  # one by one, so history records the closing
        period.gesloten, period.gesloten_op = True, timezone.now()
        period.save()
    return report
