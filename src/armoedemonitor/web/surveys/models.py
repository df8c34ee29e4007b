"""Experience surveys (ervaringen): questionnaires from XLSForm, waves that collect
answers (web form, interviewer, file import), and the figures a closed wave publishes.

Answers are stored without names: a response holds the answers, the area and group the
respondent gave, how it was collected and, for an interview, who entered it. Figures of a
closed wave are stored (``Figure``), so they stay when the raw answers are deleted at the
wave's retention date.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from armoedemonitor.definitions import municipalities

# Codes on a letter are read and typed by people: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class Questionnaire(models.Model):
    """A questionnaire as imported from an XLSForm; ``definition`` is the parsed form."""

    titel = models.CharField(_("titel"), max_length=200)
    form_id = models.CharField(_("formulier-id"), max_length=100)
    versie = models.CharField(_("versie"), max_length=50, blank=True)
    bestand = models.CharField(_("bestand"), max_length=200)
    definition = models.JSONField()
    ingelezen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ingelezen_op"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")

    def __str__(self):
        return f"{self.titel} {self.versie}".strip()

    @property
    def questions(self) -> list[dict]:
        return self.definition["questions"]

    def question(self, name: str) -> dict | None:
        return next((q for q in self.questions if q["name"] == name), None)


class Wave(models.Model):
    """One round of asking: a period, an area (gemeenten), a target group, a sample
    (invitation codes) or open to anyone with the link."""

    class Soort(models.TextChoices):
        STEEKPROEF = "steekproef", _("Steekproef (met uitnodigingscodes)")
        OPEN = "open", _("Open (iedereen met de link)")

    class Status(models.TextChoices):
        OPEN = "open", _("Loopt")
        GESLOTEN = "gesloten", _("Gesloten")

    naam = models.CharField(_("naam"), max_length=200)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="waves",
                                      verbose_name=_("vragenlijst"))
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"))
    gemeenten = models.JSONField(_("gemeenten (CBS-codes)"), default=list)
    doelgroep = models.CharField(_("doelgroep"), max_length=200, blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.STEEKPROEF)
    streef_aantal = models.PositiveIntegerField(_("gewenst aantal antwoorden"), default=100)
    privacy_tekst = models.TextField(_("privacytekst"))
    bewaren_tot = models.DateField(_("antwoorden bewaren tot"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    gesloten_op = models.DateTimeField(null=True, blank=True)
    ruwe_antwoorden_verwijderd_op = models.DateTimeField(null=True, blank=True)
    weging = models.JSONField(default=dict, blank=True)  # how the closed wave was weighted, for the record

    class Meta:
        ordering = ["-start", "naam"]
        verbose_name = _("meting (ronde)")
        verbose_name_plural = _("metingen (rondes)")

    def __str__(self):
        return self.naam

    def clean(self):
        if self.eind and self.start and self.eind < self.start:
            raise ValidationError({"eind": _("Het einde ligt voor het begin.")})
        if self.bewaren_tot and self.eind and self.bewaren_tot < self.eind:
            raise ValidationError({"bewaren_tot": _("Bewaar de antwoorden minstens tot het einde van de ronde.")})
        unknown = sorted(set(self.gemeenten) - set(municipalities()))
        if unknown:
            raise ValidationError(
                {"gemeenten": _("Onbekende gemeentecodes: %(codes)s") % {"codes": ", ".join(unknown)}}
            )

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Invitation(models.Model):
    """A code for one respondent. Area and group may come from the sample frame; the
    code is not linked to a name anywhere in this system."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    gemeente = models.CharField(max_length=10, blank=True)
    wijk = models.CharField(max_length=12, blank=True)
    gebruikt_op = models.DateTimeField(null=True, blank=True)


class Response(models.Model):
    class Kanaal(models.TextChoices):
        WEB = "web", _("Zelf ingevuld op internet")
        INTERVIEWER = "interviewer", _("Samen met een interviewer")
        IMPORT = "import", _("Uit een bestand")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    kanaal = models.CharField(max_length=20, choices=Kanaal.choices)
    ingevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    bron_bestand = models.CharField(max_length=200, blank=True)
    extern_id = models.CharField(max_length=100, blank=True)
    gemeente = models.CharField(max_length=10, blank=True)
    wijk = models.CharField(max_length=12, blank=True)
    leeftijdsgroep = models.CharField(max_length=20, blank=True)
    geslacht = models.CharField(max_length=20, blank=True)
    doelgroep = models.CharField(max_length=40, blank=True)
    answers = models.JSONField(default=dict)
    toestemming_op = models.DateTimeField(default=timezone.now)
    ontvangen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "extern_id"], condition=~models.Q(extern_id=""),
                                               name="one_import_per_external_id")]


class Margin(models.Model):
    """A population count used for weighting: dimension (leeftijdsgroep, geslacht,
    gemeente), category (a choice name of the questionnaire) and count."""

    class Dimensie(models.TextChoices):
        LEEFTIJDSGROEP = "leeftijdsgroep", _("Leeftijdsgroep")
        GESLACHT = "geslacht", _("Geslacht")
        GEMEENTE = "gemeente", _("Gemeente")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="margins")
    dimensie = models.CharField(max_length=20, choices=Dimensie.choices)
    categorie = models.CharField(max_length=40)
    aantal = models.PositiveIntegerField()
    bron = models.CharField(max_length=200)

    class Meta:
        unique_together = [("wave", "dimensie", "categorie")]
        ordering = ["dimensie", "categorie"]


class Figure(models.Model):
    """A published figure of a closed wave: one question, one area, one group."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="figures")
    vraag = models.CharField(max_length=100)
    soort = models.CharField(max_length=20)  # aandeel | gemiddelde
    gebiedsniveau = models.CharField(max_length=20)  # totaal | regioset | gemeente | wijk
    gebiedscode = models.CharField(max_length=40)
    groep = models.CharField(max_length=40)  # "" = everyone
    n = models.PositiveIntegerField(null=True)  # unweighted respondents; null when not published
    waarde = models.FloatField(null=True)
    ondergrens = models.FloatField(null=True)
    bovengrens = models.FloatField(null=True)
    status = models.CharField(max_length=20)  # ok | primair | secundair

    class Meta:
        unique_together = [("wave", "vraag", "gebiedsniveau", "gebiedscode", "groep")]
        ordering = ["vraag", "gebiedsniveau", "gebiedscode", "groep"]


class IndicatorLink(models.Model):
    """A goal-tree indicator that takes its value from a question: the latest closed wave
    of the questionnaire (by title) that asked it, for everyone in the wave's area."""

    definition = models.OneToOneField("programme.IndicatorDefinition", on_delete=models.CASCADE,
                                      related_name="survey_link")
    vragenlijst = models.CharField(_("vragenlijst (formulier-id)"), max_length=100)
    vraag = models.CharField(_("vraag"), max_length=100)

    def __str__(self):
        return f"{self.vragenlijst}: {self.vraag}"
