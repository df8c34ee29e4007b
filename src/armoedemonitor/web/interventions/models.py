"""Interventions register and toetsingskader (docs/spec/web-model.md 4.1 and 4.2).

The register says *what* an intervention is and where it runs; the toetsingskader is
data (frameworks, criteria, scales) so the programme team can change it without code.
Ratings belong to an invite, so "who may see what" follows from whether the invite has
been submitted. Verdicts are human decisions per perspective; nothing here averages.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Bewijsniveau(models.TextChoices):
    """The Dutch SEI erkenning ladder (Movisie, NJi, Loket Gezond Leven), plus the two
    negative outcomes that are knowledge too and stay visible in the register."""

    GEEN_BEOORDELING = "geen_beoordeling", _("Nog niet beoordeeld")
    GOED_BESCHREVEN = "goed_beschreven", _("Goed beschreven")
    GOED_ONDERBOUWD = "goed_onderbouwd", _("Goed onderbouwd")
    EERSTE_AANWIJZINGEN = "eerste_aanwijzingen", _("Eerste aanwijzingen voor effectiviteit")
    GOEDE_AANWIJZINGEN = "goede_aanwijzingen", _("Goede aanwijzingen voor effectiviteit")
    STERKE_AANWIJZINGEN = "sterke_aanwijzingen", _("Sterke aanwijzingen voor effectiviteit")
    NIET_EFFECTIEF = "niet_effectief", _("Niet effectief")
    AVERECHTS = "averechts", _("Averechts effect")


# Levels with no indication of effect yet: the 2022 picture's "geen aanwijzingen".
ZONDER_AANWIJZINGEN = (
    Bewijsniveau.GEEN_BEOORDELING,
    Bewijsniveau.GOED_BESCHREVEN,
    Bewijsniveau.GOED_ONDERBOUWD,
)


class Perspectief(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    ERVARING = "ervaring", _("Ervaringsdeskundige")


class Theme(models.Model):
    """A theme, or one of the programme's five forms of capital (kapitaalsvormen)."""

    class Soort(models.TextChoices):
        THEMA = "thema", _("Thema")
        KAPITAAL = "kapitaal", _("Kapitaalsvorm")

    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=100)
    soort = models.CharField(max_length=10, choices=Soort.choices, default=Soort.THEMA)
    omschrijving_b1 = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["soort", "volgorde", "naam"]

    def __str__(self):
        return self.naam


class TargetGroup(models.Model):
    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=100)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class OutcomeDomain(models.Model):
    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=100)
    omschrijving_b1 = models.TextField(blank=True)

    class Meta:
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class WorkingElement(models.Model):
    """A werkzaam element: a shared tag for what makes interventions work."""

    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=150)
    omschrijving_b1 = models.TextField(blank=True)

    class Meta:
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Organisation(models.Model):
    """Owner, partner or provider. Its members (leden) may edit its interventions and
    may not assess them."""

    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        WELZIJN = "welzijn", _("Welzijn")
        ZORG = "zorg", _("Zorg")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        WONEN = "wonen", _("Wonen")
        KENNIS = "kennis", _("Kennisinstelling")
        VRIJWILLIGERS = "vrijwilligers", _("Vrijwilligersorganisatie")
        ANDERS = "anders", _("Anders")

    naam = models.CharField(max_length=200, unique=True)
    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.ANDERS)
    gemeente_code = models.CharField(max_length=6, blank=True)
    leden = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="organisaties")

    class Meta:
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Intervention(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")

    slug = models.SlugField(unique=True, max_length=120)
    naam = models.CharField(max_length=200)
    samenvatting_b1 = models.TextField(help_text=_("Twee of drie zinnen in eenvoudige taal."))
    beschrijving = models.TextField(blank=True)
    aanleiding = models.TextField(blank=True)
    doelen = models.TextField(blank=True)
    aanpak = models.TextField(blank=True)
    duur = models.CharField(max_length=200, blank=True)
    intensiteit = models.CharField(max_length=200, blank=True)

    themes = models.ManyToManyField(Theme, blank=True, related_name="interventions")
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="interventions")
    outcome_domains = models.ManyToManyField(OutcomeDomain, blank=True, related_name="interventions")
    working_elements = models.ManyToManyField(WorkingElement, blank=True, related_name="interventions")

    eigenaar = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="eigen_interventies"
    )
    partners = models.ManyToManyField(Organisation, blank=True, related_name="partner_interventies")
    contact = models.CharField(max_length=200, blank=True)

    # Uitvoering (implementation requirements)
    handleiding = models.BooleanField(default=False)
    handleiding_url = models.URLField(blank=True)
    training = models.TextField(blank=True)
    licentie = models.CharField(max_length=200, blank=True)
    kwalificaties = models.TextField(blank=True)
    randvoorwaarden = models.TextField(blank=True)

    # Kosten: unknown stays null
    kosten_band = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = heel weinig, 5 = veel"),
    )
    kosten_per_deelnemer_eur = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    kosten_toelichting = models.TextField(blank=True)

    bewijsniveau = models.CharField(
        max_length=30, choices=Bewijsniveau.choices, default=Bewijsniveau.GEEN_BEOORDELING
    )
    effectonderzoek_loopt = models.BooleanField(
        default=False, help_text=_("Er loopt nu een onderzoek naar het effect.")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[themes, target_groups, partners])

    class Meta:
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("interventions:detail", args=[self.slug])

    def organisations(self):
        """Owner and partners: their members have a stake in this intervention."""
        orgs = list(self.partners.all())
        if self.eigenaar_id:
            orgs.append(self.eigenaar)
        return orgs

    def gemeente_codes(self) -> list[str]:
        return sorted({site.gemeente_code for site in self.sites.all()})


