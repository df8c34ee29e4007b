"""The yearly report: snapshot contents, immutability once adopted, the PDF (rendered
to images with pdftoppm, text checked with pdftotext), SVG charts and Dutch numbers."""

import subprocess
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.programme.models import (
    Action,
    Insight,
    Measurement,
    Node,
    NodeIndicator,
    Period,
    Report,
    Session,
)
from armoedemonitor.web.programme.services import reports
from armoedemonitor.web.programme.services.demo import load_faseplan
from armoedemonitor.web.yearly_report.charts import progress_chart, value_chart
from armoedemonitor.web.yearly_report.formatting import nl_date, nl_number

HEADINGS = ["Jaarrapportage 2025", "Doel 1: Huishoudens ervaren een kansrijk toekomstperspectief",
            "Doel 3: We leren van elkaar en we weten wat effectief is", "Wat we wilden doen", "Wat er gebeurde",
            "Wat we leerden", "Wat we veranderen", "Het armoedebeeld", "Interventies", "Lerend evalueren"]


@pytest.fixture
def team(django_user_model):
    user = django_user_model.objects.create_user("team", password="pw-team-123")
    grant(user, PROGRAMMATEAM)
    return user


@pytest.fixture
def programme(db):
    load_faseplan()
    period = Period.objects.get(naam="2025-2026")
    tafels = NodeIndicator.objects.get(definition__code="transitietafels")
    Measurement.objects.create(node_indicator=tafels, period=period, waarde=2, status="goedgekeurd",
                               toelichting="Twee tafels gehouden", bewijs_url="https://example.org/verslagen")
    session = Session.objects.create(datum=date(2026, 3, 12), soort="lerend_evalueren", titel="Sessie Hoogeveen",
                                     aantal_deelnemers=14, aantal_ervaringsdeskundigen=5)
    session.nodes.add(Node.objects.get(code="1.2.1.1"))
    insight = Insight.objects.create(session=session, kind="werkt", text_b1="Koffie op school brengt ouders binnen.")
    Action.objects.create(session=session, insight=insight, omschrijving="Elke maand een koffieochtend",
                          eigenaar="Wijkteam Verzetsbuurt", voor_jaarplan=2026)
    return period


def test_snapshot_per_goal(programme, team):
    report = reports.new_concept(2025, date(2026, 8, 31), team)
    goals = {g["code"]: g for g in report.snapshot["doelen"]}
    assert set(goals) == {"1", "2", "3"}
    # 2 of 3 transitietafels at the end of the period: 2/3 = 0.667 < 0.70 -> achter
    tafels = next(r for r in goals["3"]["indicatoren"] if r["code"] == "transitietafels")
    assert (tafels["actual"], tafels["target"], tafels["progress_pct"], tafels["status"]) == (2, 3, 67, "achter")
    assert goals["1"]["geleerd"][0]["tekst"] == "Koffie op school brengt ouders binnen."
    assert goals["1"]["veranderingen"][0]["eigenaar"] == "Wijkteam Verzetsbuurt"
    assert goals["3"]["geleerd"] == []
    assert any(item["titel"] == "Experiment Hoogeveen Verzetsbuurt" for item in goals["1"]["gepland"])
    hoogeveen = report.snapshot["gemeenten"]["GM0118"]
    assert hoogeveen["naam"] == "Hoogeveen"
    assert [n["code"] for n in hoogeveen["onderdelen"]] == ["1.2.1.1"]


def test_interventions_with_their_verdicts_and_working_set(programme, team):
    from armoedemonitor.web.interventions.models import (
        BestPracticeMembership,
        BestPracticeSet,
        Intervention,
    )

    working = Intervention.objects.create(slug="schuldhulp", naam="Vroege schuldhulp", samenvatting_b1="Snel hulp.",
                                          status="gepubliceerd")
    Intervention.objects.create(slug="koffie", naam="Koffie op school", samenvatting_b1="Ouders ontmoeten.",
                                status="gepubliceerd")
    Intervention.objects.create(slug="concept", naam="Nog in concept", samenvatting_b1="x", status="concept")
    best = BestPracticeSet.objects.create(jaar=2025, naam="Werkende interventies")
    BestPracticeMembership.objects.create(set=best, intervention=working, reden="werkt", herzien_op=date(2027, 6, 1))
    snapshot = reports.new_concept(2025, date(2026, 8, 31), team).snapshot
    assert [(i["naam"], i["werkend"], i["oordeel_professionals"]) for i in snapshot["interventies"]] == [
        ("Koffie op school", False, ""), ("Vroege schuldhulp", True, "")]
    from armoedemonitor.web.yearly_report.render import render_body

    assert "2 gepubliceerde interventies in het register; 1 daarvan" in render_body(snapshot)


