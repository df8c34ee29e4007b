"""The questionnaire as fields for a template: one entry per question with its current
value and error, grouped by section. Rendered by hand (fieldset and legend for choices,
hints tied with aria-describedby), so it reads well on a phone and with a screen reader."""

from __future__ import annotations

from django.utils.translation import get_language

from .models import Wave


def localized(item: dict, field: str) -> str:
    """The English text of a question or choice under /en/ when the form has one."""
    if (get_language() or "nl").startswith("en") and item.get(f"{field}_en"):
        return item[f"{field}_en"]
    return item.get(field, "")


def in_dutch(item: dict, field: str) -> bool:
    """A text shown in Dutch on an English page (no English version): it gets lang="nl"."""
    return (get_language() or "nl") != "nl" and not item.get(f"{field}_en") and bool(item.get(field))


def sections(wave: Wave, values: dict, problems: dict, known: dict | None = None) -> list[dict]:
    """``known``: background answers that come from the invitation and are not asked."""
    known = known or {}
    result: list[dict] = []
    for question in wave.questionnaire.questions:
        if question["name"] in known or question["type"] == "note" and not question["label"]:
            continue
        choices = question["choices"]
        if question["name"] == "gemeente" and wave.gemeenten:
            choices = [c for c in choices if c["name"] in wave.gemeenten]
        field = {**question, "label": localized(question, "label"), "hint": localized(question, "hint"),
                 "label_nl": in_dutch(question, "label"), "hint_nl": in_dutch(question, "hint"),
                 "choices": [{**c, "label": localized(c, "label"), "label_nl": in_dutch(c, "label")}
                             for c in choices],
                 "value": str(values.get(question["name"], "")),
                 "error": problems.get(question["name"], ""), "id": f"v-{question['name']}"}
        section = localized(question, "section")
        if not result or result[-1]["titel"] != section:
            result.append({"titel": section, "titel_nl": in_dutch(question, "section"), "vragen": []})
        result[-1]["vragen"].append(field)
    return result