class ExternalRecognition(models.Model):
    """Erkenning by a national database (Movisie, NJi, Loket Gezond Leven)."""

    class Bron(models.TextChoices):
        MOVISIE = "movisie", "Movisie"
        NJI = "nji", "NJi"
        LOKET_GEZOND_LEVEN = "loket_gezond_leven", "Loket Gezond Leven (RIVM)"
        ANDERS = "anders", _("Anders")

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="erkenningen")
    bron = models.CharField(max_length=30, choices=Bron.choices)
    niveau = models.CharField(max_length=30, choices=Bewijsniveau.choices)
    datum = models.DateField(null=True, blank=True)
    url = models.URLField(blank=True)

    def __str__(self):
        return f"{self.get_bron_display()}: {self.get_niveau_display()}"


class InterventionSite(models.Model):
    """Where an intervention runs: drives the map and the per-municipality filter."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="sites")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    gemeente_code = models.CharField(max_length=6)
    sinds = models.DateField(null=True, blank=True)
    tot = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["gemeente_code"]

    def __str__(self):
        return f"{self.intervention} in {self.gemeente_code}"


class Study(models.Model):
    class Ontwerp(models.TextChoices):
        PROCESEVALUATIE = "procesevaluatie", _("Procesevaluatie")
        VOOR_NAMETING = "voor_nameting", _("Voor- en nameting")
        QUASI_EXPERIMENT = "quasi_experiment", _("Quasi-experiment")
        RCT = "rct", _("Gerandomiseerd onderzoek (RCT)")
        KWALITATIEF = "kwalitatief", _("Kwalitatief onderzoek")
        ANDERS = "anders", _("Anders")

    class Richting(models.TextChoices):
        POSITIEF = "positief", _("Positief effect")
        GEEN_EFFECT = "geen_effect", _("Geen effect")
        NEGATIEF = "negatief", _("Negatief effect")
        GEMENGD = "gemengd", _("Gemengd")
        LOOPT = "loopt", _("Loopt nog")

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="studies")
    titel = models.CharField(max_length=300)
    jaar = models.PositiveSmallIntegerField(null=True, blank=True)
    ontwerp = models.CharField(max_length=20, choices=Ontwerp.choices)
    n = models.PositiveIntegerField(null=True, blank=True)
    follow_up_maanden = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome_domain = models.ForeignKey(OutcomeDomain, null=True, blank=True, on_delete=models.SET_NULL)
    richting = models.CharField(max_length=20, choices=Richting.choices)
    onafhankelijk = models.BooleanField(default=False)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["-jaar", "titel"]

    def __str__(self):
        return self.titel


# --- Toetsingskader ---------------------------------------------------------------


class Scale(models.Model):
    """Answer scale: ``punten`` is a list of {"waarde": int, "label": str} in order.
    "Weet ik niet" is always possible and never counts as a score."""

    naam = models.CharField(max_length=100, unique=True)
    punten = models.JSONField()

    def __str__(self):
        return self.naam

    def clean(self):
        values = [p.get("waarde") for p in self.punten or [] if isinstance(p, dict)]
        if not values or len(values) != len(self.punten) or not all(isinstance(v, int) for v in values):
            raise ValidationError({"punten": _("Geef een lijst met punten: elk met een hele waarde en een label.")})
        if len(set(values)) != len(values):
            raise ValidationError({"punten": _("Elke waarde mag maar één keer voorkomen.")})

    def values(self) -> list[int]:
        return [p["waarde"] for p in self.punten]

    def label(self, value: int) -> str:
        return next((p["label"] for p in self.punten if p["waarde"] == value), str(value))


class Framework(models.Model):
    """One version of the toetsingskader. Rounds pin a version; only a concept version
    may be changed, a new version starts as a copy."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        VERVANGEN = "vervangen", _("Vervangen")

    naam = models.CharField(max_length=200)
    versie = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    vastgesteld_op = models.DateField(null=True, blank=True)
    toelichting_b1 = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam", "-versie"]
        constraints = [models.UniqueConstraint(fields=["naam", "versie"], name="framework_naam_versie")]

    def __str__(self):
        return _("%(naam)s (versie %(versie)s)") % {"naam": self.naam, "versie": self.versie}

    @property
    def editable(self) -> bool:
        return self.status == self.Status.CONCEPT


