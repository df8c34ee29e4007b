"""Population margins per gemeente taken from the current release, so the experience
figures are weighted to the same population the poverty figures describe: the number of
persons behind ``laag_inkomen_personen`` (its denominator), latest year."""

from __future__ import annotations

from django.utils.translation import gettext as _

from armoedemonitor.errors import UserError
from armoedemonitor.web.releases.models import IndicatorValue, Release

from .models import Wave

INDICATOR = "laag_inkomen_personen"


def gemeente_margins(wave: Wave) -> tuple[list[tuple[str, str, int]], str]:
    release = Release.current()
    if release is None:
        raise UserError(_("Er is nog geen release met bevolkingsaantallen."))
    cells = IndicatorValue.objects.filter(release=release, indicator=INDICATOR, region_level="gemeente",
                                          region_code__in=wave.gemeenten, breakdown="", category="")
    year = cells.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        raise UserError(_("Er is nog geen release met bevolkingsaantallen."))
    found = {c.region_code: c.denominator for c in cells.filter(year=year) if c.denominator}
    missing = sorted(set(wave.gemeenten) - set(found))
    if missing:
        raise UserError(_("De release heeft geen (openbaar) aantal inwoners voor %(codes)s; vul de aantallen zelf in.")
                        % {"codes": ", ".join(missing)})
    rows = [("gemeente", code, round(found[code])) for code in wave.gemeenten]
    return rows, _("Release %(name)s %(version)s, %(ind)s, %(year)s") % {
        "name": release.name, "version": release.version, "ind": INDICATOR, "year": year}
