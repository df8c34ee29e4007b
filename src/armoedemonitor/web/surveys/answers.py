"""Check one respondent's answers against the questionnaire, whichever way they came in
(web form, interviewer, file), and store them without names."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation, Response, Wave
from .xlsform import BACKGROUND

WIJK_CODE = re.compile(r"^WK\d{6}$")


def clean_answers(wave: Wave, raw: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """(answers, problems): answers keyed by question name with choice names and numbers;
    problems keyed by question name, in plain Dutch. Unknown keys are ignored."""
    answers: dict = {}
    problems: dict[str, str] = {}
    for question in wave.questionnaire.questions:
        name, kind = question["name"], question["type"]
        value = str(raw.get(name) or "").strip()
        if kind == "note":
            continue
        if not value:
            if question["required"]:
                problems[name] = _("Geef een antwoord op deze vraag.")
            continue
        if kind == "select_one":
            allowed = [c["name"] for c in question["choices"]]
            if name == "gemeente" and wave.gemeenten:
                allowed = [c for c in allowed if c in wave.gemeenten]
            if value not in allowed:
                problems[name] = _("'%(value)s' is geen antwoord op deze vraag (kies uit: %(allowed)s).") % {
                    "value": value, "allowed": ", ".join(allowed)}
                continue
            answers[name] = value
        elif kind == "select_multiple":
            chosen = value.split()
            unknown = [v for v in chosen if v not in {c["name"] for c in question["choices"]}]
            if unknown:
                problems[name] = _("'%(value)s' is geen antwoord op deze vraag.") % {"value": " ".join(unknown)}
                continue
            answers[name] = chosen
        elif kind in ("integer", "decimal"):
            try:
                number = float(value.replace(",", ".")) if kind == "decimal" else int(value)
            except ValueError:
                problems[name] = _("Vul een getal in.") if kind == "decimal" else _("Vul een heel getal in.")
                continue
            answers[name] = number
        else:
            answers[name] = value
    wijk = str(raw.get("wijk") or "").strip().upper()
    if wijk:
        gemeente = answers.get("gemeente", "")
        if not WIJK_CODE.match(wijk) or (gemeente and wijk[2:6] != gemeente[2:6]):
            problems["wijk"] = _("'%(value)s' is geen wijkcode (WK + 6 cijfers) in de gekozen gemeente.") % {
                "value": wijk}
        else:
            answers["wijk"] = wijk
    return answers, problems


def store(wave: Wave, answers: dict, kanaal: str, *, user=None, invitation: Invitation | None = None,
          extern_id: str = "", bron_bestand: str = "", consent_at=None) -> Response:
    """Save a checked response. Area and group go into their own columns for counting."""
    background = {key: str(answers.get(key, "")) for key in BACKGROUND}
    if invitation is not None:
        background["gemeente"] = background["gemeente"] or invitation.gemeente
        background["wijk"] = background["wijk"] or invitation.wijk
        invitation.gebruikt_op = timezone.now()
        invitation.save(update_fields=["gebruikt_op"])
    return Response.objects.create(
        wave=wave, kanaal=kanaal, ingevoerd_door=user, extern_id=extern_id, bron_bestand=bron_bestand,
        answers={k: v for k, v in answers.items() if k not in BACKGROUND}, toestemming_op=consent_at or timezone.now(),
        **background,
    )