class Criterion(models.Model):
    class Voor(models.TextChoices):
        PROFESSIONAL = "professional", _("Professionals")
        ERVARING = "ervaring", _("Ervaringsdeskundigen")
        BEIDE = "beide", _("Beide")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(max_length=40)
    vraag_b1 = models.CharField(max_length=300)
    uitleg = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    perspectief = models.CharField(max_length=20, choices=Voor.choices, default=Voor.BEIDE)
    schaal = models.ForeignKey(Scale, on_delete=models.PROTECT)
    verplicht = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["volgorde", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="criterion_code")]

    def __str__(self):
        return self.vraag_b1

    def applies_to(self, perspectief: str) -> bool:
        return self.perspectief in (self.Voor.BEIDE, perspectief)


class AssessmentRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_OVERLEG = "in_overleg", _("In overleg")
        BESLOTEN = "besloten", _("Besloten")

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="rondes")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rondes")
    gestart = models.DateTimeField(default=timezone.now)
    gesloten = models.DateTimeField(null=True, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    min_professional = models.PositiveSmallIntegerField(default=2)
    min_ervaring = models.PositiveSmallIntegerField(default=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-gestart"]

    def __str__(self):
        return f"{self.intervention} · {self.gestart:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("interventions:round", args=[self.pk])

    def minimum(self, perspectief: str) -> int:
        return self.min_professional if perspectief == Perspectief.PROFESSIONAL else self.min_ervaring


class AssessorInvite(models.Model):
    """An invited assessor in one perspective. ``ingediend_op`` set = ratings final."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="invites")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invites")
    perspectief = models.CharField(max_length=20, choices=Perspectief.choices)
    belangen_verklaring = models.TextField(blank=True)
    uitgenodigd_op = models.DateTimeField(default=timezone.now)
    ingediend_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["perspectief", "uitgenodigd_op"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_invite_per_round")]

    def __str__(self):
        return f"{self.user} ({self.get_perspectief_display()})"

    @property
    def submitted(self) -> bool:
        return self.ingediend_op is not None


class Rating(models.Model):
    invite = models.ForeignKey(AssessorInvite, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT)
    score = models.SmallIntegerField(null=True, blank=True)
    weet_niet = models.BooleanField(default=False)
    toelichting = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["invite", "criterion"], name="one_rating_per_criterion")]

    def __str__(self):
        return f"{self.criterion.code}: {'weet niet' if self.weet_niet else self.score}"


class Verdict(models.Model):
    """The written decision of one perspective, valid until a date (then: reassess)."""

    class Oordeel(models.TextChoices):
        WERKT_GOED = "werkt_goed", _("Werkt goed")
        WERKT_DEELS = "werkt_deels", _("Werkt voor een deel")
        WERKT_NIET = "werkt_niet", _("Werkt niet")
        ONVOLDOENDE_INFO = "onvoldoende_info", _("Te weinig informatie")

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="verdicts")
    perspectief = models.CharField(max_length=20, choices=Perspectief.choices)
    oordeel = models.CharField(max_length=20, choices=Oordeel.choices)
    bewijsniveau = models.CharField(max_length=30, choices=Bewijsniveau.choices, blank=True)
    motivering_b1 = models.TextField()
    onder_voorbehoud = models.TextField(blank=True)
    geldig_tot = models.DateField()
    besloten_op = models.DateTimeField(default=timezone.now)
    besloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["perspectief"]
        constraints = [models.UniqueConstraint(fields=["round", "perspectief"], name="one_verdict_per_perspective")]

    def __str__(self):
        return f"{self.get_perspectief_display()}: {self.get_oordeel_display()}"

    @property
    def verlopen(self) -> bool:
        return self.geldig_tot < datetime.date.today()


class BestPracticeSet(models.Model):
    """The set of werkende interventies (best practices), per year."""

    naam = models.CharField(max_length=200)
    jaar = models.PositiveSmallIntegerField(unique=True)
    interventions = models.ManyToManyField(Intervention, through="BestPracticeMembership", related_name="sets")

    class Meta:
        ordering = ["-jaar"]

    def __str__(self):
        return f"{self.naam} {self.jaar}"


class BestPracticeMembership(models.Model):
    set = models.ForeignKey(BestPracticeSet, on_delete=models.CASCADE, related_name="memberships")
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="memberships")
    reden = models.TextField()
    sinds = models.DateField(default=datetime.date.today)
    herzien_op = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["intervention__naam"]
        constraints = [models.UniqueConstraint(fields=["set", "intervention"], name="once_per_set")]

    def __str__(self):
        return f"{self.intervention} in {self.set}"
