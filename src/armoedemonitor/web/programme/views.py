"""Thin views over the programme services: tree, node, measurement entry and review,
lerend evalueren, yearly report and factsheets."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from armoedemonitor.web.accounts.roles import is_programme_team
from armoedemonitor.web.yearly_report.render import REPORT_CSS, render_factsheet_body

from .forms import (
    ActionFormSet,
    ExperimentForm,
    IndicatorDefinitionForm,
    IndicatorLinkForm,
    InsightFormSet,
    LearningAgendaForm,
    LearningQuestionForm,
    MeasurementForm,
    NodeForm,
    ReportForm,
    SendBackForm,
    SessionForm,
)
from .models import (
    Action,
    AnnualPlan,
    Baseline,
    Experiment,
    LearningAgenda,
    Measurement,
    Node,
    NodeIndicator,
    Period,
    Report,
    Session,
    Target,
)
from .permissions import entry_required, team_required
from .services import reports, tasks, workflow
from .services.monitor import current_period, indicator_progress, node_statuses
from .services.progress import STATUS_LABELS
from .services.release_values import release_values


def _period(request):
    chosen = request.GET.get("periode")
    if chosen:
        return get_object_or_404(Period, naam=chosen)
    period = current_period()
    if period is None:
        raise Http404(_("Er is nog geen periode."))
    return period


def tree(request):
    """The whole goal tree with a progress label on every node."""
    period = _period(request)
    statuses = node_statuses(period)
    nodes = list(Node.objects.prefetch_related("werkgroepen").order_by("volgorde", "code"))
    children = {}
    for node in nodes:
        node.progress_status = statuses.get(node.pk, "geen_gegevens")
        node.progress_label = STATUS_LABELS[node.progress_status]
        children.setdefault(node.parent_id, []).append(node)
    for node in nodes:
        node.kids = children.get(node.pk, [])
    return render(request, "programme/tree.html", {
        "roots": children.get(None, []), "period": period, "periods": Period.objects.all(),
        "can_review": is_programme_team(request.user),
    })


def node_detail(request, code):
    node = get_object_or_404(Node.objects.select_related("parent"), code=code)
    period = _period(request)
    can_enter = workflow.can_enter(request.user)
    rows = []
    for ni in node.indicators.select_related("definition"):
        measurements = ni.measurements.select_related("period", "category")
        if not can_enter:
            measurements = measurements.filter(status=Measurement.Status.GOEDGEKEURD)
        rows.append({
            "ni": ni, "progress": indicator_progress(ni, period), "measurements": measurements,
            "targets": ni.targets.select_related("period"),
            "release": release_values(ni.definition, node.gemeenten) if ni.definition.bron == "release" else None,
        })
    return render(request, "programme/node_detail.html", {
        "node": node, "period": period, "rows": rows, "can_enter": can_enter,
        "can_edit": is_programme_team(request.user),
        "experiment": getattr(node, "experiment", None), "children": node.children.all(),
    })


@team_required
def node_form(request, code=None):
    """Edit a node, or add one (``?onder=<code>`` preselects the parent)."""
    node = get_object_or_404(Node, code=code) if code else Node()
    initial = {}
    if not code and request.GET.get("onder"):
        parent = get_object_or_404(Node, code=request.GET["onder"])
        initial = {"parent": parent, "soort": next(iter(Node.ALLOWED_CHILDREN[parent.soort]), None)}
    form = NodeForm(request.POST or None, instance=node, initial=initial)
    experiment = getattr(node, "experiment", None) if node.pk else None
    experiment_form = ExperimentForm(request.POST or None, instance=experiment or Experiment(), prefix="exp")
    if request.method == "POST" and form.is_valid():
        is_experiment = form.cleaned_data["soort"] == Node.Soort.EXPERIMENT
        if not is_experiment or experiment_form.is_valid():
            try:
                with transaction.atomic():
                    node = form.save()
                    if is_experiment:
                        experiment_form.instance.node = node
                        experiment_form.save()
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Het onderdeel is bewaard."))
                return redirect("programme:node", code=node.code)
    return render(request, "programme/node_form.html", {"form": form, "experiment_form": experiment_form, "node": node})


@team_required
def indicator_link(request, code):
    """Give a node an indicator with its nulmeting and a target (per period or end)."""
    node = get_object_or_404(Node, code=code)
    form = IndicatorLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            ni, _created = NodeIndicator.objects.update_or_create(
                node=node, definition=data["definition"], defaults={"kern_indicator": data["kern_indicator"]})
            Baseline.objects.update_or_create(node_indicator=ni, defaults={
                "waarde": data["nulmeting"], "datum": data["nulmeting_datum"],
                "geen_nulmeting": data["nulmeting"] is None})
            if data["periode"]:
                Target.objects.update_or_create(node_indicator=ni, period=data["periode"], category=None,
                                                defaults={"waarde": data["streefwaarde"]})
            else:
                Target.objects.update_or_create(node_indicator=ni, eind=True, category=None, defaults={
                    "waarde": data["streefwaarde"], "einddatum": data["einddatum"]})
        messages.success(request, _("De indicator is gekoppeld."))
        return redirect("programme:node", code=node.code)
    return render(request, "programme/simple_form.html", {
        "form": form, "title": _("Indicator koppelen aan %(node)s") % {"node": node}})


@team_required
def definition_new(request):
    form = IndicatorDefinitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De indicator is bewaard."))
        back = request.GET.get("terug", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        return redirect(back if back and safe else "programme:tree")
    return render(request, "programme/simple_form.html", {"form": form, "title": _("Nieuwe indicator")})


def _save_measurement(request, form):
    with transaction.atomic():
        measurement = form.save(commit=False)
        measurement.ingevoerd_door = measurement.ingevoerd_door or request.user
        measurement.save()
        if request.POST.get("actie") == "indienen":
            workflow.submit(measurement, request.user)
    return measurement


@entry_required
def measurement_form(request, ni_pk=None, pk=None):
    measurement = get_object_or_404(Measurement, pk=pk) if pk else Measurement()
    if pk and measurement.status not in (Measurement.Status.CONCEPT, Measurement.Status.TERUG):
        raise PermissionDenied
    ni = measurement.node_indicator if pk else get_object_or_404(NodeIndicator, pk=ni_pk)
    if ni.definition.bron == "release":
        raise Http404(_("Deze indicator komt uit de armoedemonitor en wordt niet met de hand ingevoerd."))
    form = MeasurementForm(request.POST or None, request.FILES or None, instance=measurement, node_indicator=ni)
    if request.method == "POST" and form.is_valid():
        try:
            _save_measurement(request, form)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            done = (_("De meting is ingediend.") if request.POST.get("actie") == "indienen"
                    else _("De meting is bewaard als concept."))
            messages.success(request, done)
            return redirect("programme:node", code=ni.node.code)
    return render(request, "programme/measurement_form.html", {"form": form, "ni": ni, "measurement": measurement})


def start(request):
    """A signed-in person's start page: their open tasks, each with a link to do it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "programme/start.html", tasks.tasks_for(request.user))


