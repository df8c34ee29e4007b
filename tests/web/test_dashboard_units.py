"""The dashboard's own machinery on tiny hand-made inputs: boundaries, SVG, number formats."""

import json
import re

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from armoedemonitor.definitions import municipalities
from armoedemonitor.web.dashboard import geo, svg
from armoedemonitor.web.dashboard.formatting import format_change, format_value

# Two arcs forming the square (5,50)-(6,50)-(6,51)-(5,51) with scale 0.5 and translate (5, 50):
# arc 0 decodes (0,0),(2,0),(2,2) -> (5,50),(6,50),(6,51); arc 1 (2,2),(0,2),(0,0) -> (6,51),(5,51),(5,50)
SQUARE = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [5, 50]},
    "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    "objects": {
        "gebieden": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"statcode": "GM0001", "statnaam": "Vierkant"}},
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "id": "GM0002", "properties": {}},
            ],
        }
    },
}


def test_topojson_arcs_are_delta_decoded_and_joined():
    areas = geo.read_topojson(SQUARE)
    assert areas["GM0001"].name == "Vierkant"
    assert areas["GM0001"].polygons[0][0] == [(5, 50), (6, 50), (6, 51), (5, 51), (5, 50)]
    # ~i walks arc i backwards: arc 1 reversed, then arc 0 reversed (shared point dropped)
    assert areas["GM0002"].name == "GM0002"
    assert areas["GM0002"].polygons[0][0] == [(5, 50), (5, 51), (6, 51), (6, 50), (5, 50)]


def test_geojson_is_read_too():
    collection = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"statcode": "WK011401", "statnaam": "Centrum"},
        "geometry": {"type": "Polygon", "coordinates": [[[6, 52], [7, 52], [7, 53], [6, 52]]]},
    }]}
    area = geo.read_geojson(collection)["WK011401"]
    assert area.name == "Centrum" and area.polygons[0][0][1] == (7.0, 52.0)


def test_shared_boundary_file_decodes_to_closed_rings_in_the_netherlands(geo_file, settings, tmp_path):
    settings.ARMOEDEMONITOR_GEO_CACHE_DIR = tmp_path  # nothing imported
    areas = geo.boundaries("gemeente")
    assert len(areas) == 342  # SOURCE.md: 342 geometries, unique statcodes
    for code, municipality in municipalities().items():
        assert areas[code].name == municipality.naam
    lons, lats = [], []
    for area in areas.values():
        for polygon in area.polygons:
            for ring in polygon:
                assert ring[0] == pytest.approx(ring[-1])
                lons += [p[0] for p in ring]
                lats += [p[1] for p in ring]
    # SOURCE.md: decoded extent lon 3.358–7.218, lat 50.751–53.554
    assert min(lons) == pytest.approx(3.358, abs=1e-6) and max(lons) == pytest.approx(7.218, abs=1e-3)
    assert min(lats) == pytest.approx(50.751, abs=1e-6) and max(lats) == pytest.approx(53.554, abs=1e-3)
    with pytest.raises(geo.NoBoundaries):  # the file holds municipalities only
        geo.boundaries("wijk")


def test_without_boundaries_the_message_names_the_import_command_at_once(settings, tmp_path):
    settings.ARMOEDEMONITOR_GEO_FILE = ""
    settings.ARMOEDEMONITOR_GEO_CACHE_DIR = tmp_path
    with pytest.raises(geo.NoBoundaries, match="import_boundaries BESTAND --level gemeente"):
        geo.boundaries("gemeente")
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_imported_boundaries_are_used(settings, tmp_path):
    settings.ARMOEDEMONITOR_GEO_FILE = ""
    settings.ARMOEDEMONITOR_GEO_CACHE_DIR = tmp_path
    (tmp_path / "wijk.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "features": [{
            "type": "Feature", "properties": {"statcode": "WK011401", "statnaam": "Centrum"},
            "geometry": {"type": "Polygon", "coordinates": [[[6, 52], [7, 52], [7, 53], [6, 52]]]}}],
    }))
    assert geo.boundaries("wijk")["WK011401"].name == "Centrum"


