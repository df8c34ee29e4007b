"""Pages for the indicators that are a structure: matrix, flows and profile (hand-made rows)."""

import pytest
from test_dashboard_views import text_of

from armoedemonitor.web.releases.models import Definition, IndicatorValue

pytestmark = pytest.mark.django_db


def add(release, indicator, year, code, breakdown, category, numerator, denominator, status="ok", level=None,
        count=False):
    """One breakdown cell; a share is numerator / denominator, a count its numerator."""
    value = None if numerator is None else (numerator if count else numerator / denominator)
    IndicatorValue.objects.create(
        release=release, indicator=indicator, year=year, region_level=level or code, region_code=code,
        breakdown=breakdown, category=category, numerator=numerator, denominator=denominator,
        value=value, n=denominator, status=status,
    )


def define(release, indicator, naam, eenheid):
    Definition.objects.create(release=release, indicator=indicator, naam=naam, uitleg_b1="uitleg",
                              definitie="technical", eenheid=eenheid, name_en=f"{naam} EN")


def test_mobility_matrix_is_a_table_of_rows_that_sum_to_100(client, hand_release):
    define(hand_release, "overgangsmatrix", "Van inkomensgroep ouders naar inkomensgroep kind", "aandeel")
    # parents in the lowest group: 40 children -> 16, 8, 8, 4, 4 = 40 %, 20 %, 20 %, 10 %, 10 %
    for child, count in zip(range(1, 6), (16, 8, 8, 4, 4), strict=True):
        add(hand_release, "overgangsmatrix", 2022, "veenkolonien", "parent_quintile×child_quintile",
            f"1×{child}", count, 40)
    add(hand_release, "overgangsmatrix", 2022, "veenkolonien", "parent_quintile×child_quintile", "2×1",
        None, None, "primair")
    text = text_of(client.get("/cijfer/overgangsmatrix/"))
    assert "None" not in text
    assert "Veenkoloniën, 2022" in text
    assert "laagste 20 % 40,0 % 20,0 % 20,0 % 10,0 % 10,0 % 40" in text
    assert "tweede 20 % te weinig gegevens" in text


def test_flows_add_up_to_the_change_in_poor_people(client, hand_release):
    flows = {"blijvers_in": 30, "instromers_verhuizing": 20, "nieuwkomers": 5,
             "blijvers_uit": 25, "uitstromers_verhuizing": 10, "vertrekkers": 4}
    for flow, count in flows.items():
        add(hand_release, "migratie_armoede", 2022, "GM0114", "flow", flow, count, count, level="gemeente",
            count=True)
    text = text_of(client.get("/cijfer/migratie_armoede/?gebied=GM0114"))
    assert "Emmen: van 2021 naar 2022" in text
    assert "bleven wonen en kregen een laag inkomen 30" in text
    assert "verhuisden weg, met een laag inkomen 10" in text
    # 30 + 20 + 5 − 25 − 10 − 4 = +16
    assert "Verandering van het aantal mensen met een laag inkomen +16" in text
    assert "None" not in text


def test_wealth_profile_compares_the_top_tenth_with_the_rest(client, hand_release):
    define(hand_release, "vermogen_top10_profiel", "Wie heeft het meeste vermogen?", "index")
    # top10: ages 60+50 over 2 -> 55,00; hoog 1 of 2 -> 50,0 %; income 80000 over 2 -> € 40.000
    rows = [("top10×leeftijd", 110, 2), ("top10×hoog_opgeleid", 1, 2), ("top10×inkomen", 80000, 2),
            ("overig×leeftijd", 900, 20), ("overig×hoog_opgeleid", 4, 20), ("overig×inkomen", 500000, 20)]
    for category, num, den in rows:
        add(hand_release, "vermogen_top10_profiel", 2022, "veenkolonien", "groep×kenmerk", category, num, den)
    text = text_of(client.get("/cijfer/vermogen_top10_profiel/"))
    assert "gemiddelde leeftijd van de hoofdkostwinner (jaren) 55,00 45,00" in text
    assert "hoofdkostwinner met een hoge opleiding 50,0 % 20,0 %" in text
    assert "€ 40.000 € 25.000" in text
    assert "None" not in text
