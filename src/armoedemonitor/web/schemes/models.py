"""Municipal schemes (regelingen) and how many households use them.

A scheme names its target group as a release indicator and category: the group is the
count that indicator counts (its numerator) in an area and year. Reach is computed from
that published count (``reach.py``), never stored, so a new release updates it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from armoedemonitor.web.programme.models import IndicatorDefinition


class Scheme(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    gemeenten = models.JSONField(_("gemeenten"), default=list,
                                 help_text=_("CBS-codes van de gemeenten waar de regeling loopt."))
    doelgroep_indicator = models.CharField(_("doelgroep: cijfer uit de release"), max_length=100)
    doelgroep_breakdown = models.CharField(_("doelgroep: indeling"), max_length=100, blank=True)
    doelgroep_categorie = models.CharField(_("doelgroep: groep"), max_length=100, blank=True)
    doelgroep_omschrijving = models.CharField(_("doelgroep in gewone woorden"), max_length=200)
    voorwaarden = models.TextField(_("voorwaarden in gewone woorden"))
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    def __str__(self):
        return self.naam


class RecipientCount(models.Model):
    """Households (or persons, as the target group counts) that used the scheme in a year."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="counts")
    jaar = models.SmallIntegerField(_("jaar"))
    gebied = models.CharField(_("gebied"), max_length=10, help_text=_("CBS-code: GM, WK of BU."))
    ontvangers = models.PositiveIntegerField(_("ontvangers"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["gebied", "jaar"]
        constraints = [models.UniqueConstraint(fields=["scheme", "jaar", "gebied"], name="one_count_per_area_year")]

    def __str__(self):
        return f"{self.scheme} {self.gebied} {self.jaar}: {self.ontvangers}"


class GoalIndicatorLink(models.Model):
    """A goal-tree indicator whose value is a scheme's reach in one area (latest year)."""

    definition = models.OneToOneField(IndicatorDefinition, on_delete=models.CASCADE,
                                      related_name="regeling_koppeling", verbose_name=_("indicator"))
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="goal_links")
    gebied = models.CharField(_("gebied"), max_length=10)

    def __str__(self):
        return f"{self.definition} ← {self.scheme} ({self.gebied})"
