from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class SiteInline(admin.TabularInline):
    model = models.InterventionSite
    extra = 0


class StudyInline(admin.StackedInline):
    model = models.Study
    extra = 0


class RecognitionInline(admin.TabularInline):
    model = models.ExternalRecognition
    extra = 0


@admin.register(models.Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "bewijsniveau", "effectonderzoek_loopt", "status", "eigenaar"]
    list_filter = ["status", "bewijsniveau", "effectonderzoek_loopt", "target_groups", "themes"]
    search_fields = ["naam", "samenvatting_b1"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["themes", "target_groups", "outcome_domains", "working_elements", "partners"]
    inlines = [SiteInline, StudyInline, RecognitionInline]


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "versie", "status", "vastgesteld_op"]
    inlines = [CriterionInline]


@admin.register(models.AssessmentRound)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["intervention", "framework", "status", "gestart"]


for model in (models.Theme, models.TargetGroup, models.OutcomeDomain, models.WorkingElement,
              models.Organisation, models.Scale, models.AssessorInvite, models.Verdict, models.BestPracticeSet,
              models.BestPracticeMembership):
    admin.site.register(model)
