"""Area boundaries for the maps: from a configured file, or imported per level.

``settings.ARMOEDEMONITOR_GEO_FILE`` (TopoJSON or GeoJSON, WGS84) wins for the levels it
holds. Otherwise ``manage.py import_boundaries`` has stored ``<level>.geojson`` in
``settings.ARMOEDEMONITOR_GEO_CACHE_DIR`` from the CBS wijk- en buurtkaart. A page never
goes to the internet: without a file the map says so at once and the table still shows.
TopoJSON is decoded here (arcs are delta-encoded integers; ``transform`` scales them
back to degrees), so no GIS library is needed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from armoedemonitor.errors import UserError

Ring = list[tuple[float, float]]  # (longitude, latitude), closed
Polygon = list[Ring]  # outer ring first, then holes

LEVELS = ("gemeente", "wijk", "buurt")


class GeoUnavailable(UserError):
    """The boundary file cannot be used."""


class NoBoundaries(GeoUnavailable):
    """Nothing configured or imported for this level (yet)."""


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    polygons: tuple[Polygon, ...]


def boundaries(level: str = "gemeente") -> dict[str, Area]:
    """Areas of a region level by CBS code (GM0114, WK011401, BU01140101)."""
    if level not in LEVELS:
        raise UserError(f"onbekend gebiedsniveau {level!r}; kies uit {', '.join(LEVELS)}")
    prefix = {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}[level]
    configured = settings.ARMOEDEMONITOR_GEO_FILE
    if configured:
        areas = {code: area for code, area in _areas_of_file(str(configured)).items() if code.startswith(prefix)}
        if areas:
            return areas
    imported = imported_file(level)
    if imported.is_file():
        return _areas_of_file(str(imported))
    if configured and level == "gemeente":
        _areas_of_file(str(configured))  # says what is wrong with the configured file
    raise NoBoundaries(
        f"geen grenzen voor {level}: zet ARMOEDEMONITOR_GEO_FILE of importeer de CBS wijk- en buurtkaart "
        f"met 'manage.py import_boundaries BESTAND --level {level}'"
    )


def imported_file(level: str) -> Path:
    """Where ``import_boundaries`` stores a level's simplified boundaries."""
    return Path(settings.ARMOEDEMONITOR_GEO_CACHE_DIR) / f"{level}.geojson"


def _areas_of_file(path: str) -> dict[str, Area]:
    file = Path(path)
    if not file.is_file():
        raise GeoUnavailable(f"grenzenbestand {path} bestaat niet (instelling ARMOEDEMONITOR_GEO_FILE)")
    return _parse_file(path, file.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _parse_file(path: str, modified: int) -> dict[str, Area]:
    """Parsed once per version of the file (a new import replaces it)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise UserError(f"{path} is geen geldige JSON: {error}") from error
    if data.get("type") == "Topology":
        return read_topojson(data)
    if data.get("type") == "FeatureCollection":
        return read_geojson(data)
    raise UserError(f"{path}: verwacht TopoJSON (Topology) of GeoJSON (FeatureCollection)")


def read_topojson(topology: dict) -> dict[str, Area]:
    """Decode every GeometryCollection of a TopoJSON topology into areas."""
    arcs = [_decode_arc(arc, topology.get("transform")) for arc in topology["arcs"]]
    areas: dict[str, Area] = {}
    for collection in topology["objects"].values():
        for geometry in collection.get("geometries", []):
            if geometry.get("type") == "Polygon":
                polygons = [_polygon(geometry["arcs"], arcs)]
            elif geometry.get("type") == "MultiPolygon":
                polygons = [_polygon(rings, arcs) for rings in geometry["arcs"]]
            else:
                continue
            code, name = _code_and_name(geometry.get("properties", {}), geometry.get("id"))
            areas[code] = Area(code, name, tuple(polygons))
    return areas


def read_geojson(collection: dict) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for feature in collection["features"]:
        polygons = geojson_polygons(feature.get("geometry") or {})
        if polygons is None:
            continue
        code, name = _code_and_name(feature.get("properties", {}), feature.get("id"))
        areas[code] = Area(code, name, tuple(polygons))
    return areas


def _decode_arc(arc: list[list[float]], transform: dict | None) -> Ring:
    """Quantized arcs store the first position and then differences: sum them up."""
    if not transform:
        return [(float(x), float(y)) for x, y, *_ in arc]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0.0
    points = []
    for dx, dy, *_ in arc:
        x += dx
        y += dy
        points.append((x * sx + tx, y * sy + ty))
    return points


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    """Join arcs end to end; index ~i (negative) means arc i walked backwards."""
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygon(rings: list[list[int]], arcs: list[Ring]) -> Polygon:
    return [_ring(indices, arcs) for indices in rings]


def geojson_polygons(geometry: dict) -> list[Polygon] | None:
    """The polygons of a GeoJSON Polygon or MultiPolygon (None for any other geometry)."""
    if geometry.get("type") == "Polygon":
        return [_rings(geometry["coordinates"])]
    if geometry.get("type") == "MultiPolygon":
        return [_rings(polygon) for polygon in geometry["coordinates"]]
    return None


def _rings(coordinates: list) -> Polygon:
    return [[(float(x), float(y)) for x, y, *_ in ring] for ring in coordinates]


def _code_and_name(properties: dict, fallback_id) -> tuple[str, str]:
    code = str(properties.get("statcode") or fallback_id or "").strip()
    return code, str(properties.get("statnaam") or code)
