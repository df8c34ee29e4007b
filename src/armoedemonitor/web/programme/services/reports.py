"""Yearly report lifecycle: a concept is rebuilt whenever it is shown; adopting it
(vaststellen) freezes snapshot, HTML and PDF and closes the periods it covers."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from armoedemonitor.web.accounts.roles import is_programme_team
from armoedemonitor.web.yearly_report.render import (
    document,
    render_body,
    render_factsheet_body,
    to_pdf,
)
from armoedemonitor.web.yearly_report.snapshot import build_snapshot, periods_of

from ..models import Report


def new_concept(jaar: int, peildatum: date, user) -> Report:
    if not is_programme_team(user):
        raise PermissionDenied
    versie = (Report.objects.filter(jaar=jaar).aggregate(v=Max("versie"))["v"] or 0) + 1
    return Report.objects.create(jaar=jaar, peildatum=peildatum, versie=versie,
                                 snapshot=build_snapshot(jaar, peildatum))


def snapshot_of(report: Report) -> dict:
    """An adopted report shows its frozen snapshot; a concept shows today's data."""
    if report.status == Report.Status.VASTGESTELD:
        return report.snapshot
    return build_snapshot(report.jaar, report.peildatum)


def body_of(report: Report) -> str:
    return report.html if report.status == Report.Status.VASTGESTELD else render_body(snapshot_of(report))


def title_of(report: Report) -> str:
    return f"Jaarrapportage {report.jaar} (versie {report.versie})"


def pdf_of(report: Report) -> bytes:
    if report.status == Report.Status.VASTGESTELD:
        return bytes(report.pdf)
    return to_pdf(document(body_of(report), title_of(report)))


def factsheet_pdf(report: Report, gemeente: str) -> bytes:
    return to_pdf(document(render_factsheet_body(snapshot_of(report), gemeente), f"Factsheet {gemeente}"))


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
