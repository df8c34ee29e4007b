"""Thin views: permissions from permissions.py, rules from assessment.py and inventory.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from armoedemonitor.definitions import municipalities
from armoedemonitor.errors import InputError
from armoedemonitor.web.accounts.access import requires

from . import assessment, inventory, overview, permissions
from .forms import (
    BestPracticeForm,
    CriterionForm,
    FrameworkForm,
    ImportForm,
    InterventionForm,
    InviteForm,
    RecognitionFormSet,
    SearchForm,
    StartRoundForm,
    StudyFormSet,
    VerdictForm,
)
from .models import (
    AssessmentRound,
    AssessorInvite,
    BestPracticeSet,
    Criterion,
    Framework,
    Intervention,
    Perspectief,
    Scale,
)
from .sites_map import sites_map

team_only = requires(permissions.is_team)
logged_in = requires(lambda user: True)


def _visible(request, slug) -> Intervention:
    return get_object_or_404(permissions.visible_interventions(request.user), slug=slug)


def _editable(request, slug) -> Intervention:
    intervention = _visible(request, slug)
    if not permissions.can_edit(request.user, intervention):
        raise PermissionDenied
    return intervention


# --- Public pages ------------------------------------------------------------------


def register(request):
    form = SearchForm(request.GET or None)
    interventions = permissions.visible_interventions(request.user).prefetch_related("target_groups")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            interventions = interventions.filter(
                Q(naam__icontains=data["q"]) | Q(samenvatting_b1__icontains=data["q"])
                | Q(beschrijving__icontains=data["q"])
            )
        if data["doelgroep"]:
            interventions = interventions.filter(target_groups__code=data["doelgroep"])
        if data["thema"]:
            interventions = interventions.filter(themes__code=data["thema"])
        if data["bewijsniveau"]:
            interventions = interventions.filter(bewijsniveau=data["bewijsniveau"])
        if data["gemeente"]:
            interventions = interventions.filter(sites__gemeente_code=data["gemeente"])
        interventions = interventions.distinct()
    cards = [{"intervention": i, "verdicts": assessment.latest_verdicts(i)} for i in interventions]
    return render(request, "interventions/register.html", {
        "form": form, "cards": cards, "can_create": permissions.can_create(request.user),
        "is_team": permissions.is_team(request.user),
    })


def detail(request, slug):
    intervention = _visible(request, slug)
    names = municipalities()
    sites = [(site, names[site.gemeente_code].naam if site.gemeente_code in names else site.gemeente_code)
             for site in intervention.sites.select_related("organisation")]
    return render(request, "interventions/detail.html", {
        "intervention": intervention,
        "sites": sites,
        "map": sites_map(intervention),
        "verdicts": assessment.latest_verdicts(intervention),
        "can_edit": permissions.can_edit(request.user, intervention),
        "is_team": permissions.is_team(request.user),
        "rounds": intervention.rondes.all() if permissions.is_team(request.user) else [],
        "memberships": intervention.memberships.select_related("set"),
    })


def matrix(request):
    interventions = permissions.visible_interventions(request.user).prefetch_related("themes")
    return render(request, "interventions/matrix.html", {"matrix": overview.matrix(interventions)})


def overview_page(request):
    interventions = list(permissions.visible_interventions(request.user))
    return render(request, "interventions/overview.html", {
        "total": len(interventions),
        "evidence": overview.BarChart(overview.by_evidence(interventions)),
        "groups": overview.BarChart(overview.by_target_group(interventions)),
    })


def best_practices(request):
    current = BestPracticeSet.objects.first()
    return render(request, "interventions/best_practices.html", {
        "set": current, "memberships": _public_memberships(current), "is_team": permissions.is_team(request.user),
    })


def _public_memberships(best_practice_set):
    if best_practice_set is None:
        return []
    return best_practice_set.memberships.filter(
        intervention__status=Intervention.Status.GEPUBLICEERD
    ).select_related("intervention")


# --- Editing (team, and editors of the owner/partner organisations) ------------------


@requires(permissions.can_create)
def create(request):
    can_publish = permissions.is_team(request.user)
    form = InterventionForm(request.POST or None, can_publish=can_publish)
    if request.method == "POST" and form.is_valid():
        intervention = form.save()
        if not can_publish and intervention.eigenaar is None:
            intervention.eigenaar = request.user.organisaties.first()
            intervention.save()
        messages.success(request, _("De interventie is opgeslagen."))
        return redirect(intervention)
    return render(request, "interventions/edit.html", {"form": form, "intervention": None})


@logged_in
def edit(request, slug):
    intervention = _editable(request, slug)
    data = request.POST or None
    form = InterventionForm(data, instance=intervention, can_publish=permissions.is_team(request.user))
    formsets = [StudyFormSet(data, instance=intervention, prefix="studies"),
                RecognitionFormSet(data, instance=intervention, prefix="erkenningen")]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        with transaction.atomic():
            form.save()
            for formset in formsets:
                formset.save()
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(intervention)
    return render(request, "interventions/edit.html", {"form": form, "intervention": intervention,
                                                       "formsets": formsets})


@logged_in
def history(request, slug):
    intervention = _editable(request, slug)
    records = intervention.history.select_related("history_user").order_by("-history_date")
    changes = []
    for record in records:
        previous = record.prev_record
        changed = [c.field for c in record.diff_against(previous).changes] if previous else []
        changes.append({"record": record, "changed": changed})
    return render(request, "interventions/history.html", {"intervention": intervention, "changes": changes})


# --- Import and export (team) --------------------------------------------------------


@team_only
def import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            summary = inventory.import_inventory(upload.read(), upload.name)
        except InputError as error:
            problems = error.problems
        else:
            messages.success(request, _("Ingelezen: %(created)d nieuw, %(updated)d bijgewerkt.")
                             % {"created": summary.created, "updated": summary.updated})
            return redirect("interventions:register")
    return render(request, "interventions/import.html", {"form": form, "problems": problems,
                                                         "columns": inventory.COLUMNS})


@team_only
def export(request, fmt):
    if fmt == "xlsx":
        response = HttpResponse(
            inventory.export_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(inventory.export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interventies.{fmt}"'
    return response


# --- Assessment rounds -----------------------------------------------------------------


@team_only
def start_round(request, slug):
    intervention = _visible(request, slug)
    form = StartRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = assessment.start_round(
                intervention, form.cleaned_data["framework"], request.user,
                min_professional=form.cleaned_data["min_professional"],
                min_ervaring=form.cleaned_data["min_ervaring"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De beoordelingsronde is gestart. Nodig nu beoordelaars uit."))
            return redirect(round)
    return render(request, "interventions/start_round.html", {"form": form, "intervention": intervention})


@logged_in
def round_detail(request, pk):
    round = get_object_or_404(AssessmentRound.objects.select_related("intervention", "framework"), pk=pk)
    is_team = permissions.is_team(request.user)
    own = round.invites.filter(user=request.user).first()
    if not is_team and own is None:
        raise PermissionDenied
    see_others = assessment.can_see_others(request.user, round)
    context = {
        "round": round, "is_team": is_team, "own": own, "see_others": see_others,
        "perspectives": Perspectief.choices,
        "counts": [(label, assessment.submitted_count(round, value), round.minimum(value))
                   for value, label in Perspectief.choices],
        "spread": assessment.spread(round) if see_others else [],
        "invites": round.invites.select_related("user") if is_team else [],
        "verdicts": {v.perspectief: v for v in round.verdicts.all()},
    }
    if is_team:
        context["invite_form"] = InviteForm()
    return render(request, "interventions/round.html", context)


@team_only
@require_POST
def invite(request, pk):
    round = get_object_or_404(AssessmentRound, pk=pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            assessment.invite(round, form.cleaned_data["user"], form.cleaned_data["perspectief"],
                              form.cleaned_data["belangen_verklaring"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(user)s is uitgenodigd.") % {"user": form.cleaned_data["user"]})
    else:
        messages.error(request, _("Kies een beoordelaar en een perspectief."))
    return redirect(round)


@logged_in
def my_assessments(request):
    invites = AssessorInvite.objects.filter(user=request.user).select_related("round__intervention")
    rounds = AssessmentRound.objects.select_related("intervention") if permissions.is_team(request.user) else []
    return render(request, "interventions/my_assessments.html", {"invites": invites, "rounds": rounds})


@logged_in
def rate(request, pk):
    invite = get_object_or_404(AssessorInvite.objects.select_related("round__framework", "round__intervention"),
                               round_id=pk, user=request.user)
    criteria = assessment.criteria_for(invite)
    saved = {r.criterion_id: r for r in invite.ratings.all()}
    errors = {}
    if request.method == "POST" and not invite.submitted:
        answers = {c.pk: _answer_from(request.POST, c) for c in criteria}
        submit = "insturen" in request.POST
        try:
            assessment.save_ratings(invite, answers, submit=submit)
        except ValidationError as error:
            errors = {code: msgs[0] for code, msgs in error.message_dict.items()}
            saved = {pk: answers[pk] for pk in answers}
            messages.error(request, _("Niet alles is goed ingevuld. Kijk bij de vragen met een melding."))
        else:
            if submit:
                messages.success(request, _("Dank u wel. Uw beoordeling is ingestuurd."))
                return redirect(invite.round)
            messages.success(request, _("Uw antwoorden zijn bewaard. U kunt later verder gaan."))
            return redirect("interventions:rate", pk=pk)
    questions = []
    for c in criteria:
        answer = saved.get(c.pk)
        questions.append({
            "criterion": c, "error": errors.get(c.code),
            "score": getattr(answer, "score", None), "weet_niet": getattr(answer, "weet_niet", False),
            "toelichting": getattr(answer, "toelichting", ""),
        })
    return render(request, "interventions/rate.html", {
        "invite": invite, "questions": questions, "has_errors": any(q["error"] for q in questions),
    })


def _answer_from(post, criterion: Criterion) -> assessment.Answer:
    raw = post.get(f"c{criterion.pk}", "")
    score = int(raw) if raw.lstrip("-").isdigit() else None
    return assessment.Answer(score=score, weet_niet=raw == "weet_niet",
                             toelichting=post.get(f"t{criterion.pk}", ""))


@team_only
def verdict(request, pk, perspectief):
    round = get_object_or_404(AssessmentRound, pk=pk)
    if perspectief not in Perspectief.values:
        raise PermissionDenied
    existing = round.verdicts.filter(perspectief=perspectief).first()
    form = VerdictForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            assessment.record_verdict(round, perspectief, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.message_dict.items():
                    form.add_error(field, errs)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Het oordeel is vastgelegd."))
            return redirect(round)
    return render(request, "interventions/verdict.html", {
        "form": form, "round": round, "perspectief_label": Perspectief(perspectief).label,
    })


# --- Werkende interventies ---------------------------------------------------------------


@team_only
def add_best_practice(request, slug):
    intervention = _visible(request, slug)
    form = BestPracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment.add_to_best_practices(intervention, form.set_for_year(),
                                             reden=form.cleaned_data["reden"],
                                             herzien_op=form.cleaned_data["herzien_op"])
        except ValidationError as error:
            for field, errs in error.message_dict.items():
                form.add_error(field, errs)
        else:
            messages.success(request, _("De interventie staat nu bij de werkende interventies."))
            return redirect("interventions:best_practices")
    return render(request, "interventions/add_best_practice.html", {"form": form, "intervention": intervention})


def _newsletter_html(request, best_practice_set) -> str:
    return render_to_string("interventions/newsletter.html", {
        "set": best_practice_set, "memberships": _public_memberships(best_practice_set),
    }, request=request)


@team_only
def newsletter(request, jaar, fmt):
    best_practice_set = get_object_or_404(BestPracticeSet, jaar=jaar)
    html = _newsletter_html(request, best_practice_set)
    if fmt == "pdf":
        from armoedemonitor.web.pdf import html_to_pdf

        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    else:
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nieuwsbrief-werkende-interventies-{jaar}.{fmt}"'
    return response


# --- Toetsingskader (versioned data, edited by the team) ---------------------------------


@team_only
def frameworks(request):
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        framework = form.save()
        return redirect("interventions:framework", pk=framework.pk)
    return render(request, "interventions/frameworks.html", {
        "frameworks": Framework.objects.all(), "form": form, "scales": Scale.objects.all(),
    })


@team_only
def framework_detail(request, pk):
    framework = get_object_or_404(Framework, pk=pk)
    form = None
    if framework.editable:
        form = CriterionForm(request.POST or None, instance=Criterion(framework=framework))
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("De vraag is toegevoegd."))
            return redirect("interventions:framework", pk=pk)
    return render(request, "interventions/framework.html", {"framework": framework, "form": form})


@team_only
def criterion_edit(request, pk):
    criterion = get_object_or_404(Criterion, pk=pk)
    if not criterion.framework.editable:
        raise PermissionDenied
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("interventions:framework", pk=criterion.framework_id)
    return render(request, "interventions/criterion.html", {"form": form, "criterion": criterion})


@team_only
@require_POST
def framework_action(request, pk, action):
    framework = get_object_or_404(Framework, pk=pk)
    try:
        if action == "vaststellen" and framework.editable:
            assessment.adopt_framework(framework)
            messages.success(request, _("Het toetsingskader is vastgesteld."))
        elif action == "nieuwe-versie":
            framework = assessment.new_framework_version(framework)
            messages.success(request, _("Er is een nieuwe conceptversie gemaakt."))
        else:
            raise PermissionDenied
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("interventions:framework", pk=framework.pk)
