"""The programme monitor: goal tree, indicators with targets and measurements, lerend
evalueren and the yearly report (docs/spec/web-model.md 4.3-4.6).

Progress and status are derived in ``services.progress``; nothing derived is stored,
except in a report's frozen snapshot.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from armoedemonitor.definitions import municipalities


class Werkgroep(models.Model):
    """A thematic working group with its kartrekker (faseplan chapter 5)."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    kartrekker = models.CharField(_("kartrekker"), max_length=200, blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")

    def __str__(self):
        return self.naam


class Node(models.Model):
    """One element of the goal tree, kept as an adjacency list (the tree is small)."""

    class Soort(models.TextChoices):
        AMBITIE = "ambitie", _("Ambitie")
        STRATEGISCH_DOEL = "strategisch_doel", _("Strategisch doel")
        OPERATIONEEL_DOEL = "operationeel_doel", _("Operationeel doel")
        INSPANNING = "inspanning", _("Inspanning")
        ACTIVITEIT = "activiteit", _("Activiteit")
        EXPERIMENT = "experiment", _("Experiment")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        LOPEND = "lopend", _("Loopt")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")
        GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")

    # Which child types each type may have: ambitie -> strategische doelen ->
    # operationele doelen -> inspanningen -> activiteiten/experimenten.
    ALLOWED_CHILDREN = {
        Soort.AMBITIE: {Soort.STRATEGISCH_DOEL},
        Soort.STRATEGISCH_DOEL: {Soort.OPERATIONEEL_DOEL},
        Soort.OPERATIONEEL_DOEL: {Soort.INSPANNING},
        Soort.INSPANNING: {Soort.ACTIVITEIT, Soort.EXPERIMENT},
        Soort.ACTIVITEIT: set(),
        Soort.EXPERIMENT: set(),
    }

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("hoort bij"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    code = models.CharField(_("code"), max_length=20, unique=True)
    titel = models.CharField(_("titel"), max_length=300)
    omschrijving_b1 = models.TextField(_("omschrijving"), blank=True)
    eigenaar = models.CharField(_("eigenaar"), max_length=200, blank=True)
    trekkers = models.CharField(_("trekkers"), max_length=300, blank=True)
    werkgroepen = models.ManyToManyField(Werkgroep, blank=True, related_name="nodes")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND)
    start = models.DateField(_("start"), null=True, blank=True)
    eind = models.DateField(_("eind"), null=True, blank=True)
    prioriteitsjaren = models.JSONField(_("jaren in het jaarplan"), default=list, blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gemeenten = models.JSONField(_("gemeenten (CBS-codes)"), default=list, blank=True)
    interventions = models.ManyToManyField(
        "interventions.Intervention", blank=True, related_name="programme_nodes",
        verbose_name=_("interventies"),
    )
    history = HistoricalRecords(m2m_fields=[werkgroepen])

    class Meta:
        ordering = ["volgorde", "code"]
        verbose_name = _("onderdeel van de doelenboom")
        verbose_name_plural = _("doelenboom")

    def __str__(self):
        return f"{self.code} {self.titel}"

    def clean(self):
        if self.soort == self.Soort.AMBITIE:
            if self.parent_id is not None:
                raise ValidationError({"parent": _("Een ambitie staat bovenaan en hoort nergens bij.")})
            return
        if self.parent is None:
            raise ValidationError({"parent": _("Kies waar dit onderdeel bij hoort.")})
        if self.soort not in self.ALLOWED_CHILDREN[self.parent.soort]:
            raise ValidationError({"parent": _("Een %(kind)s kan niet onder een %(ouder)s staan.") % {
                "kind": self.get_soort_display().lower(), "ouder": self.parent.get_soort_display().lower()}})
        unknown = sorted(set(self.gemeenten) - set(municipalities()))
        if unknown:
            raise ValidationError(
                {"gemeenten": _("Onbekende gemeentecodes: %(codes)s") % {"codes": ", ".join(unknown)}}
            )

    def save(self, *args, **kwargs):
        self.full_clean(exclude=["interventions", "werkgroepen"])
        super().save(*args, **kwargs)

    def ancestors(self):
        node, chain = self.parent, []
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def strategic_goal(self):
        for node in [*self.ancestors(), self]:
            if node.soort == self.Soort.STRATEGISCH_DOEL:
                return node
        return None


class Experiment(models.Model):
    """Details of an experiment in a village, neighbourhood or wijk."""

    node = models.OneToOneField(Node, on_delete=models.CASCADE, related_name="experiment")
    leervraag = models.TextField(_("leervraag"), blank=True)
    hypothese = models.TextField(_("wat we verwachten"), blank=True)
    plek = models.CharField(_("plek (dorp, wijk of buurt)"), max_length=200, blank=True)
    plek_code = models.CharField(_("code van de plek"), max_length=20, blank=True)
    fase = models.CharField(_("fase"), max_length=100, blank=True)
    betrokken_inwoners = models.PositiveIntegerField(_("betrokken inwoners"), null=True, blank=True)
    met_ervaringsdeskundigen = models.BooleanField(_("met ervaringsdeskundigen"), default=True)
    resultaat_b1 = models.TextField(_("resultaat"), blank=True)
    history = HistoricalRecords()

    def clean(self):
        if self.node_id and self.node.soort != Node.Soort.EXPERIMENT:
            raise ValidationError(_("Alleen een experiment heeft experimentgegevens."))


class AnnualPlan(models.Model):
    """The jaarplan: which nodes have priority in a year."""

    jaar = models.PositiveIntegerField(_("jaar"), unique=True)
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    nodes = models.ManyToManyField(Node, through="PlanItem", related_name="plans")
    history = HistoricalRecords()

    def __str__(self):
        return f"Jaarplan {self.jaar}"


class PlanItem(models.Model):
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="items")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="plan_items")
    prioriteit = models.PositiveIntegerField(_("prioriteit"), default=1)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        unique_together = [("plan", "node")]
        ordering = ["prioriteit"]


