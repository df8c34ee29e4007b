"""Dashboard pages on a hand-built release: the numbers, their changes and their gaps."""

import re

import pytest
from django.urls import reverse

from armoedemonitor.web.releases.models import Release

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """Page text without tags, hidden decoration and extra whitespace, as a reader hears it."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<span aria-hidden="true">[^<]*</span>', " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


def test_without_release_home_says_so(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Er zijn nog geen cijfers" in text_of(response)


def test_home_shows_veenkolonien_municipalities_changes_and_explanations(client, hand_release):
    text = text_of(client.get("/"))
    # Veenkoloniën 2022: 1170/13000 = 9,0 %; 2021: 10,0 % -> −1,0 procentpunt
    assert "9,0 %" in text
    assert "−1,0 procentpunt sinds 2021" in text
    # Emmen 10,5 % (+0,5), Stadskanaal 6,0 % (−2,0), Veendam suppressed with its reason
    assert "Emmen 10,5 % +0,5 procentpunt" in text
    assert "Stadskanaal 6,0 % −2,0 procentpunt" in text
    assert "Veendam te weinig gegevens" in text
    # children: Stadskanaal secondary suppression says why
    assert "weggelaten om andere cijfers te beschermen" in text
    # B1 explanations beside the figures
    assert "Van elke 100 mensen hebben er zoveel een laag inkomen." in text
    # not a headline indicator
    assert "Verhuizingen van arme mensen" not in text


def test_home_in_english_uses_english_names_and_number_format(client, hand_release):
    client.cookies["django_language"] = "en"
    text = text_of(client.get("/en/"))
    assert "English: Van elke 100 mensen" in text
    assert "9.0 %" in text


def test_indicator_page_has_map_legend_hatching_and_table(client, hand_release):
    response = client.get("/cijfer/laag_inkomen_personen/?jaar=2022")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="map"' in html
    # the 22 municipalities of Groningen and Drenthe in the release -> only those present
    paths = re.findall(r'<path d="[^"]+" fill="([^"]+)" data-code="(GM\d{4})"', html)
    codes = {code for _, code in paths}
    assert codes == {"GM0114", "GM0037", "GM0047"}
    fills = dict((code, fill) for fill, code in paths)
    assert fills["GM0047"] == "url(#kaart-suppressed)"  # suppressed: hatched, not a colour
    assert fills["GM0114"] == "#08519c"  # highest of 6,0 and 10,5 -> darkest class
    assert fills["GM0037"] == "#deebf7"  # lowest -> lightest class
    assert "<title>Veendam: te weinig gegevens</title>" in html
    text = text_of(response)
    # legend: two areas with a figure -> two equal intervals of (10,5 − 6,0)/2 = 2,25 points
    legend = re.findall(r'<rect width="20" height="14" fill="(#[0-9a-f]{6})"', html)
    assert legend == ["#deebf7", "#08519c"]
    # the break 8,25 % is 8,2499… in binary floating point, so it is shown as 8,2 %
    assert "6,0 % – 8,2 %" in text and "8,2 % – 10,5 %" in text
    # every area is a link: municipalities to their page, named by their figure
    assert '<a href="/gemeente/GM0114/" aria-label="Emmen: 10,5 %">' in html
    assert 'role="group"' in html
    # table alternative with counts: 630 of 6.000
    assert "Emmen 10,5 % +0,5 procentpunt 630 6.000" in text
    assert "Mensen met een laag inkomen per gebied in 2022." in text  # the map's caption


def test_indicator_page_wijk_level_lists_the_wijk(client, hand_release):
    text = text_of(client.get("/cijfer/laag_inkomen_personen/?jaar=2022&niveau=wijk"))
    assert "WK011401 20,0 %" in text  # 40/200
    assert "Er zijn geen grenzen van de wijken beschikbaar." in text  # the shared file has municipalities only


def test_indicator_page_without_boundaries_still_shows_the_table(client, hand_release, settings, tmp_path):
    settings.ARMOEDEMONITOR_GEO_FILE = str(tmp_path / "missing.topojson")
    text = text_of(client.get("/cijfer/laag_inkomen_personen/?jaar=2022"))
    assert "De kaart kan nu niet getoond worden" in text
    assert "De kaartgrenzen zijn niet beschikbaar" in text
    assert "missing.topojson" not in text  # no server paths on public pages
    assert "Emmen 10,5 %" in text


def test_unknown_indicator_and_municipality_are_404(client, hand_release):
    assert client.get("/cijfer/bestaat_niet/").status_code == 404
    assert client.get("/gemeente/GM9999/").status_code == 404


def test_municipality_page_compares_with_region_and_province(client, hand_release):
    response = client.get("/gemeente/GM0114/")
    html, text = response.content.decode(), text_of(response)
    assert "Armoede in Emmen" in text
    assert html.count('<div class="chart-wide"><svg class="chart"') == 2  # one per headline indicator present
    assert html.count('<div class="chart-narrow"><svg class="chart"') == 2  # and each again for phones
    # trend table: year, Emmen, Veenkoloniën, Provincie Drenthe (2021 has no province
    # figure), Nederland (CBS: 5,4 % in 2021, 3,8 % in 2022; see dashboard/data/nederland.toml)
    assert "2021 10,0 % 10,0 % geen cijfer 5,4 %" in text
    assert "2022 10,5 % 9,0 % 7,5 % 3,8 %" in text
    assert "Laag door de eenmalige energietoeslag" in text  # the 2022 CBS figure's caveat, with its source
    assert "CBS 2022/40" not in text  # 2020 is outside the release's years: not shown
    assert "WK011401 20,0 %" in text


def test_compare_page_defaults_and_choice(client, hand_release):
    text = text_of(client.get("/vergelijken/?indicator=laag_inkomen_personen&gebied=GM0114&gebied=GM0037"))
    assert "2021 10,0 % 8,0 %" in text
    assert "2022 10,5 % 6,0 %" in text


def test_only_the_current_release_is_shown(client, hand_release, make_release):
    other = make_release(name="nieuw", version="2.0.0", sha="b" * 64, current=False)
    other.values.filter(region_code="veenkolonien", year=2022, indicator="laag_inkomen_personen").update(value=0.5)
    assert "9,0 %" in text_of(client.get("/"))
    other.make_current()
    assert Release.objects.get(pk=hand_release.pk).is_current is False
    assert "50,0 %" in text_of(client.get("/"))


def test_accessibility_statement(client, db):
    response = client.get(reverse("dashboard:accessibility"))
    assert "Toegankelijkheidsverklaring" in text_of(response)
    assert "WCAG 2.1" in text_of(response)


def test_english_pages_are_translated(client, hand_release):
    client.cookies["django_language"] = "en"
    text = text_of(client.get("/en/cijfer/laag_inkomen_personen/?jaar=2022"))
    assert "What does this mean?" in text and "Legend" in text
    assert "by area in 2022" in text
    assert "Veendam too little data" in text
    assert "Stadskanaal 6.0 % −2.0 percentage points" in text


def test_home_cards_compare_with_the_netherlands(client, hand_release):
    text = text_of(client.get("/"))
    # children: CBS 5,2 % in 2022; people: CBS 3,8 % in 2022
    assert "Heel Nederland: 5,2 % in 2022" in text
    assert "Heel Nederland: 3,8 % in 2022" in text
    assert "De Veenkoloniën zijn hier de gemeenten Aa en Hunze, Borger-Odoorn, Coevorden," in text


def test_indicator_page_has_the_trend_with_the_netherlands_and_a_dutch_definition(client, hand_release):
    text = text_of(client.get("/cijfer/laag_inkomen_minderjarigen/"))
    # Veenkoloniën 300/2500 = 12,0 % in 2022; Nederland 5,2 % (2021 is outside the release's years)
    assert "Kinderen met een laag inkomen per jaar" in text
    assert "2022 12,0 % 5,2 %" in text
    assert "Van alle kinderen onder de 18 jaar in een huishouden dat meetelt" in text
    assert "definitie van laag_inkomen_minderjarigen" not in text  # the release's English text
    client.cookies["django_language"] = "en"
    english = text_of(client.get("/en/cijfer/laag_inkomen_minderjarigen/"))
    assert "definitie van laag_inkomen_minderjarigen" in english
    assert "Van alle kinderen" not in english


def test_every_registered_indicator_has_a_dutch_definition():
    from armoedemonitor.registry import registry
    from armoedemonitor.web.dashboard.reference import definition_nl

    missing = [i for i in registry() if not definition_nl(i)]
    assert not missing


def test_explanation_page_gives_the_line_and_the_region_sets(client, hand_release):
    text = text_of(client.get(reverse("dashboard:explanation")))
    # thresholds.toml: 2022 EUR 14.400 a year = 1.200 a month; couple with 2 children: × 1,91
    assert "2022 € 14.400 € 1.200" in text
    assert "paar met 2 kinderen: ongeveer € 2.292 per maand" in text  # 14400 × 1,91 / 12 = 2292
    assert "2021 € 13.500 € 1.125" in text
    assert "€ 13.200" not in text  # 2020: the release covers 2021-2022 only
    # Why figures are missing, and what a range means, in plain words
    assert "Waarom ontbreekt soms een cijfer?" in text
    assert "zoals ‘10 tot 15 %’. Is dat nog te precies, dan ziet u een breder bereik, zoals ‘10 tot 20 %’" in text
    english = text_of(client.get("/en" + reverse("dashboard:explanation")))
    assert "Why is a figure sometimes missing?" in english and "such as ‘10 to 20 %’" in english
    assert (
        "Veenkoloniën Aa en Hunze, Borger-Odoorn, Coevorden, Emmen, Hoogeveen, Midden-Groningen, "
        "Oldambt, Pekela, Stadskanaal, Veendam, Westerwolde Alliantie van Kracht"
    ) in text


def test_wijk_table_filters_per_municipality(client, hand_release):
    from armoedemonitor.web.releases.models import IndicatorValue

    IndicatorValue.objects.create(release=hand_release, indicator="laag_inkomen_personen", year=2022,
                                  region_level="wijk", region_code="WK003701", numerator=10, denominator=100,
                                  value=0.1, n=100, status="ok")
    both = text_of(client.get("/cijfer/laag_inkomen_personen/?jaar=2022&niveau=wijk"))
    assert "WK011401 20,0 %" in both and "WK003701 10,0 %" in both
    emmen = client.get("/cijfer/laag_inkomen_personen/?jaar=2022&niveau=wijk&gemeente=GM0114")
    text = text_of(emmen)
    assert "WK011401 20,0 %" in text and "WK003701" not in text.split("Tabel")[-1]
    assert '<option value="GM0114" selected>Emmen</option>' in emmen.content.decode()
    # the municipality page links to its own wijken
    assert "?niveau=wijk&amp;gemeente=GM0114" in client.get("/gemeente/GM0114/").content.decode()
