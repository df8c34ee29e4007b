"""Importing the CBS wijk- en buurtkaart from a file, offline: a GeoPackage and a GeoJSON
built here in the published layouts, reprojected, simplified and shown on the map."""

import json
import sqlite3
import struct

import pytest
from django.core.management import CommandError, call_command
from test_dashboard_views import text_of

from armoedemonitor.web.dashboard import geo
from armoedemonitor.web.dashboard.boundaries import simplify

# A 1 km square in RD New (EPSG:28992) near Oude Pekela, with a midpoint on every side
# that a 15 m simplification must drop: 9 points in, 5 out (4 corners + closing point).
X, Y = 258000.0, 567000.0
SQUARE = [(X, Y), (X + 500, Y), (X + 1000, Y), (X + 1000, Y + 500), (X + 1000, Y + 1000),
          (X + 500, Y + 1000), (X, Y + 1000), (X, Y + 500), (X, Y)]


def wkb_multipolygon(ring) -> bytes:
    body = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    body += b"".join(struct.pack("<dd", x, y) for x, y in ring)
    return struct.pack("<BII", 1, 6, 1) + body


def geopackage_geometry(ring, srs_id=28992) -> bytes:
    """GeoPackage binary header with an xy envelope (flags 0b011), then WKB."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    header = b"GP" + bytes([0, 0b011]) + struct.pack("<i", srs_id)
    return header + struct.pack("<dddd", min(xs), max(xs), min(ys), max(ys)) + wkb_multipolygon(ring)


def build_geopackage(path, rows):
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT, identifier TEXT);"
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT,"
        " srs_id INTEGER, z INTEGER, m INTEGER);"
        "CREATE TABLE wijken (fid INTEGER PRIMARY KEY, geom BLOB, wijkcode TEXT, wijknaam TEXT, gemeentecode TEXT);"
        "INSERT INTO gpkg_contents VALUES ('wijken', 'features', 'wijken');"
        "INSERT INTO gpkg_geometry_columns VALUES ('wijken', 'geom', 'MULTIPOLYGON', 28992, 0, 0);"
    )
    db.executemany("INSERT INTO wijken (geom, wijkcode, wijknaam, gemeentecode) VALUES (?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    return path


@pytest.fixture
def store(settings, tmp_path):
    settings.ARMOEDEMONITOR_GEO_CACHE_DIR = str(tmp_path / "grenzen")
    return tmp_path / "grenzen"


def test_geopackage_wijken_are_reprojected_simplified_and_filtered(store, tmp_path):
    gpkg = build_geopackage(tmp_path / "wijkenbuurten_2023.gpkg", [
        (geopackage_geometry(SQUARE), "WK076500", "Oude Pekela", "GM0765"),
        (geopackage_geometry(SQUARE), "WK036300", "Centrum", "GM0363"),  # Amsterdam: not monitored
    ])
    call_command("import_boundaries", str(gpkg), "--level", "wijk")
    stored = json.loads((store / "wijk.geojson").read_text("utf-8"))
    assert [f["properties"] for f in stored["features"]] == [{"statcode": "WK076500", "statnaam": "Oude Pekela"}]
    ring = stored["features"][0]["geometry"]["coordinates"][0][0]
    assert len(ring) == 5 and ring[0] == ring[-1]
    # RD (258000, 567000) is 6,9243 °E, 53,0800 °N (pyproj, EPSG:28992 -> 4326): west of Pekela
    lon, lat = ring[0]
    assert lon == pytest.approx(6.9243, abs=1e-4) and lat == pytest.approx(53.0800, abs=1e-4)
    areas = geo.boundaries("wijk")
    assert areas["WK076500"].name == "Oude Pekela"


def test_pdok_geojson_in_wgs84_is_read_with_its_statcode_and_statnaam(store, tmp_path, client, hand_release):
    square = [[6.85, 52.78], [6.87, 52.78], [6.87, 52.80], [6.85, 52.80], [6.85, 52.78]]
    source = tmp_path / "wijk_gegeneraliseerd.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": "WK011401", "statnaam": "Emmen-Centrum"},
         "geometry": {"type": "Polygon", "coordinates": [square]}}]}), "utf-8")
    call_command("import_boundaries", str(source), "--level", "wijk")
    response = client.get("/cijfer/laag_inkomen_personen/?jaar=2022&niveau=wijk")
    html, text = response.content.decode(), text_of(response)
    assert 'data-code="WK011401"' in html
    assert "Emmen-Centrum 20,0 %" in text  # the name, not WK011401, in the table


def test_rows_without_a_code_are_named_and_nothing_is_written(store, tmp_path):
    gpkg = build_geopackage(tmp_path / "kapot.gpkg", [
        (geopackage_geometry(SQUARE), "WK076500", "Oude Pekela", "GM0765"),
        (geopackage_geometry(SQUARE), None, "zonder code", "GM0765"),
    ])
    with pytest.raises(
        CommandError, match=r"kapot.gpkg: kolom wijkcode of statcode ontbreekt of is leeg in rij\(en\) 2"
    ):
        call_command("import_boundaries", str(gpkg), "--level", "wijk")
    assert not (store / "wijk.geojson").exists()
    with pytest.raises(CommandError, match="geen laag voor buurt gevonden"):
        call_command("import_boundaries", str(gpkg), "--level", "buurt")


def test_without_a_file_the_map_says_so_at_once_without_network(store, settings, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("a page tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    settings.ARMOEDEMONITOR_GEO_FILE = ""
    with pytest.raises(geo.NoBoundaries, match="import_boundaries"):
        geo.boundaries("buurt")


def test_simplify_keeps_corners_and_at_least_a_ring():
    corners = [(0.0, 0.0), (0.01, 0.0), (0.01, 0.01), (0.0, 0.01), (0.0, 0.0)]
    assert simplify(corners, 10_000) == corners  # never fewer than four points
    wobbly = [(0.0, 0.0), (0.005, 0.00001), (0.01, 0.0), (0.01, 0.01), (0.0, 0.01), (0.0, 0.0)]
    assert simplify(wobbly, 15) == corners  # 1,1 m off the line: dropped at 15 m
