"""Public pages: taking part with a code (consent first, then the questions) and the
figures of closed waves with downloads."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from armoedemonitor.disclosure.rules import load_rules
from armoedemonitor.web.dashboard.downloads import as_csv, as_xlsx

from .answers import clean_answers, store
from .charts import interval_chart
from .figures import ALL
from .models import Invitation, Response, Wave
from .questions_form import in_dutch, localized, sections
from .results import wave_table

LEVEL_ORDER = ("totaal", "regioset", "gemeente", "wijk")
DOWNLOAD_COLUMNS = ("vraag", "vraagtekst", "soort", "gebiedsniveau", "gebiedscode", "gebied", "groep", "groepnaam",
                    "waarde", "ondergrens", "bovengrens", "n", "status")


def home(request):
    return render(request, "surveys/home.html", {
        "open_waves": Wave.objects.filter(status=Wave.Status.OPEN, soort=Wave.Soort.OPEN),
        "closed_waves": Wave.objects.filter(status=Wave.Status.GESLOTEN),
    })


def _invitation(code: str) -> Invitation:
    invitation = Invitation.objects.select_related("wave__questionnaire").filter(code=code.strip().upper()).first()
    if invitation is None or not invitation.wave.is_open or invitation.gebruikt_op is not None:
        raise Http404
    return invitation


def start(request):
    """The code from the letter, typed in."""
    code = request.GET.get("code", "").strip().upper()
    if code:
        invitation = Invitation.objects.filter(code=code).select_related("wave").first()
        if invitation is None:
            messages.error(request, _("Deze code kennen we niet. Kijk of u hem goed heeft overgetypt."))
        elif invitation.gebruikt_op is not None:
            messages.error(request, _("Met deze code is de vragenlijst al ingevuld. Dank u wel!"))
        elif not invitation.wave.is_open:
            messages.error(request, _("Deze vragenlijst is gesloten."))
        else:
            return redirect("surveys:consent", code=invitation.code)
    return render(request, "surveys/start.html", {"code": code})


@require_POST
def open_start(request, pk):
    """An open wave: a new code for this respondent (so answers cannot be sent twice by accident)."""
    wave = get_object_or_404(Wave, pk=pk, soort=Wave.Soort.OPEN, status=Wave.Status.OPEN)
    return redirect("surveys:consent", code=Invitation.objects.create(wave=wave).code)


def consent(request, code):
    invitation = _invitation(code)
    if request.method == "POST":
        if request.POST.get("toestemming") == "ja":
            request.session[f"toestemming-{invitation.code}"] = timezone.now().isoformat()
            return redirect("surveys:questions", code=invitation.code)
        messages.error(request, _("U kunt alleen meedoen als u hiermee akkoord gaat."))
    return render(request, "surveys/consent.html", {"wave": invitation.wave, "invitation": invitation})


def questions(request, code):
    invitation = _invitation(code)
    consented = request.session.get(f"toestemming-{invitation.code}")
    if not consented:
        return redirect("surveys:consent", code=invitation.code)
    wave = invitation.wave
    known = {"gemeente": invitation.gemeente} if invitation.gemeente else {}
    values, problems = {}, {}
    if request.method == "POST":
        values = {**request.POST.dict(), **known}
        answers, problems = clean_answers(wave, values)
        if not problems:
            store(wave, answers, Response.Kanaal.WEB, invitation=invitation, consent_at=parse_datetime(consented))
            del request.session[f"toestemming-{invitation.code}"]
            return redirect("surveys:thanks")
        messages.error(request, _("Niet alle vragen zijn goed ingevuld. Kijk bij de vragen met een melding."))
    return render(request, "surveys/questions.html", {
        "wave": wave, "sections": sections(wave, values, problems, known), "problems": problems,
        "action": request.path, "button": _("Verstuur mijn antwoorden")})


def thanks(request):
    return render(request, "surveys/thanks.html")


def _closed(pk) -> Wave:
    return get_object_or_404(Wave.objects.select_related("questionnaire"), pk=pk, status=Wave.Status.GESLOTEN)


def rounded(n: int | None) -> int | None:
    """Published respondent counts are rounded like counts in a release."""
    if n is None:
        return None
    base = load_rules().rounding_base
    return base * round(n / base)


def results(request, pk):
    wave = _closed(pk)
    table = wave_table(wave)
    trends = _trends(wave)
    blocks = []
    for question in wave.questionnaire.questions:
        rows = [r for r in table if r["vraag"] == question["name"]]
        if not rows:
            continue
        share = rows[0]["soort"] == "aandeel"
        areas = sorted(({**r, "naam": r["gebied"], "n_afgerond": rounded(r["n"])} for r in rows if r["groep"] == ALL),
                       key=lambda r: (LEVEL_ORDER.index(r["gebiedsniveau"]), r["naam"]))
        groups = [{**r, "naam": r["groepnaam"], "n_afgerond": rounded(r["n"])}
                  for r in rows if r["gebiedsniveau"] == "totaal" and r["groep"] != ALL]
        positive = [localized(c, "label") for c in question["choices"] if c["name"] in question["positive"]]
        label = localized(question, "label")
        blocks.append({
            "vraag": {**question, "label": label, "label_nl": in_dutch(question, "label")},
            "share": share, "positief": positive, "areas": areas,
            "groups": groups, "chart": interval_chart(areas, label, share),
            "group_chart": interval_chart(groups, _("%(vraag)s (per groep)") % {"vraag": label}, share),
            "trend": trends.get(question["name"], []),
        })
    return render(request, "surveys/results.html", {"wave": wave, "blocks": blocks,
                                                    "min_n": load_rules().min_n})


def _trends(wave: Wave) -> dict[str, list[dict]]:
    """Whole-area figures of every closed wave of the same questionnaire, oldest first."""
    trend: dict[str, list[dict]] = {}
    waves = Wave.objects.filter(status=Wave.Status.GESLOTEN, questionnaire__form_id=wave.questionnaire.form_id)
    for other in waves.order_by("eind", "pk"):
        for figure in other.figures.filter(gebiedsniveau="totaal", groep=ALL):
            trend.setdefault(figure.vraag, []).append({"naam": other.naam, "waarde": figure.waarde,
                                                       "ondergrens": figure.ondergrens,
                                                       "bovengrens": figure.bovengrens, "soort": figure.soort})
    return {name: rows for name, rows in trend.items() if len(rows) > 1}


def download(request, pk, fmt):
    wave = _closed(pk)
    table = [{**row, "n": rounded(row["n"])} for row in wave_table(wave)]
    name = f"ervaringen-{wave.pk}"
    if fmt == "xlsx":
        response = HttpResponse(as_xlsx(table, wave.naam, DOWNLOAD_COLUMNS), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        response = HttpResponse(as_csv(table, DOWNLOAD_COLUMNS), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