def test_unknown_level_is_refused():
    with pytest.raises(geo.UserError, match="onbekend gebiedsniveau"):
        geo.boundaries("provincie")


def test_projection_scales_longitude_by_cos_latitude():
    # A 1°×1° square at latitude 59.5–60.5: cos(60°) = 0.5, so it is twice as high as wide.
    # width 640, padding 8: scale = 624 / 0.5 = 1248 px per degree; height = 1248 + 16 = 1264
    square = geo.Area("X", "X", ([[(10, 59.5), (11, 59.5), (11, 60.5), (10, 60.5), (10, 59.5)]],))
    drawn, _ = svg.choropleth({"X": square}, {}, "t", "d", str)
    assert 'viewBox="0 0 640 1264"' in drawn
    assert 'd="M8.0 1256.0L632.0 1256.0L632.0 8.0L8.0 8.0L8.0 1256.0Z"' in drawn


def test_missing_and_suppressed_areas_are_hatched_and_named():
    square = ([[(0, 0), (1, 0), (1, 1), (0, 0)]],)
    areas = {c: geo.Area(c, n, square) for c, n in [("A", "Aa"), ("B", "Bee"), ("C", "Cee")]}
    cells = {"A": svg.MapCell(0.1, "10 %"), "B": svg.MapCell(None, "te weinig gegevens", suppressed=True)}
    drawn, legend = svg.choropleth(areas, cells, "Titel", "Uitleg", str, prefix="k")
    assert '<title id="k-title">Titel</title><desc id="k-desc">Uitleg</desc>' in drawn
    assert 'fill="url(#k-suppressed)" data-code="B"><title>Bee: te weinig gegevens</title>' in drawn
    assert 'fill="url(#k-missing)" data-code="C"><title>Cee</title>' in drawn
    assert len(legend) == 1 and legend[0].label == "0.1"  # one value: one class


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=50))
def test_every_value_falls_in_a_class_and_classes_are_ordered(values):
    breaks = svg.class_breaks(values)
    assert breaks == sorted(breaks)
    assert breaks[-1] == max(values)
    for value in values:
        index = svg.class_of(value, breaks)
        assert value <= breaks[index] + 1e-9
        assert index == 0 or value > breaks[index - 1] - 1e-9


def test_line_chart_breaks_the_line_at_a_missing_year():
    chart = svg.line_chart(
        [svg.Series("Emmen", [(2019, 1.0), (2020, 2.0), (2021, None), (2022, 3.0), (2023, 4.0)])],
        "Titel", "Uitleg", lambda v: f"{v:g}",
    )
    assert chart.count("<polyline") == 2
    assert "<title>Emmen, 2022: 3</title>" in chart
    assert "2021</text>" in chart  # the year still has its tick
    # axis goes up to the nice ceiling of 4 -> 5, in 4 steps: 0, 1.25, 2.5, 3.75, 5
    assert re.findall(r'text-anchor="end"[^>]*>([^<]+)<', chart) == ["0", "1.25", "2.5", "3.75", "5"]


def test_dutch_and_english_number_formats():
    assert format_value(0.0571, "aandeel") == "5,7 %"
    assert format_value(0.10499999, "aandeel") == "10,5 %"  # rounded, not cut off
    assert format_value(12345.6, "aantal") == "12.346"
    assert format_value(1.8333, "ratio") == "1,83"
    assert format_value(None, "aandeel") == "–"
    assert format_change(0.105 - 0.1, "aandeel") == "+0,5 procentpunt"
    assert format_change(-0.02, "aandeel") == "−2,0 procentpunt"
    assert format_change(0.0, "aandeel") == "±0,0 procentpunt"
    with translation.override("en"):
        assert format_value(0.0571, "aandeel") == "5.7 %"
        assert format_value(12345.6, "aantal") == "12,346"
