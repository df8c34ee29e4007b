"""``{% scheme_reach code name %}``: the schemes section of a municipal page."""

from django import template
from django.utils.translation import gettext as _

from armoedemonitor.web.dashboard import figures

from ..areas import gemeente_of
from ..charts import trend_chart
from ..models import Scheme
from ..reach import reach_of

register = template.Library()
NON_TAKE_UP = "huurtoeslag_niet_gebruik"


def huurtoeslag_figure(code: str):
    """The latest published huurtoeslag_niet_gebruik of the gemeente, if any."""
    release = figures.current_release()
    if release is None:
        return None
    indicator = figures.indicators(release).get(NON_TAKE_UP)
    trend = figures.trend(release, indicator, "gemeente", code) if indicator else []
    return trend[-1] if trend else None


@register.inclusion_tag("schemes/_municipality.html")
def scheme_reach(code: str, name: str):
    items = []
    for scheme in Scheme.objects.all():
        if code not in scheme.gemeenten:
            continue
        reaches = [r for r in reach_of(scheme) if gemeente_of(r.area) == code]
        if not reaches:
            continue
        gemeente = [r for r in reaches if r.area == code]
        chart = trend_chart({name: gemeente}, _("Bereik van %(scheme)s in %(area)s per jaar")
                            % {"scheme": scheme.naam, "area": name}, f"regeling-{scheme.pk}") if gemeente else ""
        items.append({"scheme": scheme, "reaches": reaches, "chart": chart,
                      "caption_id": f"regeling-{scheme.pk}-tabel"})
    return {"code": code, "name": name, "items": items, "huurtoeslag": huurtoeslag_figure(code)}
