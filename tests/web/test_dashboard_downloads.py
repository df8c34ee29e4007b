"""CSV and Excel downloads: the same cells as the page, suppressed ones with their reason."""

import csv
import io

import pytest
from openpyxl import load_workbook

from armoedemonitor.web.dashboard.downloads import COLUMNS

pytestmark = pytest.mark.django_db
QUERY = "?indicator=laag_inkomen_personen&jaar=2022&niveau=gemeente"


def test_csv_has_every_municipality_with_values_and_reasons(client, hand_release):
    response = client.get("/download.csv" + QUERY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # BOM: Excel reads UTF-8 correctly
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert [r["gebiedscode"] for r in rows] == ["GM0037", "GM0047", "GM0114"]
    stadskanaal, veendam, emmen = rows
    # Emmen 630 / 6000 = 0,105 -> "10,5 %"
    assert emmen["gebied"] == "Emmen" and emmen["waarde"] == "0,105" and emmen["waarde_tekst"] == "10,5 %"
    assert emmen["teller"] == "630" and emmen["noemer"] == "6000" and emmen["status"] == "ok"
    assert stadskanaal["waarde"] == "0,06"  # 150 / 2500
    # Veendam is suppressed: empty, never zero, and says why
    assert veendam["waarde"] == "" and veendam["teller"] == ""
    assert veendam["status"] == "primair" and veendam["toelichting"] == "te weinig gegevens"
    assert veendam["waarde_tekst"] == "geen cijfer"


def test_csv_in_english_uses_commas_and_points(client, hand_release):
    client.cookies["django_language"] = "en"
    body = client.get("/en/download.csv" + QUERY).content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=","))
    assert rows[2]["waarde"] == "0.105" and rows[2]["waarde_tekst"] == "10.5 %"


def test_excel_has_the_same_cells_as_numbers(client, hand_release):
    response = client.get("/download.xlsx" + QUERY)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "test 1.0.0" in rows[0][0]
    assert list(rows[1]) == list(COLUMNS)
    by_code = {row[COLUMNS.index("gebiedscode")]: dict(zip(COLUMNS, row, strict=True)) for row in rows[2:]}
    assert set(by_code) == {"GM0037", "GM0047", "GM0114"}
    assert by_code["GM0114"]["waarde"] == pytest.approx(0.105)
    assert by_code["GM0114"]["teller"] == 630
    assert by_code["GM0047"]["waarde"] is None
    assert by_code["GM0047"]["toelichting"] == "te weinig gegevens"


def test_download_by_area_gives_all_years_and_breakdowns(client, hand_release):
    body = client.get(
        "/download.csv?indicator=laag_inkomen_personen&indicator=laag_inkomen_minderjarigen&gebied=GM0037"
    ).content
    rows = list(csv.DictReader(io.StringIO(body.decode().lstrip("\ufeff")), delimiter=";"))
    assert [(r["indicator"], r["jaar"], r["status"]) for r in rows] == [
        ("laag_inkomen_minderjarigen", "2022", "secundair"),
        ("laag_inkomen_personen", "2021", "ok"),
        ("laag_inkomen_personen", "2022", "ok"),
    ]
    assert rows[0]["toelichting"] == "weggelaten om andere cijfers te beschermen"


def test_download_without_indicator_or_release_is_404(client, db):
    assert client.get("/download.csv?indicator=laag_inkomen_personen").status_code == 404


def test_every_page_links_to_its_downloads(client, hand_release):
    for url in ("/", "/cijfer/laag_inkomen_personen/", "/gemeente/GM0114/", "/vergelijken/"):
        html = client.get(url).content.decode()
        assert "/download.csv?" in html and "/download.xlsx?" in html, url


def test_table_as_shown_is_wide_with_dutch_labels_percentages_filter_and_widths(client, hand_release):
    response = client.get("/tabel.xlsx?indicator=laag_inkomen_personen&indicator=laag_inkomen_minderjarigen"
                          "&niveau=gemeente&jaar=2022")
    assert response["Content-Disposition"] == (
        'attachment; filename="armoedemonitor-1.0.0-2-cijfers-gemeente-2022-tabel.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == [
        "Gebied", "Kinderen met een laag inkomen 2022", "Mensen met een laag inkomen 2022"
    ]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3)}
    assert list(rows) == ["Emmen", "Stadskanaal", "Veendam"]
    emmen = rows["Emmen"]
    assert emmen[1].value == pytest.approx(0.125) and emmen[1].number_format == "0.0%"  # 150/1200
    assert emmen[2].value == pytest.approx(0.105)
    assert rows["Stadskanaal"][1].value == "weggelaten om andere cijfers te beschermen"
    assert rows["Veendam"][2].value == "te weinig gegevens"
    assert sheet.auto_filter.ref == "A2:C5"
    assert sheet.column_dimensions["A"].width == 28


def test_file_names_are_whole(client, hand_release):
    response = client.get("/download.csv?indicator=laag_inkomen_personen&niveau=gemeente&jaar=2022")
    assert response["Content-Disposition"] == (
        'attachment; filename="armoedemonitor-1.0.0-laag_inkomen_personen-gemeente-2022.csv"'
    )
