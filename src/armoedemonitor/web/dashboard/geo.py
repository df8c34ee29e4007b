"""Area boundaries for the maps: from a configured file, or fetched once from PDOK.

``settings.ARMOEDEMONITOR_GEO_FILE`` (TopoJSON or GeoJSON, WGS84) wins. Otherwise the
CBS gebiedsindelingen are fetched from PDOK's WFS as GeoJSON and cached in
``settings.ARMOEDEMONITOR_GEO_CACHE_DIR``, so the server needs the internet only once.
TopoJSON is decoded here (arcs are delta-encoded integers; ``transform`` scales them
back to degrees), so no GIS library is needed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from armoedemonitor.errors import UserError

Ring = list[tuple[float, float]]  # (longitude, latitude), closed
Polygon = list[Ring]  # outer ring first, then holes

PDOK_WFS = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
PDOK_YEAR = 2023
LEVELS = ("gemeente", "wijk", "buurt")


class GeoUnavailable(UserError):
    """No boundaries: no file configured and PDOK cannot be reached."""


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    polygons: tuple[Polygon, ...]


def boundaries(level: str = "gemeente") -> dict[str, Area]:
    """Areas of a region level by CBS code (GM0114, WK011401, BU01140101)."""
    if level not in LEVELS:
        raise UserError(f"onbekend gebiedsniveau {level!r}; kies uit {', '.join(LEVELS)}")
    configured = settings.ARMOEDEMONITOR_GEO_FILE
    if configured:
        areas = _areas_of_file(str(configured))
        prefix = {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}[level]
        return {code: area for code, area in areas.items() if code.startswith(prefix)}
    cached = Path(settings.ARMOEDEMONITOR_GEO_CACHE_DIR) / f"{level}_{PDOK_YEAR}.geojson"
    if not cached.is_file() and not settings.ARMOEDEMONITOR_GEO_DOWNLOAD:
        # Never a network wait inside a page request unless the operator asked for it.
        raise GeoUnavailable(
            "Geen grenzenbestand: zet ARMOEDEMONITOR_GEO_FILE op een TopoJSON- of GeoJSON-bestand, "
            "of ARMOEDEMONITOR_GEO_DOWNLOAD=1 om de grenzen één keer bij PDOK op te halen."
        )
    return _areas_of_file(str(_cached_pdok(level)))


@lru_cache(maxsize=8)
def _areas_of_file(path: str) -> dict[str, Area]:
    file = Path(path)
    if not file.is_file():
        raise GeoUnavailable(f"grenzenbestand {path} bestaat niet (instelling ARMOEDEMONITOR_GEO_FILE)")
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
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons = [_rings(geometry["coordinates"])]
        elif geometry.get("type") == "MultiPolygon":
            polygons = [_rings(polygon) for polygon in geometry["coordinates"]]
        else:
            continue
        code, name = _code_and_name(feature.get("properties", {}), feature.get("id"))
        areas[code] = Area(code, name, tuple(polygons))
    return areas


def _decode_arc(arc: list[list[float]], transform: dict | None) -> Ring:
    """Quantized arcs store the first position and then differences: sum them up."""
    if not transform:
        return [(float(x), float(y)) for x, y, *_ in arc]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0
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


def _rings(coordinates: list) -> Polygon:
    return [[(float(x), float(y)) for x, y, *_ in ring] for ring in coordinates]


def _code_and_name(properties: dict, fallback_id) -> tuple[str, str]:
    code = str(properties.get("statcode") or fallback_id or "").strip()
    return code, str(properties.get("statnaam") or code)


def _cached_pdok(level: str) -> Path:
    cache_dir = Path(settings.ARMOEDEMONITOR_GEO_CACHE_DIR)
    target = cache_dir / f"{level}_{PDOK_YEAR}.geojson"
    if target.is_file():
        return target
    query = urllib.parse.urlencode(
        {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeName": f"gebiedsindelingen:{level}_gegeneraliseerd",
            "outputFormat": "json",
            "srsName": "EPSG:4326",
        }
    )
    url = f"{PDOK_WFS.format(year=PDOK_YEAR)}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read()
        json.loads(body)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise GeoUnavailable(
            f"Kan de grenzen ({level}) niet ophalen bij PDOK ({error}). Zonder internet: zet "
            "ARMOEDEMONITOR_GEO_FILE op een TopoJSON- of GeoJSON-bestand met de grenzen."
        ) from error
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(body)
    partial.replace(target)
    return target