class DisaggregationDimension(models.Model):
    """A way to split measurements: gemeente, doelgroep, organisatie."""

    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=100)

    def __str__(self):
        return self.naam


class Category(models.Model):
    dimension = models.ForeignKey(DisaggregationDimension, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(max_length=40)
    naam = models.CharField(max_length=200)

    class Meta:
        unique_together = [("dimension", "code")]
        ordering = ["dimension", "naam"]
        verbose_name_plural = "categories"

    def __str__(self):
        return f"{self.dimension.naam}: {self.naam}"


class IndicatorDefinition(models.Model):
    class Soort(models.TextChoices):
        AANTAL = "aantal", _("Aantal")
        PERCENTAGE = "percentage", _("Percentage")
        KWALITATIEF = "kwalitatief", _("Beschrijving")
        MIJLPAAL = "mijlpaal", _("Mijlpaal")

    class Richting(models.TextChoices):
        HOGER_BETER = "hoger_beter", _("Hoger is beter")
        LAGER_BETER = "lager_beter", _("Lager is beter")
        NVT = "nvt", _("Niet van toepassing")

    class Aggregatie(models.TextChoices):
        SOM = "som", _("Optellen")
        LAATSTE = "laatste", _("Laatste waarde")
        GEMIDDELDE = "gemiddelde", _("Gemiddelde")
        RATIO_VAN_SOMMEN = "ratio_van_sommen", _("Teller en noemer optellen")

    class Bron(models.TextChoices):
        HANDMATIG = "handmatig", _("Ingevoerd door het programma")
        RELEASE = "release", _("Cijfers van de armoedemonitor")

    class Frequentie(models.TextChoices):
        JAAR = "jaar", _("Per jaar")
        HALFJAAR = "halfjaar", _("Per half jaar")
        KWARTAAL = "kwartaal", _("Per kwartaal")
        EENMALIG = "eenmalig", _("Eenmalig")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    uitleg_b1 = models.TextField(_("uitleg"), blank=True)
    technische_definitie = models.TextField(_("technische definitie"), blank=True)
    eenheid = models.CharField(_("eenheid"), max_length=50, blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    richting = models.CharField(_("richting"), max_length=20, choices=Richting.choices, default=Richting.HOGER_BETER)
    aggregatie = models.CharField(_("optellen"), max_length=20, choices=Aggregatie.choices, default=Aggregatie.SOM)
    cumulatief = models.BooleanField(_("telt op over perioden"), default=False)
    bron = models.CharField(_("bron"), max_length=20, choices=Bron.choices, default=Bron.HANDMATIG)
    release_indicator = models.CharField(_("indicator in de release"), max_length=80, blank=True)
    release_selectie = models.JSONField(_("selectie in de release"), default=dict, blank=True)
    verantwoordelijke = models.CharField(_("verantwoordelijke"), max_length=200, blank=True)
    frequentie = models.CharField(_("frequentie"), max_length=20, choices=Frequentie.choices, default=Frequentie.JAAR)
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.naam

    def clean(self):
        if self.bron == self.Bron.RELEASE and not self.release_indicator:
            raise ValidationError({"release_indicator": _("Kies de indicator uit de release.")})
        if self.pk:
            before = IndicatorDefinition.objects.get(pk=self.pk)
            if before.cumulatief != self.cumulatief and Measurement.objects.filter(
                node_indicator__definition=self
            ).exists():
                raise ValidationError({"cumulatief": _("Dit kan niet meer veranderen: er zijn al metingen.")})

    def save(self, *args, **kwargs):
        self.full_clean()
        super().save(*args, **kwargs)


class NodeIndicator(models.Model):
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="indicators")
    definition = models.ForeignKey(IndicatorDefinition, on_delete=models.PROTECT, related_name="uses")
    volgorde = models.PositiveIntegerField(default=0)
    kern_indicator = models.BooleanField(_("kernindicator"), default=False)

    class Meta:
        unique_together = [("node", "definition")]
        ordering = ["volgorde", "pk"]

    def __str__(self):
        return f"{self.definition.naam} ({self.node.code})"


class Baseline(models.Model):
    """The nulmeting; ``geen_nulmeting`` says there is none (then progress counts from 0)."""

    node_indicator = models.OneToOneField(NodeIndicator, on_delete=models.CASCADE, related_name="baseline")
    waarde = models.FloatField(null=True, blank=True)
    teller = models.FloatField(null=True, blank=True)
    noemer = models.FloatField(null=True, blank=True)
    datum = models.DateField()
    bron = models.CharField(max_length=200, blank=True)
    toelichting = models.TextField(blank=True)
    geen_nulmeting = models.BooleanField(default=False)
    history = HistoricalRecords()


class Period(models.Model):
    class Soort(models.TextChoices):
        JAAR = "jaar", _("Jaar")
        HALFJAAR = "halfjaar", _("Half jaar")

    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.JAAR)
    naam = models.CharField(max_length=50, unique=True)
    start = models.DateField()
    eind = models.DateField()
    gesloten = models.BooleanField(_("gesloten"), default=False)
    gesloten_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start"]
        verbose_name = _("periode")
        verbose_name_plural = _("perioden")

    def __str__(self):
        return self.naam

    def clean(self):
        if self.eind < self.start:
            raise ValidationError({"eind": _("Het einde ligt voor het begin.")})


