"""Web test data: a small release built by hand, and the shared municipality boundaries.

Numbers are chosen so expected page text can be worked out by hand (see each row).
"""

import pytest

from armoedemonitor.web.releases.models import Definition, IndicatorValue, Release

DEFINITIONS = [
    ("laag_inkomen_personen", "Mensen met een laag inkomen",
     "Van elke 100 mensen hebben er zoveel een laag inkomen.", "aandeel"),
    ("laag_inkomen_minderjarigen", "Kinderen met een laag inkomen",
     "Van elke 100 kinderen groeien er zoveel op in een gezin met een laag inkomen.", "aandeel"),
    ("migratie_armoede", "Verhuizingen van arme mensen", "Hoeveel mensen met een laag inkomen verhuizen.", "aantal"),
]

# (indicator, year, level, code, numerator, denominator, status)
CELLS = [
    # Emmen: 600/6000 = 10,0 % in 2021; 630/6000 = 10,5 % in 2022 -> +0,5 procentpunt
    ("laag_inkomen_personen", 2021, "gemeente", "GM0114", 600, 6000, "ok"),
    ("laag_inkomen_personen", 2022, "gemeente", "GM0114", 630, 6000, "ok"),
    # Stadskanaal: 200/2500 = 8,0 % -> 150/2500 = 6,0 % : −2,0 procentpunt
    ("laag_inkomen_personen", 2021, "gemeente", "GM0037", 200, 2500, "ok"),
    ("laag_inkomen_personen", 2022, "gemeente", "GM0037", 150, 2500, "ok"),
    # Veendam 2022 suppressed (primary)
    ("laag_inkomen_personen", 2021, "gemeente", "GM0047", 100, 1000, "ok"),
    ("laag_inkomen_personen", 2022, "gemeente", "GM0047", None, None, "primair"),
    # Veenkoloniën: 1000/10000 = 10,0 % -> 1170/13000 = 9,0 %
    ("laag_inkomen_personen", 2021, "veenkolonien", "veenkolonien", 1000, 10000, "ok"),
    ("laag_inkomen_personen", 2022, "veenkolonien", "veenkolonien", 1170, 13000, "ok"),
    # Provincie Drenthe 2022: 1200/16000 = 7,5 %
    ("laag_inkomen_personen", 2022, "drenthe", "drenthe", 1200, 16000, "ok"),
    # a wijk of Emmen: 40/200 = 20,0 %
    ("laag_inkomen_personen", 2022, "wijk", "WK011401", 40, 200, "ok"),
    # Children: Emmen 2022 150/1200 = 12,5 %; Stadskanaal secondary suppression
    ("laag_inkomen_minderjarigen", 2022, "gemeente", "GM0114", 150, 1200, "ok"),
    ("laag_inkomen_minderjarigen", 2022, "gemeente", "GM0037", None, None, "secundair"),
    ("laag_inkomen_minderjarigen", 2022, "veenkolonien", "veenkolonien", 300, 2500, "ok"),
]


def build_release(name="test", version="1.0.0", sha="a" * 64, current=True) -> Release:
    release = Release.objects.create(
        name=name, version=version, sha256=sha, metadata={"name": name}, output_check="# Controle\n\nAlles in orde."
    )
    for ident, naam, uitleg, eenheid in DEFINITIONS:
        Definition.objects.create(
            release=release, indicator=ident, naam=naam, uitleg_b1=uitleg,
            definitie=f"definitie van {ident}", eenheid=eenheid,
            name_en=naam.replace("Mensen", "People"), explanation_en=f"English: {uitleg}",
        )
    for ident, year, level, code, num, den, status in CELLS:
        value = None if num is None else num / den
        IndicatorValue.objects.create(
            release=release, indicator=ident, year=year, region_level=level, region_code=code,
            numerator=num, denominator=den, value=value, n=den, status=status,
        )
    if current:
        release.make_current()
    return release


@pytest.fixture
def geo_file(settings, shared_dir):
    settings.ARMOEDEMONITOR_GEO_FILE = str(shared_dir / "geo" / "gemeente_2023.topojson")
    return settings.ARMOEDEMONITOR_GEO_FILE


@pytest.fixture
def make_release(db):
    """Build further hand-made releases (name, version, sha, current)."""
    return build_release


@pytest.fixture
def hand_release(db, geo_file):
    return build_release()
