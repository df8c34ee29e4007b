"""Render a snapshot to HTML (a fragment for the web page, a whole document for the
PDF) and to PDF with WeasyPrint. Rendering reads only the snapshot."""

from pathlib import Path

from django.template import Context, Engine
from django.utils import translation

from .charts import progress_chart, value_chart

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_CSS = (TEMPLATES / "yearly_report" / "report.css").read_text(encoding="utf-8")
ENGINE = Engine(
    dirs=[str(TEMPLATES)],
    libraries={"report": "armoedemonitor.web.yearly_report.formatting"},
    builtins=["django.templatetags.i18n", "armoedemonitor.web.yearly_report.formatting"],
    autoescape=True,
)


def _charts(snapshot: dict) -> dict:
    charts: dict[str, dict[str, str]] = {"doelen": {}, "armoede": {}}
    for goal in snapshot["doelen"]:
        charts["doelen"][goal["code"]] = progress_chart(goal["indicatoren"], f"Voortgang doel {goal['code']}")
    for block in snapshot["armoedebeeld"]:
        rows = [{"naam": f"{v['regio']} ({v['jaar']})", "value": v["value"]} for v in block["waarden"]]
        charts["armoede"][block["code"]] = value_chart(rows, block["naam"], block["eenheid"])
    return charts


def _render(name: str, context: dict) -> str:
    with translation.override("nl"):
        return ENGINE.get_template(name).render(Context(context))


def render_body(snapshot: dict) -> str:
    charts = _charts(snapshot)
    goals = [{**goal, "chart": charts["doelen"][goal["code"]]} for goal in snapshot["doelen"]]
    poverty = [{**block, "chart": charts["armoede"][block["code"]]} for block in snapshot["armoedebeeld"]]
    working = sum(1 for intervention in snapshot["interventies"] if intervention["werkend"])
    return _render("yearly_report/body.html", {
        "s": snapshot, "doelen": goals, "armoedebeeld": poverty, "werkend": working,
        "inzichten": sum(b["inzichten"] for b in snapshot["sessies"]),
        "acties": sum(b["acties"] for b in snapshot["sessies"]),
        "kerncijfers": _key_figures(snapshot),
    })


def _key_figures(snapshot: dict) -> list[dict]:
    """For the summary: per poverty indicator its latest published value (first area)."""
    found = []
    for block in snapshot["armoedebeeld"]:
        known = [v for v in block["waarden"] if v["value"] is not None]
        if known:
            latest = max(known, key=lambda v: v["jaar"])
            found.append({"naam": block["naam"], "eenheid": block["eenheid"], **latest})
    return found


def render_factsheet_body(snapshot: dict, gemeente: str) -> str:
    sheet = snapshot["gemeenten"][gemeente]
    region_wide = {block["code"]: block["waarden"] for block in snapshot["armoedebeeld"]}
    poverty = []
    for block in sheet["armoede"]:
        # the gemeente next to the programme's region, for comparison
        values = block["waarden"] + region_wide.get(block["code"], [])
        rows = [{"naam": f"{v['regio']} ({v['jaar']})", "value": v["value"]} for v in values]
        poverty.append({**block, "waarden": values, "chart": value_chart(rows, block["naam"], block["eenheid"])})
    own_figures = any(v["value"] is not None for block in sheet["armoede"] for v in block["waarden"])
    return _render("yearly_report/factsheet.html",
                   {"s": snapshot, "g": sheet, "armoede": poverty, "heeft_cijfers": own_figures})


def document(body: str, title: str) -> str:
    return _render("yearly_report/document.html", {"body": body, "title": title})


def to_pdf(html_document: str) -> bytes:
    from armoedemonitor.web.pdf import html_to_pdf

    # PDF/UA-1: tagged, with language and title, so screen readers can follow the report.
    return html_to_pdf(html_document, base_url=str(TEMPLATES))