class Target(models.Model):
    """A target for one period, or the end target (``eind``) of the indicator."""

    node_indicator = models.ForeignKey(NodeIndicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.PROTECT, related_name="targets")
    eind = models.BooleanField(_("einddoel"), default=False)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    waarde = models.FloatField(_("streefwaarde"))
    toelichting = models.TextField(blank=True)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT)
    history = HistoricalRecords()

    def clean(self):
        if self.eind == (self.period_id is not None):
            raise ValidationError(_("Een streefwaarde hoort bij een periode of is het einddoel, niet allebei."))
        if self.eind and self.einddatum is None:
            raise ValidationError({"einddatum": _("Een einddoel heeft een einddatum.")})


class Measurement(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        INGEDIEND = "ingediend", _("Ingediend")
        TERUG = "terug", _("Teruggestuurd")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")

    node_indicator = models.ForeignKey(NodeIndicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="measurements")
    waarde = models.FloatField(_("waarde"), null=True, blank=True)
    teller = models.FloatField(_("teller"), null=True, blank=True)
    noemer = models.FloatField(_("noemer"), null=True, blank=True)
    tekst = models.TextField(_("beschrijving"), blank=True)
    mijlpaal_datum = models.DateField(_("mijlpaal bereikt op"), null=True, blank=True)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT,
                                 verbose_name=_("voor wie of waar"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    toelichting = models.TextField(_("toelichting"))
    bewijs = models.FileField(_("bewijs (bestand)"), upload_to="programme/bewijs/", blank=True)
    bewijs_url = models.URLField(_("bewijs (link)"), blank=True)
    reactie = models.TextField(_("reactie van het programmateam"), blank=True)
    ingevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+")
    goedgekeurd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period__start", "aangemaakt"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")

    def __str__(self):
        return f"{self.node_indicator} · {self.period}"

    def save(self, *args, **kwargs):
        # A closed period is part of an adopted report: nothing in it may change.
        if Period.objects.filter(pk=self.period_id, gesloten=True).exists():
            raise ValidationError(_("Periode %(p)s is gesloten: metingen kunnen niet meer veranderen.")
                                  % {"p": self.period})
        super().save(*args, **kwargs)


class Session(models.Model):
    """A lerend-evalueren session (or transitietafel, leerbijeenkomst, ...)."""

    class Soort(models.TextChoices):
        LEREND_EVALUEREN = "lerend_evalueren", _("Lerend evalueren")
        TRANSITIETAFEL = "transitietafel", _("Transitietafel")
        LEERBIJEENKOMST = "leerbijeenkomst", _("Leerbijeenkomst")
        EILAND_VAN_REFLECTIE = "eiland_van_reflectie", _("Eiland van reflectie")
        CONGRES = "congres", _("Congres")
        ANDERS = "anders", _("Anders")

    datum = models.DateField(_("datum"))
    soort = models.CharField(_("soort bijeenkomst"), max_length=30, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=300)
    facilitator = models.CharField(_("begeleider"), max_length=200, blank=True)
    aantal_deelnemers = models.PositiveIntegerField(_("aantal deelnemers"))
    aantal_ervaringsdeskundigen = models.PositiveIntegerField(_("waarvan ervaringsdeskundigen"))
    organisaties = models.ManyToManyField("interventions.Organisation", blank=True, related_name="sessions",
                                          verbose_name=_("organisaties"))
    nodes = models.ManyToManyField(Node, blank=True, related_name="sessions", verbose_name=_("over"))
    interventions = models.ManyToManyField("interventions.Intervention", blank=True, related_name="sessions")
    verslag = models.TextField(_("verslag"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-datum"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.titel}"

    def clean(self):
        if (self.aantal_ervaringsdeskundigen or 0) > (self.aantal_deelnemers or 0):
            raise ValidationError({"aantal_ervaringsdeskundigen": _(
                "Er kunnen niet meer ervaringsdeskundigen zijn dan deelnemers.")})


class Insight(models.Model):
    """What a learning session taught (lerend evalueren); fields in English, values Dutch."""

    class Kind(models.TextChoices):
        WERKT = "werkt", _("Dit werkt")
        WERKT_NIET = "werkt_niet", _("Dit werkt niet")
        WAAROM = "waarom", _("Waarom")
        BARRIERE = "barriere", _("Drempel")
        KANS = "kans", _("Kans")
        VRAAG = "vraag", _("Vraag")

    class Source(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
        ONDERZOEK = "onderzoek", _("Onderzoek")
        GEMENGD = "gemengd", _("Samen")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="insights")
    kind = models.CharField(_("soort inzicht"), max_length=20, choices=Kind.choices)
    text_b1 = models.TextField(_("inzicht"))
    nodes = models.ManyToManyField(Node, blank=True, related_name="insights")
    source = models.CharField(_("van wie"), max_length=30, choices=Source.choices, default=Source.GEMENGD)
    history = HistoricalRecords()

    def __str__(self):
        return self.text_b1[:60]


class Action(models.Model):
    """What we change: an action with an owner that feeds next year's plan."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        VERVALLEN = "vervallen", _("Vervallen")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="actions")
    insight = models.ForeignKey(Insight, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    omschrijving = models.TextField(_("actie"))
    eigenaar = models.CharField(_("eigenaar"), max_length=200)
    deadline = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    resultaat = models.TextField(_("resultaat"), blank=True)
    voor_jaarplan = models.PositiveIntegerField(_("voor jaarplan"), null=True, blank=True)
    leads_to_node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="from_actions", verbose_name=_("leidt tot"))
    history = HistoricalRecords()

    def __str__(self):
        return self.omschrijving[:60]


class LearningAgenda(models.Model):
    """The dynamic learning agenda (two a year, per the faseplan)."""

    jaar = models.PositiveIntegerField()
    halfjaar = models.PositiveSmallIntegerField(choices=[(1, "1"), (2, "2")])
    vastgesteld_op = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        unique_together = [("jaar", "halfjaar")]
        ordering = ["jaar", "halfjaar"]

    def __str__(self):
        return f"Leeragenda {self.jaar}-{self.halfjaar}"


class LearningQuestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BEZIG = "bezig", _("We zoeken het uit")
        BEANTWOORD = "beantwoord", _("Beantwoord")

    agenda = models.ForeignKey(LearningAgenda, on_delete=models.CASCADE, related_name="vragen")
    tekst = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    nodes = models.ManyToManyField(Node, blank=True, related_name="learning_questions")
    insights = models.ManyToManyField(Insight, blank=True, related_name="questions")
    history = HistoricalRecords()


class Story(models.Model):
    """A story from practice; only shown with recorded consent (toestemming + datum)."""

    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("verhaal"))
    toestemming = models.BooleanField(_("toestemming gegeven"), default=False)
    toestemming_datum = models.DateField(_("datum toestemming"), null=True, blank=True)
    anoniem = models.BooleanField(_("anoniem"), default=True)
    nodes = models.ManyToManyField(Node, blank=True, related_name="stories")
    interventions = models.ManyToManyField("interventions.Intervention", blank=True, related_name="stories")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")

    def __str__(self):
        return self.titel

    def clean(self):
        if self.toestemming and self.toestemming_datum is None:
            raise ValidationError({"toestemming_datum": _("Noteer wanneer de toestemming is gegeven.")})


class Report(models.Model):
    """A yearly report. Once vastgesteld its snapshot, HTML and PDF never change;
    a correction is a new version (a new row)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")

    jaar = models.PositiveIntegerField(_("jaar"))
    peildatum = models.DateField(_("peildatum"))
    versie = models.PositiveIntegerField(_("versie"), default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    snapshot = models.JSONField(default=dict)
    html = models.TextField(blank=True)
    pdf = models.BinaryField(blank=True, default=b"")
    vastgesteld_op = models.DateTimeField(null=True, blank=True)
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        unique_together = [("jaar", "versie")]
        ordering = ["-jaar", "-versie"]
        verbose_name = _("jaarrapportage")
        verbose_name_plural = _("jaarrapportages")

    def __str__(self):
        return f"Jaarrapportage {self.jaar} versie {self.versie}"

    def save(self, *args, **kwargs):
        if self.pk and Report.objects.filter(pk=self.pk, status=self.Status.VASTGESTELD).exists():
            raise ValidationError(_("Deze rapportage is vastgesteld en verandert niet meer. "
                                    "Maak een nieuwe versie."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == self.Status.VASTGESTELD:
            raise ValidationError(_("Een vastgestelde rapportage kan niet weg."))
        return super().delete(*args, **kwargs)
