from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class ExperimentInline(admin.StackedInline):
    model = models.Experiment
    extra = 0


@admin.register(models.Node)
class NodeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "titel", "soort", "status"]
    list_filter = ["soort", "status", "werkgroepen"]
    search_fields = ["code", "titel"]
    inlines = [ExperimentInline]


@admin.register(models.Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["node_indicator", "period", "waarde", "status"]
    list_filter = ["status", "period"]


@admin.register(models.Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["jaar", "versie", "status", "peildatum"]
    readonly_fields = ["snapshot", "html"]
    exclude = ["pdf"]


for model in (models.Werkgroep, models.IndicatorDefinition, models.NodeIndicator, models.Baseline, models.Target,
              models.Period, models.Session, models.Insight, models.Action, models.LearningAgenda,
              models.LearningQuestion, models.Story, models.AnnualPlan, models.DisaggregationDimension,
              models.Category):
    admin.site.register(model, SimpleHistoryAdmin)
