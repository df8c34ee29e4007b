"""Pages of the scheme register: thin views over ``reach``, ``upload`` and the forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from armoedemonitor.definitions import municipalities
from armoedemonitor.web.accounts.access import requires
from armoedemonitor.web.accounts.roles import is_programme_team

from . import permissions
from .charts import trend_chart
from .forms import SEPARATOR, CountForm, GoalLinkForm, SchemeForm, UploadForm, target_group_choices
from .models import Scheme
from .reach import by_area, reach_of
from .upload import UploadRefused, import_counts


def scheme_list(request):
    gemeente = request.GET.get("gemeente", "")
    schemes = [s for s in Scheme.objects.all() if not gemeente or gemeente in s.gemeenten]
    names = municipalities()
    return render(request, "schemes/list.html", {
        "schemes": schemes, "gemeente": gemeente,
        "gemeenten": sorted(((c, m.naam) for c, m in names.items()), key=lambda c: c[1]),
        "can_register": permissions.can_register(request.user),
    })


def scheme_detail(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    reaches = reach_of(scheme)
    grouped = by_area(reaches)
    chart = trend_chart({reaches[0].area_name: reaches for reaches in grouped.values()},
                        _("Bereik van %(scheme)s per jaar") % {"scheme": scheme.naam}, f"bereik-{scheme.pk}")
    can_link = is_programme_team(request.user)
    return render(request, "schemes/detail.html", {
        "scheme": scheme, "reaches": reaches, "chart": chart,
        "gemeenten": [municipalities()[c].naam for c in scheme.gemeenten if c in municipalities()],
        "can_report": permissions.can_report(request.user, scheme),
        "can_edit": permissions.can_edit(request.user, scheme),
        "link_form": GoalLinkForm(scheme=scheme) if can_link else None,
        "links": scheme.goal_links.select_related("definition"),
    })


@requires(permissions.can_register)
def scheme_edit(request, pk: int | None = None):
    allowed = permissions.own_gemeenten(request.user)
    if not allowed:
        raise PermissionDenied
    scheme = get_object_or_404(Scheme, pk=pk) if pk else Scheme(aangemaakt_door=request.user)
    if pk and not permissions.can_edit(request.user, scheme):
        raise PermissionDenied
    form = SchemeForm(request.POST or None, instance=scheme, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        scheme = form.save()
        messages.success(request, _("De regeling is opgeslagen."))
        return redirect("schemes:detail", pk=scheme.pk)
    return render(request, "schemes/edit.html", {"form": form, "scheme": scheme if pk else None},
                  status=400 if request.method == "POST" else 200)


def _reporter(request, pk):
    scheme = get_object_or_404(Scheme, pk=pk)
    if not permissions.can_report(request.user, scheme):
        raise PermissionDenied
    return scheme, permissions.own_gemeenten(request.user)


@requires(permissions.can_register)
def upload_counts(request, pk: int):
    scheme, allowed = _reporter(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            saved = import_counts(scheme, upload.name, upload.read(), allowed)
        except UploadRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("%(n)s regels opgeslagen.") % {"n": saved})
            return redirect("schemes:detail", pk=scheme.pk)
    return render(request, "schemes/upload.html", {"scheme": scheme, "form": form, "problems": problems},
                  status=400 if request.method == "POST" else 200)


@requires(permissions.can_register)
def add_count(request, pk: int):
    scheme, allowed = _reporter(request, pk)
    form = CountForm(request.POST or None, scheme=scheme, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scheme.counts.update_or_create(jaar=data["jaar"], gebied=data["gebied"],
                                       defaults={"ontvangers": data["ontvangers"]})
        messages.success(request, _("Het aantal is opgeslagen."))
        return redirect("schemes:detail", pk=scheme.pk)
    return render(request, "schemes/count.html", {"scheme": scheme, "form": form},
                  status=400 if request.method == "POST" else 200)


@requires(is_programme_team)
def link_goal(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    if request.method != "POST" or not is_programme_team(request.user):
        raise PermissionDenied
    form = GoalLinkForm(request.POST, scheme=scheme)
    if form.is_valid():
        form.instance.scheme = scheme
        form.save()
        messages.success(request, _("De indicator neemt nu het bereik van deze regeling over."))
    else:
        messages.error(request, _("Kies een indicator en een gemeente."))
    return redirect("schemes:detail", pk=scheme.pk)


def compare(request):
    """Schemes with the same target group, side by side across municipalities."""
    choices = dict(target_group_choices())
    used = {SEPARATOR.join((s.doelgroep_indicator, s.doelgroep_breakdown, s.doelgroep_categorie)): s
            for s in Scheme.objects.all()}
    options = [(key, choices.get(key, scheme.doelgroep_omschrijving)) for key, scheme in used.items()]
    chosen = request.GET.get("doelgroep") or (options[0][0] if options else "")
    rows, series = [], {}
    if chosen:
        indicator, breakdown, category = chosen.split(SEPARATOR) if chosen.count(SEPARATOR) == 2 else ("", "", "")
        for scheme in Scheme.objects.filter(doelgroep_indicator=indicator, doelgroep_breakdown=breakdown,
                                            doelgroep_categorie=category):
            for reaches in by_area(reach_of(scheme)).values():
                label = f"{scheme.naam} – {reaches[0].area_name}"
                series[label] = reaches
                rows.append({"scheme": scheme, "area": reaches[0].area_name, "reaches": reaches,
                             "latest": reaches[-1]})
    years = sorted({r.year for row in rows for r in row["reaches"]})
    table = [{"label": f"{row['scheme'].naam} – {row['area']}", "scheme": row["scheme"],
              "cells": [next((r for r in row["reaches"] if r.year == y), None) for y in years]} for row in rows]
    chart = trend_chart(series, _("Bereik vergeleken tussen gemeenten"), "bereik-vergelijk") if series else ""
    return render(request, "schemes/compare.html", {
        "options": options, "chosen": chosen, "years": years, "table": table, "chart": chart,
    })
