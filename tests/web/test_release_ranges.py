"""A share published less precisely (release status 'bereik') is imported with its range
and shown as a range, marked as less precise, instead of an empty cell."""

import csv
import io

import pandas as pd
import pytest
from django.utils import translation
from openpyxl import load_workbook

from armoedemonitor.release.package import write_release
from armoedemonitor.web.dashboard.figures import figures, indicators
from armoedemonitor.web.releases import services
from armoedemonitor.web.releases.models import IndicatorValue
from release.builders import COLUMNS, share_row, write_results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def releases_dir(settings, tmp_path):
    settings.ARMOEDEMONITOR_RELEASES_DIR = tmp_path / "kept"


def imported_release(tmp_path):
    """GM0014 has 4 poor households of 150 (primary); the total pins it down, so GM0037
    (57 of 400 = 14.25 %) is hidden too. It passes its own rules, so readers get the
    range 10 tot 15 %."""
    table = pd.DataFrame([
        share_row("laag_inkomen_huishoudens", "totaal", "totaal", 61, 550),
        share_row("laag_inkomen_huishoudens", "gemeente", "GM0014", 4, 150),
        share_row("laag_inkomen_huishoudens", "gemeente", "GM0037", 57, 400),
    ], columns=COLUMNS)
    path, _ = write_release(write_results(table, tmp_path / "results"), tmp_path / "release")
    return services.import_release(path, make_current=True).release


def test_a_range_is_imported_and_shown_marked_as_less_precise(tmp_path):
    release = imported_release(tmp_path)
    cell = IndicatorValue.objects.get(release=release, region_code="GM0037")
    assert (cell.status, cell.value, cell.value_lower, cell.value_upper) == ("bereik", None, 0.10, 0.15)
    indicator = indicators(release)["laag_inkomen_huishoudens"]
    shown = {f.code: f for f in figures(release, indicator, 2020, "gemeente")}
    with translation.override("nl"):
        assert shown["GM0037"].reason == "10 tot 15 % (minder precies)"
        assert shown["GM0014"].reason == "te weinig gegevens"
    with translation.override("en"):
        assert shown["GM0037"].reason == "10 to 15 % (less precise)"


def test_downloads_give_a_range_its_bounds_and_its_text(tmp_path, client):
    imported_release(tmp_path)  # GM0037 published as 10 tot 15 %, GM0014 hidden plain
    query = "?indicator=laag_inkomen_huishoudens&jaar=2020&niveau=gemeente"
    body = client.get("/download.csv" + query).content.decode("utf-8").lstrip("\ufeff")
    rows = {row["gebiedscode"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}
    ranged, hidden = rows["GM0037"], rows["GM0014"]
    assert (ranged["waarde"], ranged["ondergrens"], ranged["bovengrens"]) == ("", "0,1", "0,15")
    assert ranged["waarde_tekst"] == "10 tot 15 % (minder precies)" and ranged["status"] == "bereik"
    assert (hidden["ondergrens"], hidden["bovengrens"], hidden["waarde_tekst"]) == ("", "", "geen cijfer")

    sheet = load_workbook(io.BytesIO(client.get("/tabel.xlsx" + query).content)).active
    cells = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert cells["Stadskanaal"] == "10 tot 15 % (minder precies)"  # GM0037
