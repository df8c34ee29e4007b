"""Pages for the programme team: questionnaires, waves, codes, margins, import, the
response overview, closing a wave and linking it to the goal tree; and interviewer entry
(team members and ervaringsdeskundigen)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from armoedemonitor.errors import UserError
from armoedemonitor.web.accounts.access import requires
from armoedemonitor.web.accounts.roles import BEOORDELAAR_ERVARING, has_role, is_programme_team
from armoedemonitor.web.programme.permissions import team_required
from armoedemonitor.web.spreadsheet import neutral

from .answers import clean_answers, store
from .forms import CodesForm, MarginsForm, UploadForm, WaveForm
from .imports import import_responses
from .models import Invitation, Margin, Questionnaire, Response, Wave
from .programme_values import link_to_goal_tree
from .questionnaires import import_default, import_xlsform
from .questions_form import sections
from .release_margins import gemeente_margins
from .results import close_wave, margins_of, response_overview


def can_interview(user) -> bool:
    return is_programme_team(user) or has_role(user, BEOORDELAAR_ERVARING)


interviewer_required = requires(can_interview)


@team_required
def team_home(request):
    return render(request, "surveys/team_home.html", {
        "waves": Wave.objects.select_related("questionnaire"), "questionnaires": Questionnaire.objects.all(),
        "upload": UploadForm()})


@team_required
@require_POST
def questionnaire_upload(request):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Kies een XLSForm-bestand (.xlsx)."))
        return redirect("surveys:team")
    upload = form.cleaned_data["bestand"]
    try:
        questionnaire = import_xlsform(upload.read(), upload.name)
    except UserError as error:
        messages.error(request, str(error))
        return redirect("surveys:team")
    messages.success(request, _("Vragenlijst %(t)s ingelezen.") % {"t": questionnaire})
    return redirect("surveys:questionnaire", pk=questionnaire.pk)


@team_required
@require_POST
def questionnaire_default(request):
    questionnaire = import_default()
    messages.success(request, _("De standaardvragenlijst is ingelezen."))
    return redirect("surveys:questionnaire", pk=questionnaire.pk)


@team_required
def questionnaire_detail(request, pk):
    return render(request, "surveys/questionnaire.html", {"q": get_object_or_404(Questionnaire, pk=pk)})


@team_required
def wave_new(request):
    form = WaveForm(request.POST or None, initial={"questionnaire": Questionnaire.objects.first()})
    if request.method == "POST" and form.is_valid():
        wave = form.save()
        messages.success(request, _("Ronde %(n)s aangemaakt.") % {"n": wave.naam})
        return redirect("surveys:wave", pk=wave.pk)
    return render(request, "surveys/wave_form.html", {"form": form})


@team_required
def wave_detail(request, pk):
    wave = get_object_or_404(Wave.objects.select_related("questionnaire"), pk=pk)
    return render(request, "surveys/wave.html", {
        "wave": wave, "overview": response_overview(wave), "margins": wave.margins.all(),
        "codes": CodesForm(), "margins_form": MarginsForm(), "upload": UploadForm(),
        "codes_made": wave.invitations.count(), "codes_used": wave.invitations.exclude(gebruikt_op=None).count(),
        "has_margins": bool(margins_of(wave)),
    })


@team_required
@require_POST
def wave_codes(request, pk):
    wave = get_object_or_404(Wave, pk=pk, status=Wave.Status.OPEN)
    form = CodesForm(request.POST)
    if form.is_valid():
        Invitation.objects.bulk_create([Invitation(wave=wave, gemeente=form.cleaned_data["gemeente"])
                                        for _i in range(form.cleaned_data["aantal"])])
        messages.success(request, _("%(n)s codes gemaakt.") % {"n": form.cleaned_data["aantal"]})
    else:
        messages.error(request, _("Kies een aantal tussen 1 en 5000."))
    return redirect("surveys:wave", pk=wave.pk)


@team_required
def wave_codes_csv(request, pk):
    """The unused codes, to merge into the invitation letters."""
    wave = get_object_or_404(Wave, pk=pk)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["code", "gemeente", "link"])
    start = request.build_absolute_uri("/ervaringen/meedoen/")
    for invitation in wave.invitations.filter(gebruikt_op=None).order_by("pk"):
        writer.writerow([neutral(cell) for cell in (invitation.code, invitation.gemeente,
                                                     f"{start}?code={invitation.code}")])
    response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codes-ronde-{wave.pk}.csv"'
    return response


@team_required
@require_POST
def wave_margins(request, pk):
    wave = get_object_or_404(Wave, pk=pk, status=Wave.Status.OPEN)
    if request.POST.get("uit_release"):
        try:
            rows, source = gemeente_margins(wave)
        except UserError as error:
            messages.error(request, str(error))
            return redirect("surveys:wave", pk=wave.pk)
    else:
        form = MarginsForm(request.POST)
        if not form.is_valid():
            for problems in form.errors.values():
                for problem in problems:
                    messages.error(request, problem)
            return redirect("surveys:wave", pk=wave.pk)
        rows, source = form.cleaned_data["regels"], form.cleaned_data["bron"]
    with transaction.atomic():
        for dimensie in {row[0] for row in rows}:
            wave.margins.filter(dimensie=dimensie).delete()
        Margin.objects.bulk_create([Margin(wave=wave, dimensie=d, categorie=c, aantal=a, bron=source)
                                    for d, c, a in rows])
    messages.success(request, _("Bevolkingsaantallen opgeslagen (%(n)s regels).") % {"n": len(rows)})
    return redirect("surveys:wave", pk=wave.pk)


@team_required
@require_POST
def wave_import(request, pk):
    wave = get_object_or_404(Wave, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Kies een CSV- of Excel-bestand."))
        return redirect("surveys:wave", pk=wave.pk)
    upload = form.cleaned_data["bestand"]
    try:
        count = import_responses(wave, upload.read(), upload.name)
    except UserError as error:
        request.session["import_fouten"] = getattr(error, "problems", [str(error)])
        return redirect("surveys:wave_import_errors", pk=wave.pk)
    messages.success(request, _("%(n)s antwoorden ingelezen uit %(f)s.") % {"n": count, "f": upload.name})
    return redirect("surveys:wave", pk=wave.pk)


@team_required
def wave_import_errors(request, pk):
    wave = get_object_or_404(Wave, pk=pk)
    lines = request.session.get("import_fouten") or []
    return render(request, "surveys/import_errors.html", {"wave": wave, "summary": lines[:1], "rows": lines[1:]})


@team_required
@require_POST
def wave_close(request, pk):
    wave = get_object_or_404(Wave, pk=pk)
    try:
        published = close_wave(wave)
    except (UserError, ValidationError) as error:
        messages.error(request, str(error))
        return redirect("surveys:wave", pk=wave.pk)
    messages.success(request, _("De ronde is gesloten: %(n)s cijfers zijn gepubliceerd.") % {"n": published})
    return redirect("surveys:results", pk=wave.pk)


@team_required
@require_POST
def wave_link(request, pk):
    wave = get_object_or_404(Wave, pk=pk)
    codes = link_to_goal_tree(wave)
    if codes:
        messages.success(request, _("Gekoppeld aan de doelenboom: %(codes)s.") % {"codes": ", ".join(codes)})
    else:
        messages.error(request, _("Geen vraag heeft een onderdeel van de doelenboom dat bestaat."))
    return redirect("surveys:wave", pk=wave.pk)


@interviewer_required
def interview(request, pk):
    """An interviewer (often an ervaringsdeskundige) enters the answers with the
    respondent; the response records that, and who entered it, never whom."""
    wave = get_object_or_404(Wave.objects.select_related("questionnaire"), pk=pk, status=Wave.Status.OPEN)
    values, problems = {}, {}
    if request.method == "POST":
        values = request.POST.dict()
        answers, problems = clean_answers(wave, values)
        if request.POST.get("toestemming") != "ja":
            problems["toestemming"] = _("Vraag eerst of de deelnemer meedoet en de privacytekst heeft gehoord.")
        if not problems:
            store(wave, answers, Response.Kanaal.INTERVIEWER, user=request.user)
            messages.success(request, _("De antwoorden zijn opgeslagen. U kunt de volgende invullen."))
            return redirect("surveys:interview", pk=wave.pk)
        messages.error(request, _("Niet alle vragen zijn goed ingevuld. Kijk bij de vragen met een melding."))
    return render(request, "surveys/interview.html", {
        "wave": wave, "sections": sections(wave, values, problems), "problems": problems,
        "action": request.path, "button": _("Sla de antwoorden op")})
