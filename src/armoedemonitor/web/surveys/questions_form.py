"""The questionnaire as fields for a template: one entry per question with its current
value and error, grouped by section. Rendered by hand (fieldset and legend for choices,
hints tied with aria-describedby), so it reads well on a phone and with a screen reader."""

from __future__ import annotations

from .models import Wave


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
        field = {**question, "choices": choices, "value": str(values.get(question["name"], "")),
                 "error": problems.get(question["name"], ""), "id": f"v-{question['name']}"}
        if not result or result[-1]["titel"] != question["section"]:
            result.append({"titel": question["section"], "vragen": []})
        result[-1]["vragen"].append(field)
    return result
