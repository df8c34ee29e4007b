"""The public dashboard in headless Chromium: it renders, looks right and passes axe-core."""

import pytest

from armoedemonitor.definitions import municipalities
from armoedemonitor.web.releases.models import Definition, IndicatorValue, Release

HEADLINE = [
    ("laag_inkomen_personen", "Mensen met een laag inkomen",
     "Van elke 100 inwoners hebben er zoveel een laag inkomen."),
    ("laag_inkomen_minderjarigen", "Kinderen met een laag inkomen",
     "Van elke 100 kinderen groeien er zoveel op in een gezin met een laag inkomen."),
    ("generatiearmoede", "Generatiearmoede", "Van elke 100 jongvolwassenen zijn er zoveel arm, net als hun ouders."),
]


@pytest.fixture
def dashboard_release(transactional_db, settings, shared_dir):
    """Every municipality of Groningen and Drenthe, 2019–2022; Pekela's children suppressed."""
    settings.ARMOEDEMONITOR_GEO_FILE = str(shared_dir / "geo" / "gemeente_2023.topojson")
    release = Release.objects.create(name="browsertest", version="1", sha256="c" * 64, output_check="# Controle")
    for ident, naam, uitleg in HEADLINE:
        Definition.objects.create(release=release, indicator=ident, naam=naam, uitleg_b1=uitleg, eenheid="aandeel")
    cells = []
    for index, code in enumerate(sorted(municipalities())):
        for year in range(2019, 2023):
            for rank, (ident, *_) in enumerate(HEADLINE):
                share = 0.04 + 0.005 * index + 0.003 * (year - 2019) + 0.01 * rank
                suppressed = code == "GM0765" and ident == "laag_inkomen_minderjarigen"
                cells.append(IndicatorValue(
                    release=release, indicator=ident, year=year, region_level="gemeente", region_code=code,
                    value=None if suppressed else share, numerator=None if suppressed else share * 1000,
                    denominator=None if suppressed else 1000, n=1000, status="primair" if suppressed else "ok",
                ))
    for level in ("veenkolonien", "groningen", "drenthe"):
        for year in range(2019, 2023):
            for rank, (ident, *_) in enumerate(HEADLINE):
                cells.append(IndicatorValue(
                    release=release, indicator=ident, year=year, region_level=level, region_code=level,
                    value=0.09 - 0.004 * (year - 2019) + 0.01 * rank + (0.01 if level == "veenkolonien" else 0),
                    n=20000, status="ok",
                ))
    IndicatorValue.objects.bulk_create(cells)
    release.make_current()
    return release


def test_home_page(page, live_server, dashboard_release, screenshot, assert_accessible):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Armoede in de Veenkoloniën en de gemeenten"
    assert page.locator(".card").count() == 3
    assert page.locator("table.matrix tbody tr").count() == len(municipalities())
    assert "te weinig gegevens" in page.locator("table.matrix").inner_text()  # Pekela's children
    screenshot("dashboard_home")
    assert_accessible("home")


def test_map_page_keyboard_and_accessibility(page, live_server, dashboard_release, screenshot, assert_accessible):
    page.goto(live_server.url + "/cijfer/laag_inkomen_minderjarigen/?jaar=2022")
    assert page.locator("svg.map path[data-code]").count() == len(municipalities())
    pekela = page.locator('svg.map path[data-code="GM0765"]')
    assert pekela.get_attribute("fill") == "url(#kaart-suppressed)"
    assert page.locator(".legend li").count() == 5 + 2  # five classes, suppressed, missing
    box = page.locator("svg.map").bounding_box()
    assert box["width"] > 400 and box["height"] > 300
    screenshot("dashboard_map")
    assert_accessible("map")
    # keyboard: change the year with the form only
    page.focus("#keuze-jaar")
    page.select_option("#keuze-jaar", "2020")
    page.keyboard.press("Tab")  # to the area-level choice
    page.keyboard.press("Tab")  # to the button
    assert page.evaluate("document.activeElement.textContent") == "Toon"
    page.keyboard.press("Enter")
    page.wait_for_url("**jaar=2020**")
    assert "2020" in page.locator("h1").inner_text()


def test_municipality_page(page, live_server, dashboard_release, screenshot, assert_accessible):
    page.goto(live_server.url + "/gemeente/GM0114/")
    assert page.locator("h1").inner_text() == "Armoede in Emmen"
    assert page.locator("svg.chart:visible").count() == 3
    assert "Provincie Drenthe" in page.locator("table").first.inner_text()
    screenshot("dashboard_municipality")
    assert_accessible("municipality")


def test_compare_and_accessibility_pages(page, live_server, dashboard_release, assert_accessible, screenshot):
    page.goto(live_server.url
              + "/vergelijken/?indicator=generatiearmoede&gebied=GM0114&gebied=GM0037&gebied=veenkolonien")
    assert page.locator("table tbody tr").count() == 4  # 2019–2022
    screenshot("dashboard_compare")
    assert_accessible("compare")
    page.goto(live_server.url + "/toegankelijkheid/")
    assert_accessible("toegankelijkheid")


def test_english_version(page, live_server, dashboard_release, assert_accessible):
    page.goto(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible("home in English")


def test_release_pages(page, live_server, dashboard_release, assert_accessible):
    page.goto(live_server.url + "/releases/")
    with page.expect_navigation():
        page.click(f'a[href="/releases/{dashboard_release.pk}/"]')
    assert page.locator("h2", has_text="Controle").count() >= 1
    assert page.locator("#def-generatiearmoede").count() == 1
    assert_accessible("release detail")
