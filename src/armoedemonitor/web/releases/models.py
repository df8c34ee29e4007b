"""An imported release: the verified package, its definitions and its figures.

Releases are immutable: rows are written once by ``services.import_release`` and never
edited. Several releases live side by side; exactly one may be the current one, which
is what the public dashboard shows.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    version = models.CharField(_("versie"), max_length=100)
    created = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)
    sha256 = models.CharField(max_length=64, unique=True)
    is_current = models.BooleanField(_("actueel"), default=False)
    metadata = models.JSONField(default=dict)
    output_check = models.TextField(blank=True)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_release"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    def make_current(self) -> None:
        """Mark this release as the one the dashboard shows (and no other), in one step."""
        with transaction.atomic():
            Release.objects.filter(is_current=True).exclude(pk=self.pk).update(is_current=False)
            Release.objects.filter(pk=self.pk).update(is_current=True)
        self.is_current = True

    @classmethod
    def current(cls) -> "Release | None":
        return cls.objects.filter(is_current=True).first()


class Definition(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="definitions")
    indicator = models.CharField(max_length=100)
    naam = models.CharField(max_length=300)
    uitleg_b1 = models.TextField(blank=True)
    definitie = models.TextField(blank=True)
    eenheid = models.CharField(max_length=50, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    explanation_en = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator"]
        constraints = [
            models.UniqueConstraint(fields=["release", "indicator"], name="one_definition_per_indicator")
        ]

    def __str__(self) -> str:
        return self.naam


class IndicatorValue(models.Model):
    """One published cell. Suppressed cells keep their row with empty numbers."""

    class Status(models.TextChoices):
        OK = "ok", _("gepubliceerd")
        PRIMAIR = "primair", _("te weinig gegevens")
        SECUNDAIR = "secundair", _("weggelaten om andere cijfers te beschermen")
        AFGEROND = "afgerond", _("afgerond")
        BEREIK = "bereik", _("minder precies: alleen een bereik")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(max_length=100)
    year = models.SmallIntegerField()
    region_level = models.CharField(max_length=50)
    region_code = models.CharField(max_length=50)
    breakdown = models.CharField(max_length=100, blank=True, default="")
    category = models.CharField(max_length=100, blank=True, default="")
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    n = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    # A share published less precisely (status bereik): its range, as fractions 0..1.
    value_lower = models.FloatField(null=True, blank=True)
    value_upper = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["release", "indicator", "year", "region_level", "region_code"],
                name="value_lookup",
            )
        ]

    @property
    def is_suppressed(self) -> bool:
        return self.value is None and self.status in (self.Status.PRIMAIR, self.Status.SECUNDAIR)
