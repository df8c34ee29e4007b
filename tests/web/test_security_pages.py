"""Attacks on the pages, each tried as it was found: markup in an indicator unit (PDF file
leak and stored XSS), the Content-Security-Policy, formula injection in exports and a
file name injected into the download header."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.interventions import inventory
from armoedemonitor.web.interventions.models import Intervention
from armoedemonitor.web.pdf import StaticOnlyFetcher
from armoedemonitor.web.programme.models import IndicatorDefinition
from armoedemonitor.web.programme.services import reports
from armoedemonitor.web.programme.services.demo import load_faseplan
from armoedemonitor.web.releases.models import Release
from armoedemonitor.web.spreadsheet import neutral, restore
from armoedemonitor.web.yearly_report.charts import progress_chart, value_chart
from armoedemonitor.web.yearly_report.render import document, to_pdf

LEAK = "<p><a rel=attachment href=/proc/self/environ>x"
XSS = "<img src=x onerror=alert(1)>"


def test_chart_escapes_every_user_value():
    chart = value_chart([{"naam": XSS, "value": 0.5}], XSS, unit=LEAK)
    bars = progress_chart([{"naam": XSS, "progress_pct": 50, "expected_pct": 40, "status": "x",
                            "status_label": XSS}], XSS)
    for svg in (chart, bars):
        assert "<img" not in svg and "<a " not in svg and "<p>" not in svg
    assert "&lt;a rel=attachment" in chart


def test_pdf_fetches_nothing_outside_the_static_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-12345")
    html = document(f'<p><a rel="attachment" href="file://{secret}">x</a>'
                    f'<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png"></p>', "t")
    pdf = to_pdf(html)
    assert b"/EmbeddedFile" not in pdf and b"GEHEIM" not in pdf


def test_fetcher_allows_the_projects_static_files_only(settings):
    fetcher = StaticOnlyFetcher()
    css = settings.STATICFILES_DIRS[0] / "css" / "site.css"
    assert fetcher.fetch(css.as_uri()).url == css.resolve().as_uri()
    for url in ("file:///etc/passwd", "file:///proc/self/environ", "http://example.org/",
                (css.parent / ".." / ".." / ".." / "settings" / "prod.py").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.fixture
def poisoned_report(db, hand_release, django_user_model):
    team = django_user_model.objects.create_user("team", password="pw-team-123")
    grant(team, PROGRAMMATEAM)
    load_faseplan()
    linked = IndicatorDefinition.objects.filter(bron=IndicatorDefinition.Bron.RELEASE).order_by("pk")
    for i, definition in enumerate(linked):  # one payload each: the field holds 50 characters
        definition.eenheid = (XSS, LEAK)[i % 2]
        definition.save(update_fields=["eenheid"])
    return team, reports.new_concept(2025, date(2026, 8, 31), team)


def test_report_and_factsheet_escape_the_unit(client, poisoned_report):
    team, report = poisoned_report
    client.force_login(team)
    for url in (f"/programma/rapportage/{report.pk}/", f"/programma/rapportage/{report.pk}/gemeente/GM0114/"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "<img src=x" not in body and "<a rel=attachment" not in body, url
        assert "&lt;img src=x" in body, url


def test_adopted_report_pdf_has_no_attachment(client, poisoned_report):
    team, report = poisoned_report
    reports.adopt(report, team)
    response = client.get(f"/programma/rapportage/{report.pk}/pdf/")
    assert response.status_code == 200
    assert b"/EmbeddedFile" not in response.content


def test_every_page_has_a_content_security_policy(client, hand_release):
    for url in ("/", "/cijfer/laag_inkomen_personen/", "/account/inloggen/", "/releases/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_inline_style_carries_the_nonce_of_the_policy(client, poisoned_report):
    team, report = poisoned_report
    client.force_login(team)
    response = client.get(f"/programma/rapportage/{report.pk}/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-1+cmd|' /C calc'!A0", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_formula_text_is_neutralised_and_restored(text):
    assert neutral(text) == "'" + text
    assert restore(neutral(text)) == text


@pytest.mark.parametrize("value", [-1.5, -3, 0, "-1,5", "-2", "+3.25", "gewone tekst", "", None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert neutral(value) == value
    if isinstance(value, str):
        assert restore(value) == value


def test_dashboard_exports_neutralise_formulas(client, hand_release):
    Release.objects.filter(pk=hand_release.pk).update(name="=HYPERLINK(\"http://evil\")")
    hand_release.definitions.filter(indicator="laag_inkomen_personen").update(naam="=1+1", eenheid="aandeel")
    text = client.get("/download.csv?indicator=laag_inkomen_personen").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert {row[1] for row in rows[1:]} == {"'=1+1"}
    sheet = load_workbook(io.BytesIO(client.get("/download.xlsx?indicator=laag_inkomen_personen").content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert sheet["A1"].value.startswith("Armoedemonitor")
    naam = [row[1].value for row in sheet.iter_rows(min_row=3)]
    assert set(naam) == {"'=1+1"}
    # a negative value stays a number
    values = [row[9].value for row in sheet.iter_rows(min_row=3)]
    assert all(v is None or isinstance(v, float) for v in values)


def test_intervention_export_neutralises_and_round_trips(db):
    Intervention.objects.create(slug="x", naam="=HYPERLINK(\"http://evil\",\"klik\")", samenvatting_b1="@x")
    for export in (inventory.export_csv, inventory.export_xlsx):
        data = export()
        if export is inventory.export_xlsx:
            sheet = load_workbook(io.BytesIO(data)).active
            assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
            assert sheet["B2"].value.startswith("'=")
        else:
            assert "\n\"'=HYPERLINK" in data.decode() or ",\"'=HYPERLINK" in data.decode()
        rows = inventory.read_rows(data, "export.xlsx" if export is inventory.export_xlsx else "export.csv")
        assert rows[0]["naam"] == "=HYPERLINK(\"http://evil\",\"klik\")"


@pytest.mark.parametrize("bad", ['x";filename=evil.html', "laag_inkomen_personen\r\nSet-Cookie: a=b", "../etc"])
def test_download_accepts_registry_ids_only(client, hand_release, bad):
    response = client.get("/download.csv", {"indicator": bad})
    assert response.status_code == 404
    assert "evil" not in response.get("Content-Disposition", "")


def test_download_file_name_is_made_of_ids(client, hand_release):
    response = client.get("/download.csv?indicator=laag_inkomen_personen")
    assert response["Content-Disposition"] == 'attachment; filename="armoedemonitor-1.0.0-laag_inkomen_personen.csv"'