@team_required
def review(request):
    pending = Measurement.objects.filter(status=Measurement.Status.INGEDIEND).select_related(
        "node_indicator__node", "node_indicator__definition", "period", "category", "ingevoerd_door")
    return render(request, "programme/review.html", {"pending": pending, "send_back_form": SendBackForm()})


@team_required
@require_POST
def decide(request, pk):
    measurement = get_object_or_404(Measurement, pk=pk)
    try:
        if request.POST.get("besluit") == "goedkeuren":
            workflow.approve(measurement, request.user)
            messages.success(request, _("De meting is goedgekeurd."))
        else:
            workflow.send_back(measurement, request.user, request.POST.get("reactie", ""))
            messages.success(request, _("De meting is teruggestuurd."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("programme:review")


def sessions(request):
    return render(request, "programme/session_list.html", {
        "sessions": Session.objects.prefetch_related("insights", "actions"),
        "can_edit": is_programme_team(request.user),
    })


def session_detail(request, pk):
    session = get_object_or_404(Session.objects.prefetch_related("insights", "actions", "nodes"), pk=pk)
    return render(request, "programme/session_detail.html", {"session": session})


@team_required
def session_new(request):
    session = Session()
    form = SessionForm(request.POST or None, instance=session)
    insights = InsightFormSet(request.POST or None, instance=session, prefix="inzicht")
    actions = ActionFormSet(request.POST or None, instance=session, prefix="actie")
    if request.method == "POST" and form.is_valid() and insights.is_valid() and actions.is_valid():
        with transaction.atomic():
            session = form.save()
            insights.instance = actions.instance = session
            insights.save()
            actions.save()
        messages.success(request, _("De bijeenkomst is vastgelegd."))
        return redirect("programme:session", pk=session.pk)
    return render(request, "programme/session_form.html", {"form": form, "insights": insights, "actions": actions})


def annual_plan(request, jaar):
    """The jaarplan: its priorities, and the actions from lerend evalueren meant for it."""
    plan = AnnualPlan.objects.filter(jaar=jaar).first()
    items = plan.items.select_related("node").order_by("node__code") if plan else []
    actions = Action.objects.filter(voor_jaarplan=jaar).select_related("session", "leads_to_node")
    return render(request, "programme/annual_plan.html", {"jaar": jaar, "plan": plan, "items": items,
                                                          "actions": actions})


def agendas(request):
    team = is_programme_team(request.user)
    agenda_form = LearningAgendaForm(request.POST or None, prefix="agenda") if team else None
    question_form = LearningQuestionForm(request.POST or None, prefix="vraag") if team else None
    if request.method == "POST":
        if not team:
            raise PermissionDenied
        form = agenda_form if "agenda-jaar" in request.POST else question_form
        if form.is_valid():
            form.save()
            messages.success(request, _("Bewaard."))
            return redirect("programme:agendas")
    return render(request, "programme/agendas.html", {
        "agendas": LearningAgenda.objects.prefetch_related("vragen__nodes"), "team": team,
        "agenda_form": agenda_form, "question_form": question_form,
    })


def report_list(request):
    team = is_programme_team(request.user)
    shown = Report.objects.all() if team else Report.objects.filter(status=Report.Status.VASTGESTELD)
    form = ReportForm(request.POST or None) if team else None
    if request.method == "POST":
        if not team:
            raise PermissionDenied
        if form.is_valid():
            report = reports.new_concept(form.cleaned_data["jaar"], form.cleaned_data["peildatum"], request.user)
            messages.success(request, _("Er is een concept gemaakt."))
            return redirect("programme:report", pk=report.pk)
    return render(request, "programme/report_list.html", {"reports": shown, "form": form, "team": team})


def _visible_report(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if report.status != Report.Status.VASTGESTELD and not is_programme_team(request.user):
        raise Http404
    return report


def report_detail(request, pk):
    report = _visible_report(request, pk)
    if (progress := reports.building(report)) is not None:
        return render(request, "programme/report_detail.html", {"report": report, "building": progress,
                                                                "team": is_programme_team(request.user)})
    snapshot = reports.snapshot_of(report)
    return render(request, "programme/report_detail.html", {
        "report": report, "body": reports.body_of(report), "report_css": REPORT_CSS,
        "team": is_programme_team(request.user),
        "gemeenten": sorted(snapshot.get("gemeenten", {}).items(), key=lambda item: item[1]["naam"]),
    })


def report_pdf(request, pk):
    report = _visible_report(request, pk)
    if reports.building(report) is not None:
        return redirect("programme:report", pk=pk)
    response = HttpResponse(reports.pdf_of(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jaarrapportage-{report.jaar}-v{report.versie}.pdf"'
    return response


@team_required
@require_POST
def report_adopt(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if request.POST.get("bevestig") != "ja":
        messages.error(request, _("Vink eerst aan dat u weet dat vaststellen niet terug te draaien is."))
        return redirect("programme:report", pk=pk)
    try:
        reports.adopt(report, request.user)
        messages.success(request, _("De rapportage is vastgesteld. Ze verandert niet meer."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("programme:report", pk=pk)


def factsheet(request, pk, gemeente):
    report = _visible_report(request, pk)
    if reports.building(report) is not None:
        return redirect("programme:report", pk=pk)
    snapshot = reports.snapshot_of(report)
    if gemeente not in snapshot.get("gemeenten", {}):
        raise Http404
    if request.GET.get("formaat") == "pdf":
        response = HttpResponse(reports.factsheet_pdf(report, gemeente), content_type="application/pdf")
        name = slugify(snapshot["gemeenten"][gemeente]["naam"])
        response["Content-Disposition"] = f'attachment; filename="factsheet-{name}-{report.jaar}.pdf"'
        return response
    return render(request, "programme/factsheet.html", {
        "report": report, "gemeente": gemeente, "naam": snapshot["gemeenten"][gemeente]["naam"],
        "report_css": REPORT_CSS,
        "body": render_factsheet_body(snapshot, gemeente)})
