"""Where an intervention runs, on the dashboard's SVG map of Groningen and Drenthe.

The map is drawn only when boundaries are at hand (a configured or imported file; the
dashboard's geo module never goes to the internet); the table of municipalities is always shown.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from armoedemonitor.definitions import municipalities
from armoedemonitor.errors import UserError


def sites_map(intervention) -> str | None:
    """SVG with the municipalities where it runs filled, the others hatched; None without boundaries."""
    from armoedemonitor.web.dashboard import geo, svg

    try:
        areas = geo.boundaries("gemeente")
    except UserError:  # no boundaries, or a broken file: the table still shows
        return None
    ours = municipalities()
    areas = {code: area for code, area in areas.items() if code in ours}
    if not areas:
        return None
    running = set(intervention.gemeente_codes())
    cells = {
        code: svg.MapCell(1.0, _("loopt hier")) if code in running else svg.MapCell(None, _("loopt hier niet"))
        for code in areas
    }
    drawing, _legend = svg.choropleth(
        areas, cells,
        title=_("Waar loopt %(naam)s?") % {"naam": intervention.naam},
        description=_("Kaart van Groningen en Drenthe. Gemeenten waar de interventie loopt zijn donker, "
                      "de andere zijn gearceerd. De tabel hieronder noemt dezelfde gemeenten."),
        fmt=lambda value: _("loopt hier"), prefix="sites",
    )
    return drawing
