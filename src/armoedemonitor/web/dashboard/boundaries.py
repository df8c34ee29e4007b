"""Import the CBS wijk- en buurtkaart (GeoPackage or GeoJSON, as PDOK publishes it) for
the maps: keep the areas of the monitored municipalities, reproject to WGS84, simplify,
and store one GeoJSON file per level that ``geo.boundaries`` reads.

A GeoPackage is SQLite: each geometry is a small header followed by standard WKB, so
no GIS library is needed beyond pyproj for the Dutch grid (RD New, EPSG:28992).
"""

from __future__ import annotations

import json
import math
import sqlite3
import struct
from pathlib import Path

from armoedemonitor.definitions import municipalities
from armoedemonitor.errors import UserError

from .geo import LEVELS, Polygon, Ring, geojson_polygons

# Column names in the CBS files (wijk- en buurtkaart) and in PDOK's gebiedsindelingen.
CODE_COLUMNS = {
    "gemeente": ("gemeentecode", "statcode"),
    "wijk": ("wijkcode", "statcode"),
    "buurt": ("buurtcode", "statcode"),
}
NAME_COLUMNS = {
    "gemeente": ("gemeentenaam", "statnaam"),
    "wijk": ("wijknaam", "statnaam"),
    "buurt": ("buurtnaam", "statnaam"),
}
PREFIX = {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}
LAYER_WORDS = {"gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}


def read_areas(path: Path, level: str, layer: str | None = None) -> tuple[list[dict], int | None]:
    """Features as dicts (code, name, polygons) and the EPSG code of their coordinates."""
    if level not in LEVELS:
        raise UserError(f"onbekend niveau {level!r}; kies uit {', '.join(LEVELS)}")
    if not path.is_file():
        raise UserError(f"{path}: bestand bestaat niet")
    if path.suffix.lower() == ".gpkg":
        return _read_geopackage(path, level, layer)
    if path.suffix.lower() in (".geojson", ".json"):
        return _read_geojson(path, level)
    raise UserError(f"{path}: verwacht een GeoPackage (.gpkg) of GeoJSON (.geojson, .json)")


def _pick(properties: dict, columns: tuple[str, ...]) -> str:
    lowered = {key.lower(): value for key, value in properties.items()}
    for column in columns:
        value = lowered.get(column)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _features(path: Path, level: str, rows) -> list[dict]:
    """Rows of (number, properties, polygons) -> areas; every row needs a code."""
    found, missing = [], []
    for number, properties, polygons in rows:
        code = _pick(properties, CODE_COLUMNS[level])
        if not code:
            missing.append(number)
            continue
        found.append({"code": code, "name": _pick(properties, NAME_COLUMNS[level]) or code, "polygons": polygons})
    if missing:
        shown = ", ".join(str(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise UserError(
            f"{path}: kolom {' of '.join(CODE_COLUMNS[level])} ontbreekt of is leeg in rij(en) {shown}"
        )
    return found


def _read_geojson(path: Path, level: str) -> tuple[list[dict], int | None]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{path}: geen geldige GeoJSON ({error})") from error
    if data.get("type") != "FeatureCollection":
        raise UserError(f"{path}: verwacht een GeoJSON FeatureCollection")
    crs_name = str(((data.get("crs") or {}).get("properties") or {}).get("name", ""))
    epsg = int(crs_name.rsplit(":", 1)[-1]) if crs_name.rsplit(":", 1)[-1].isdigit() else None
    rows = []
    for number, feature in enumerate(data.get("features", []), start=1):
        polygons = geojson_polygons(feature.get("geometry") or {})
        if polygons is None:
            continue
        rows.append((number, feature.get("properties") or {}, polygons))
    return _features(path, level, rows), epsg


def _read_geopackage(path: Path, level: str, layer: str | None) -> tuple[list[dict], int | None]:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        layers = db.execute(
            "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'"
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise UserError(f"{path}: geen GeoPackage ({error})") from error
    chosen = [row for row in layers if (layer or LAYER_WORDS[level]) in row[0].lower()]
    if not chosen:
        names = ", ".join(row[0] for row in layers) or "geen"
        raise UserError(f"{path}: geen laag voor {level} gevonden (lagen: {names}); kies er een met --layer")
    table, geometry_column, srs_id = chosen[0]
    cursor = db.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (a name read from gpkg_contents)
    columns = [d[0] for d in cursor.description]
    rows = []
    for number, values in enumerate(cursor, start=1):
        record = dict(zip(columns, values, strict=True))
        blob = record.pop(geometry_column)
        if blob is None:
            continue
        try:
            polygons = _wkb_polygons(_strip_gpkg_header(blob))
        except (struct.error, ValueError) as error:
            raise UserError(f"{path}: laag {table}, rij {number}: onleesbare geometrie ({error})") from error
        rows.append((number, record, polygons))
    db.close()
    return _features(path, level, rows), srs_id


def _strip_gpkg_header(blob: bytes) -> bytes:
    """GeoPackage binary: 'GP', version, flags, srs id, optional envelope, then WKB."""
    if blob[:2] != b"GP":
        raise ValueError("geen GeoPackage-geometrie")
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0b111)
    if envelope is None:
        raise ValueError("onbekende envelop")
    return blob[8 + envelope:]


def _wkb_polygons(wkb: bytes) -> list[Polygon]:
    polygons, _ = _wkb_geometry(wkb, 0)
    return polygons


def _wkb_geometry(wkb: bytes, offset: int) -> tuple[list[Polygon], int]:
    order = "<" if wkb[offset] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", wkb, offset + 1)
    offset += 5
    dims = 3 if (kind // 1000) in (1, 2) else 4 if kind // 1000 == 3 else 2
    kind %= 1000
    if kind == 3:
        polygon, offset = _wkb_polygon(wkb, offset, order, dims)
        return [polygon], offset
    if kind == 6:
        (count,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            part, offset = _wkb_geometry(wkb, offset)
            polygons.extend(part)
        return polygons, offset
    raise ValueError(f"geometrietype {kind} is geen (multi)polygoon")


def _wkb_polygon(wkb: bytes, offset: int, order: str, dims: int) -> tuple[Polygon, int]:
    (ring_count,) = struct.unpack_from(order + "I", wkb, offset)
    offset += 4
    rings = []
    for _ in range(ring_count):
        (points,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        values = struct.unpack_from(order + "d" * (points * dims), wkb, offset)
        offset += 8 * points * dims
        rings.append([(values[i], values[i + 1]) for i in range(0, len(values), dims)])
    return rings, offset


def to_wgs84(features: list[dict], epsg: int | None) -> list[dict]:
    """Reproject from RD New (or another EPSG code) to longitude/latitude."""
    if epsg in (None, 4326):
        return features
    from pyproj import Transformer

    transform = Transformer.from_crs(epsg, 4326, always_xy=True).transform

    def ring_in_wgs84(ring: Ring) -> Ring:
        lons, lats = transform([x for x, _ in ring], [y for _, y in ring])
        return list(zip(lons, lats, strict=True))

    return [{**f, "polygons": [[ring_in_wgs84(r) for r in polygon] for polygon in f["polygons"]]} for f in features]


def simplify(ring: Ring, tolerance_m: float) -> Ring:
    """Douglas–Peucker on a closed ring in WGS84, distances in metres (local scale);
    a ring keeps at least four points so it stays a ring."""
    if len(ring) <= 4 or tolerance_m <= 0:
        return ring
    lat0 = math.radians(sum(lat for _, lat in ring) / len(ring))
    kx, ky = 111_320 * math.cos(lat0), 110_540
    points = [(lon * kx, lat * ky) for lon, lat in ring]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    far = max(range(len(points)), key=lambda i: _distance(points[i], points[0]))
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance_m:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    kept = [point for point, flag in zip(ring, keep, strict=True) if flag]
    return kept if len(kept) >= 4 else ring


def _distance(a, b) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _segment_distance(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return _distance(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return _distance(p, (a[0] + t * dx, a[1] + t * dy))


def monitored(features: list[dict], level: str) -> list[dict]:
    """Only the areas inside the municipalities this monitor covers (code digits 3-6)."""
    ours = {code[2:] for code in municipalities()}
    return [f for f in features if f["code"].startswith(PREFIX[level]) and f["code"][2:6] in ours]


def as_geojson(features: list[dict], tolerance_m: float) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"statcode": f["code"], "statnaam": f["name"]},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                        [[[round(x, 6), round(y, 6)] for x, y in simplify(ring, tolerance_m)] for ring in polygon]
                        for polygon in f["polygons"]
                    ],
                },
            }
            for f in sorted(features, key=lambda f: f["code"])
        ],
    }
