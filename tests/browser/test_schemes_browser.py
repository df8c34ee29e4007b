"""The "done when" of issue 16 in Chromium: register a scheme, see a refused file with its
bad rows, upload two years of counts for two municipalities, and see reach and trend on
the municipal page and in the comparison, every page clean under axe-core."""

import pytest

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.releases.models import Definition, IndicatorValue, Release
from armoedemonitor.web.schemes.models import RecipientCount, Scheme

pytestmark = pytest.mark.django_db(transaction=True)

# laag_inkomen_personen numerators: Emmen 600 (2021), 630 (2022); Stadskanaal 200, 150.
TARGETS = {("GM0114", 2021): 600, ("GM0114", 2022): 630, ("GM0037", 2021): 200, ("GM0037", 2022): 150}
GOOD = "jaar;gebied;ontvangers\n2021;GM0114;300\n2022;GM0114;378\n2021;GM0037;50\n2022;GM0037;60\n"
BAD = "jaar;gebied;ontvangers\n2021;GM0114;300\n2022;GM0114;12,5\n2022;GM9999;4\n"


@pytest.fixture
def release(django_user_model):
    release = Release.objects.create(name="bereik", version="1", sha256="e" * 64, output_check="# Controle")
    Definition.objects.create(release=release, indicator="laag_inkomen_personen", naam="Mensen met een laag inkomen",
                              uitleg_b1="Van elke 100 mensen hebben er zoveel een laag inkomen.", eenheid="aandeel")
    Definition.objects.create(release=release, indicator="huurtoeslag_niet_gebruik", naam="Huurders zonder huurtoeslag",
                              uitleg_b1="Dit is een schatting.", eenheid="aandeel")
    for (code, year), numerator in TARGETS.items():
        IndicatorValue.objects.create(release=release, indicator="laag_inkomen_personen", year=year,
                                      region_level="gemeente", region_code=code, numerator=numerator,
                                      denominator=6000, value=numerator / 6000, n=6000, status="ok")
    IndicatorValue.objects.create(release=release, indicator="huurtoeslag_niet_gebruik", year=2022,
                                  region_level="gemeente", region_code="GM0114", numerator=45, denominator=300,
                                  value=0.15, n=300, status="ok")
    release.make_current()
    grant(django_user_model.objects.create_user("saskia", password="saskia-wachtwoord"), PROGRAMMATEAM)
    return release


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.fill("#id_username", "saskia")
    page.fill("#id_password", "saskia-wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "inloggen" not in url)


def upload(page, name, text):
    page.set_input_files("#id_bestand", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    page.click("main button[type=submit]")


def test_register_upload_and_see_reach(page, live_server, release, assert_accessible, screenshot):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/regelingen/nieuw/")
    page.fill("#id_naam", "Kindpakket")
    page.check("input[name=gemeenten][value=GM0114]")
    page.check("input[name=gemeenten][value=GM0037]")
    page.select_option("#id_doelgroep", "laag_inkomen_personen||")
    page.fill("#id_doelgroep_omschrijving", "Gezinnen met een laag inkomen")
    page.fill("#id_voorwaarden", "U woont in de gemeente. Uw inkomen is laag.")
    assert_accessible("regeling vastleggen")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Kindpakket')")
    scheme = Scheme.objects.get()

    page.click("text=Aantallen uploaden (CSV of Excel)")
    upload(page, "fout.csv", BAD)
    alert = page.locator("[role=alert]").inner_text()
    assert "Het bestand is niet gebruikt" in alert
    assert "fout.csv, regel 3, kolom ontvangers: 12,5 is geen heel getal" in alert
    assert "fout.csv, regel 4, kolom gebied: GM9999 ligt niet in een gemeente van deze regeling" in alert
    assert not RecipientCount.objects.exists()
    screenshot("regelingen-geweigerd-bestand")
    assert_accessible("geweigerd bestand")

    upload(page, "bereik.csv", GOOD)
    page.wait_for_selector("h1:has-text('Kindpakket')")
    assert RecipientCount.objects.filter(scheme=scheme).count() == 4
    table = page.locator("#bereik-tabel").locator("xpath=..").inner_text()
    assert "50,0 %" in table and "60,0 %" in table  # Emmen 300/600, 378/630
    assert "25,0 %" in table and "40,0 %" in table  # Stadskanaal 50/200, 60/150
    assert_accessible("regeling")

    page.goto(f"{live_server.url}/gemeente/GM0114/")
    section = page.locator("section[aria-labelledby=regelingen-kop]")
    assert "Regelingen in Emmen" in section.inner_text()
    assert "Huurders zonder huurtoeslag (2022): 15,0 %." in section.inner_text()
    assert section.locator("svg.chart").count() == 1  # the trend
    rows = section.locator("tbody tr")
    assert [rows.nth(i).locator("td").last.inner_text() for i in range(rows.count())] == ["50,0 %", "60,0 %"]
    screenshot("regelingen-gemeente")
    assert_accessible("gemeentepagina met regelingen")
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("regelingen-gemeente-390")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/regelingen/vergelijken/")
    compared = page.locator("table").inner_text()
    assert "Kindpakket – Emmen" in compared and "Kindpakket – Stadskanaal" in compared
    assert page.locator("svg.chart").count() == 1
    assert_accessible("vergelijken")