def test_adopted_report_never_changes(programme, team):
    report = reports.new_concept(2025, date(2026, 8, 31), team)
    report = reports.adopt(report, team)
    frozen = (report.snapshot, report.html, bytes(report.pdf))
    assert "Sessie Hoogeveen" in report.html
    # adopting closed the period: its measurements cannot change any more
    assert Period.objects.get(pk=programme.pk).gesloten
    measurement = Measurement.objects.get(node_indicator__definition__code="transitietafels")
    measurement.waarde = 3
    with pytest.raises(ValidationError):
        measurement.save()
    # data corrected later: the published report still shows what was adopted
    node = Node.objects.get(code="3.1.1.2")
    node.titel = "Transitietafels (hernoemd)"
    node.save()
    Session.objects.update(titel="Andere titel")
    report.refresh_from_db()
    assert (report.snapshot, report.html, bytes(report.pdf)) == frozen
    assert reports.body_of(report) == frozen[1]
    assert "hernoemd" not in reports.body_of(report)
    assert reports.pdf_of(report) == frozen[2]
    report.html = "anders"
    with pytest.raises(ValidationError):
        report.save()
    with pytest.raises(ValidationError):
        report.delete()
    with pytest.raises(ValidationError):
        reports.adopt(report, team)
    # a correction is a new version
    again = reports.new_concept(2025, date(2026, 8, 31), team)
    assert again.versie == 2
    assert Report.objects.count() == 2


def test_pdf_has_the_headings_and_renders_to_images(programme, team, tmp_path):
    report = reports.adopt(reports.new_concept(2025, date(2026, 8, 31), team), team)
    pdf = tmp_path / "jaarrapportage.pdf"
    pdf.write_bytes(bytes(report.pdf))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for heading in HEADINGS:
        assert heading in flat, heading
    assert "Transitietafels" in flat and "achter" in flat
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4  # title + one page per goal + poverty picture ...
    assert all(p.stat().st_size > 5_000 for p in pages)  # not blank
    from armoedemonitor.web.programme.services.reports import factsheet_pdf

    sheet = tmp_path / "factsheet.pdf"
    sheet.write_bytes(factsheet_pdf(report, "GM0118"))
    sheet_text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    assert "Factsheet Hoogeveen 2025" in sheet_text and "Experiment Hoogeveen Verzetsbuurt" in sheet_text


def test_charts_carry_words_not_only_colour():
    svg = progress_chart([{"naam": "Transitietafels", "progress_pct": 67, "expected_pct": 100,
                           "status": "achter", "status_label": "achter"}], "Voortgang")
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    assert "67% · achter" in svg
    assert progress_chart([{"naam": "x", "progress_pct": None}], "leeg") == ""
    svg = value_chart([{"naam": "Hoogeveen", "value": None}, {"naam": "Emmen", "value": 12.26}], "Kinderen")
    assert "te weinig gegevens" in svg and "12,3%" in svg


def test_dutch_numbers_and_dates():
    assert nl_number(1234.5, 1) == "1.234,5"
    assert nl_number(1234567, 0) == "1.234.567"
    assert nl_number(None) == ""
    assert (nl_number(18.25, 1), nl_number(0.125, 2), nl_number(2.5, 0)) == ("18,3", "0,13", "3")
    assert nl_date("2026-08-31") == "31-08-2026"


def test_poverty_picture_from_the_current_release(programme, team):
    from armoedemonitor.web.releases.models import IndicatorValue, Release
    from armoedemonitor.web.yearly_report.render import render_body, render_factsheet_body

    release = Release.objects.create(name="demo", version="2026.1", sha256="c" * 64)
    release.make_current()
    common = {"release": release, "indicator": "laag_inkomen_minderjarigen", "year": 2023}
    IndicatorValue.objects.create(region_level="veenkolonien", region_code="veenkolonien", value=0.1825,
                                  status="ok", **common)
    IndicatorValue.objects.create(region_level="gemeente", region_code="GM0118", value=None, status="primair", **common)
    IndicatorValue.objects.create(region_level="gemeente", region_code="GM0114", value=0.2, status="ok", **common)
    snapshot = reports.new_concept(2025, date(2026, 8, 31), team).snapshot
    assert snapshot["release"] == {"naam": "demo", "versie": "2026.1"}
    block = next(b for b in snapshot["armoedebeeld"] if b["code"] == "kinderen-laag-inkomen")
    # release shares are fractions: 0.1825 -> 18.25 %, shown as 18,3 %
    assert block["waarden"] == [{"regio": "Veenkoloniën", "jaar": 2023, "value": pytest.approx(18.25),
                                 "te_weinig_gegevens": False}]
    assert "18,3%" in render_body(snapshot)
    hoogeveen = render_factsheet_body(snapshot, "GM0118")
    assert "te weinig gegevens" in hoogeveen and "Veenkoloniën (2023)" in hoogeveen
    assert "20,0%" in render_factsheet_body(snapshot, "GM0114")


