"""manage.py import_boundaries FILE --level wijk: store simplified boundaries for the maps."""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from armoedemonitor.errors import UserError
from armoedemonitor.web.dashboard import boundaries, geo

PLURAL = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}


class Command(BaseCommand):
    help = (
        "Importeer grenzen uit de CBS wijk- en buurtkaart (GeoPackage of GeoJSON, zoals PDOK ze "
        "publiceert): alleen de gemeenten van de monitor, omgerekend naar WGS84 en vereenvoudigd."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--level", choices=geo.LEVELS, required=True)
        parser.add_argument("--layer", help="naam (of deel van de naam) van de laag in de GeoPackage")
        parser.add_argument("--tolerance", type=float, default=15.0,
                            help="vereenvoudigen: punten die minder dan zoveel meter afwijken vallen weg")

    def handle(self, *args, file, level, layer, tolerance, **options):
        try:
            features, epsg = boundaries.read_areas(file, level, layer)
            ours = boundaries.monitored(features, level)
            if not ours:
                raise UserError(f"{file}: geen {PLURAL[level]} in de gemeenten van de monitor gevonden")
            collection = boundaries.as_geojson(boundaries.to_wgs84(ours, epsg), tolerance)
        except UserError as error:
            raise CommandError(str(error)) from error
        target = geo.imported_file(level)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(partial, target)  # whole or not at all
        self.stdout.write(f"{len(ours)} {PLURAL[level]} opgeslagen in {target}")
