"""What the issue's readers do, in Chromium: the policy officer's three clicks, every
public page type at 390 px without sideways scrolling, and axe on the new page types in
both languages."""

import pytest
from test_dashboard_browser import dashboard_release  # noqa: F401 (fixture)

from armoedemonitor.web.releases.models import Definition, IndicatorValue

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def structured_rows(dashboard_release):  # noqa: F811
    """A mobility matrix, flows and a wealth profile for the Veenkoloniën."""
    release = dashboard_release
    for ident, naam, eenheid in (("overgangsmatrix", "Van inkomensgroep ouders naar inkomensgroep kind", "aandeel"),
                                 ("migratie_armoede", "Verhuizen en armoede", "aantal"),
                                 ("vermogen_top10_profiel", "Wie heeft het meeste vermogen?", "index")):
        Definition.objects.create(release=release, indicator=ident, naam=naam, uitleg_b1="uitleg", eenheid=eenheid)
    rows = [("overgangsmatrix", "parent_quintile×child_quintile", f"{p}×{c}", 0.2, 2022)
            for p in range(1, 6) for c in range(1, 6)]
    rows += [("migratie_armoede", "flow", flow, 10.0, 2022) for flow in
             ("blijvers_in", "blijvers_uit", "instromers_verhuizing", "uitstromers_verhuizing", "nieuwkomers",
              "vertrekkers")]
    rows += [("vermogen_top10_profiel", "groep×kenmerk", f"{g}×{k}", v, 2022)
             for g in ("top10", "overig")
             for k, v in (("leeftijd", 55.0), ("hoog_opgeleid", 0.3), ("inkomen", 30000.0))]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(release=release, indicator=i, year=y, region_level="veenkolonien", region_code="veenkolonien",
                       breakdown=b, category=c, value=v, n=100, status="ok")
        for i, b, c, v, y in rows
    )
    return release


def test_children_in_pekela_against_the_netherlands_in_three_clicks(page, live_server, dashboard_release):  # noqa: F811
    page.goto(live_server.url + "/")
    clicks = 0
    page.click("table.matrix a:text-is('Pekela')")
    clicks += 1
    section = page.locator("section.trend", has=page.locator("h2", has_text="Kinderen met een laag inkomen"))
    table = section.locator("table")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Jaar", "Pekela", "Veenkoloniën", "Provincie Groningen", "Nederland"]
    assert [r.split("\t")[0] for r in table.locator("tbody tr").all_inner_texts()] == ["2019", "2020", "2021", "2022"]
    assert "5,2 %" in table.locator("tbody tr").last.inner_text()  # CBS 2022, children
    assert "te weinig gegevens" in table.inner_text()  # Pekela's own figure is suppressed here
    assert clicks <= 3


# The elements sticking out furthest to the right, outside any scrolling container.
WIDEST = """
[...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.table-scroll'))
  .map(e => [e.getBoundingClientRect().right, \
e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 30)])
  .filter(([right]) => right > window.innerWidth).sort((a, b) => b[0] - a[0]).slice(0, 5)
"""

PUBLIC_PAGES = [
    "/", "/cijfer/laag_inkomen_minderjarigen/?jaar=2022", "/gemeente/GM0765/", "/vergelijken/", "/uitleg/",
    "/cijfer/overgangsmatrix/", "/cijfer/migratie_armoede/", "/cijfer/vermogen_top10_profiel/",
    "/toegankelijkheid/", "/account/inloggen/", "/releases/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_sideways_scrolling_at_390_px(phone, live_server, structured_rows, path):
    phone.goto(live_server.url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    culprits = phone.evaluate(WIDEST) if overflow > 0 else []
    assert overflow <= 0, f"{path} scrolls {overflow} px sideways at 390 px: {culprits}"


@pytest.mark.parametrize("path", ["/uitleg/", "/cijfer/overgangsmatrix/", "/cijfer/migratie_armoede/",
                                  "/cijfer/vermogen_top10_profiel/", "/cijfer/laag_inkomen_personen/"])
@pytest.mark.parametrize("language", ["", "/en"])
def test_new_page_types_pass_axe_in_both_languages(page, live_server, structured_rows, assert_accessible, path,
                                                    language, screenshot):
    page.goto(live_server.url + language + path)
    assert "None" not in page.locator("main").inner_text()
    screenshot(f"reader{language.replace('/', '-')}{path.strip('/').replace('/', '-') or 'home'}")
    assert_accessible(language + path)


def test_start_page_after_logging_in(page, live_server, transactional_db, django_user_model, assert_accessible,
                                     screenshot):
    django_user_model.objects.create_user("anna", password="anna-wachtwoord")
    page.goto(live_server.url + "/uitleg/")
    page.click("text=Inloggen")
    page.fill("#id_username", "anna")
    page.fill("#id_password", "anna-wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_url("**/programma/mijn-werk/")
    assert "Ingelogd als anna" in page.locator("header").inner_text()
    screenshot("mijn-werk")
    assert_accessible("mijn werk")
    with page.expect_navigation():
        page.click("header button:text-is('Uitloggen')")
    assert "Inloggen" in page.locator("header").inner_text()


def test_chart_text_is_readable_on_a_phone(phone, live_server, dashboard_release):  # noqa: F811
    phone.goto(live_server.url + "/gemeente/GM0765/")
    chart = phone.locator("svg.chart:visible").first
    sizes = chart.locator("text").evaluate_all(
        "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(sizes) >= 11, f"chart text only {min(sizes):.1f} px high at 390 px"


def test_map_areas_are_links_reachable_by_keyboard_with_a_visible_tooltip(page, live_server, dashboard_release):  # noqa: F811
    page.goto(live_server.url + "/cijfer/laag_inkomen_personen/?jaar=2022")
    page.focus("#keuze-niveau")
    for _ in range(3):  # the button, then into the map: its first area (alphabetical)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg.map') !== null"):
            break
    active = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')") or ""
    assert label.startswith("Aa en Hunze: "), active
    assert page.locator("#kaart-info").inner_text().startswith("Aa en Hunze: ")  # not only on hover
    page.keyboard.press("Enter")
    page.wait_for_url("**/gemeente/GM1680/")