def test_summary_first_interventions_as_annex_and_factsheet_without_figures_says_so(programme, team):
    from armoedemonitor.web.releases.models import IndicatorValue, Release
    from armoedemonitor.web.yearly_report.render import render_body, render_factsheet_body

    release = Release.objects.create(name="demo", version="2026.1", sha256="d" * 64)
    release.make_current()
    IndicatorValue.objects.create(release=release, indicator="laag_inkomen_minderjarigen", year=2023,
                                  region_level="veenkolonien", region_code="veenkolonien", value=0.1825, status="ok")
    snapshot = reports.new_concept(2025, date(2026, 8, 31), team).snapshot
    body = " ".join(render_body(snapshot).split())
    summary = body.index("In het kort")
    assert (summary < body.index("Doel 1: ") < body.index("<h2>Lerend evalueren</h2>")
            < body.index("Bijlage: interventies"))
    block = next(b for b in snapshot["armoedebeeld"] if b["code"] == "kinderen-laag-inkomen")
    # the one session of the fixture: 1 insight, 1 action; the key figure 18,25 % -> 18,3 %
    assert "Lerend evalueren: 1 bijeenkomst, 1 inzicht en 1 actie." in body
    assert f"{block['naam']}: 18,3% in Veenkoloniën (2023)." in body
    hoogeveen = render_factsheet_body(snapshot, "GM0118")
    assert "Voor Hoogeveen staan er in deze release geen armoedecijfers" in hoogeveen


def test_trends_per_gemeente_over_the_years_of_the_release(programme, team, make_release, tmp_path):
    from django.utils import translation

    from armoedemonitor.web.yearly_report.render import render_body

    make_release()  # tests/web/conftest.py: 2021 and 2022, Veendam 2022 hidden (primair)
    with translation.override("en"):  # the report stays Dutch whoever builds it
        report = reports.new_concept(2025, date(2026, 8, 31), team)
    snapshot = report.snapshot
    persons, children = snapshot["trends_per_gemeente"]
    assert (persons["code"], persons["jaren"]) == ("laag_inkomen_personen", [2021, 2022])
    rows = {row["naam"]: row["cijfers"] for row in persons["gemeenten"]}
    assert len(rows) == 11  # every gemeente of the Veenkoloniën, also those without figures
    # Emmen 600 / 6000 = 10,0 % and 630 / 6000 = 10,5 %
    assert [c["value"] for c in rows["Emmen"]] == [pytest.approx(10.0), pytest.approx(10.5)]
    # Veendam 2022 is hidden: no value (never 0), with its reason
    assert rows["Veendam"][1] == {"value": None, "status": "primair", "reden": "te weinig gegevens"}
    assert rows["Borger-Odoorn"] == [{"value": None, "status": "", "reden": ""}] * 2
    # children only in 2022; Stadskanaal hidden to protect other figures
    assert children["jaren"] == [2022]
    stadskanaal = next(row for row in children["gemeenten"] if row["naam"] == "Stadskanaal")
    assert stadskanaal["cijfers"][0]["reden"] == "weggelaten om andere cijfers te beschermen"

    body = render_body(snapshot)
    assert "Armoede per gemeente door de jaren heen" in body
    assert ('<th scope="row">Emmen</th><td class="getal">10,0%</td><td class="getal">10,5%</td>') in body
    assert ('<th scope="row">Veendam</th><td class="getal">10,0%</td><td class="getal">niet gepubliceerd'
            '<br><span class="meta">te weinig gegevens</span></td>') in body
    assert '<th scope="row">Borger-Odoorn</th><td class="getal">geen cijfer</td>' in body
    pdf = tmp_path / "jaarrapportage.pdf"
    pdf.write_bytes(reports.pdf_of(report))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    veendam = next(line for line in text.splitlines() if line.strip().startswith("Veendam"))
    assert veendam.split()[:4] == ["Veendam", "10,0%", "niet", "gepubliceerd"]
