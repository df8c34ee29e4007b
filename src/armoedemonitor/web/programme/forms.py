from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from armoedemonitor.definitions import municipalities

from .fields import DutchNumberField
from .models import (
    Action,
    Category,
    Experiment,
    IndicatorDefinition,
    Insight,
    LearningAgenda,
    LearningQuestion,
    Measurement,
    Node,
    Period,
    Report,
    Session,
)

# The value fields that belong to each kind of indicator.
VALUE_FIELDS = {
    IndicatorDefinition.Soort.AANTAL: ["waarde"],
    IndicatorDefinition.Soort.PERCENTAGE: ["teller", "noemer", "waarde"],
    IndicatorDefinition.Soort.MIJLPAAL: ["mijlpaal_datum"],
    IndicatorDefinition.Soort.KWALITATIEF: ["tekst"],
}
ALL_VALUE_FIELDS = ["waarde", "teller", "noemer", "mijlpaal_datum", "tekst"]


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["period", *ALL_VALUE_FIELDS, "category", "toelichting", "bewijs", "bewijs_url"]
        widgets = {"mijlpaal_datum": DateInput(), "toelichting": forms.Textarea(attrs={"rows": 3}),
                   "tekst": forms.Textarea(attrs={"rows": 3})}
        labels = {"period": _("Periode")}
        field_classes = {"waarde": DutchNumberField, "teller": DutchNumberField, "noemer": DutchNumberField}

    def __init__(self, *args, node_indicator, **kwargs):
        super().__init__(*args, **kwargs)
        soort = node_indicator.definition.soort
        for name in ALL_VALUE_FIELDS:
            if name not in VALUE_FIELDS[soort]:
                del self.fields[name]
        self.fields["period"].queryset = Period.objects.filter(gesloten=False)
        self.fields["period"].empty_label = None
        self.fields["category"].queryset = Category.objects.select_related("dimension")
        self.fields["category"].required = False
        self.fields["category"].empty_label = _("Alles samen")
        self.fields["toelichting"].help_text = _("Wat is er gedaan of gemeten, en hoe?")
        self.fields["bewijs_url"].help_text = _("Een bestand of een link is nodig om in te dienen.")
        if soort == IndicatorDefinition.Soort.PERCENTAGE:
            self.fields["waarde"].help_text = _("Of vul teller en noemer in: dan rekenen we het percentage uit.")
        self.instance.node_indicator = node_indicator

    def clean(self):
        data = super().clean()
        teller, noemer = data.get("teller"), data.get("noemer")
        if data.get("waarde") is None and teller is not None and noemer:
            data["waarde"] = 100 * teller / noemer
            self.instance.waarde = data["waarde"]
        return data


class SendBackForm(forms.Form):
    reactie = forms.CharField(label=_("Wat moet er anders?"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["datum", "soort", "titel", "facilitator", "aantal_deelnemers", "aantal_ervaringsdeskundigen",
                  "organisaties", "nodes", "verslag"]
        widgets = {"datum": DateInput(), "verslag": forms.Textarea(attrs={"rows": 4}),
                   "nodes": forms.CheckboxSelectMultiple,
                   "organisaties": forms.CheckboxSelectMultiple}
        help_texts = {"nodes": _("Over welke doelen of experimenten ging het?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nodes"].queryset = Node.objects.exclude(soort=Node.Soort.AMBITIE).order_by("code")
        self.fields["nodes"].required = False
        self.fields["organisaties"].required = False


InsightFormSet = inlineformset_factory(
    Session, Insight, fields=["kind", "text_b1", "source"], extra=3, can_delete=False,
    widgets={"text_b1": forms.Textarea(attrs={"rows": 2})},
)
ActionFormSet = inlineformset_factory(
    Session, Action, fields=["omschrijving", "eigenaar", "deadline", "voor_jaarplan", "leads_to_node"],
    extra=2, can_delete=False,
    widgets={"omschrijving": forms.Textarea(attrs={"rows": 2}), "deadline": DateInput()},
)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["jaar", "peildatum"]
        widgets = {"peildatum": DateInput()}
        help_texts = {"jaar": _("Het jaar waarin de periode begint (2025 = faseplan 2025-2026).")}


class NodeForm(forms.ModelForm):
    """Edit one element of the goal tree; the model checks the parent/child types."""

    gemeenten = forms.MultipleChoiceField(
        label=_("Gemeenten"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(code, m.naam) for code, m in sorted(municipalities().items(), key=lambda item: item[1].naam)],
    )

    class Meta:
        model = Node
        fields = ["parent", "soort", "code", "titel", "omschrijving_b1", "eigenaar", "trekkers", "werkgroepen",
                  "status", "start", "eind", "gemeenten", "interventions", "volgorde"]
        widgets = {"start": DateInput(), "eind": DateInput(), "omschrijving_b1": forms.Textarea(attrs={"rows": 3}),
                   "werkgroepen": forms.CheckboxSelectMultiple,
                   "interventions": forms.CheckboxSelectMultiple}
        labels = {"werkgroepen": _("Werkgroepen"), "volgorde": _("Volgorde")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Node.objects.exclude(
            soort__in=[Node.Soort.ACTIVITEIT, Node.Soort.EXPERIMENT]).order_by("code")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class ExperimentForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = ["leervraag", "hypothese", "plek", "plek_code", "fase", "betrokken_inwoners",
                  "met_ervaringsdeskundigen", "resultaat_b1"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("leervraag", "hypothese", "resultaat_b1")}


class LearningAgendaForm(forms.ModelForm):
    class Meta:
        model = LearningAgenda
        fields = ["jaar", "halfjaar", "vastgesteld_op"]
        widgets = {"vastgesteld_op": DateInput()}


class LearningQuestionForm(forms.ModelForm):
    class Meta:
        model = LearningQuestion
        fields = ["agenda", "tekst", "status", "nodes"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 2}), "nodes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nodes"].required = False
        self.fields["nodes"].queryset = Node.objects.exclude(soort=Node.Soort.AMBITIE).order_by("code")


class IndicatorDefinitionForm(forms.ModelForm):
    class Meta:
        model = IndicatorDefinition
        fields = ["code", "naam", "uitleg_b1", "technische_definitie", "eenheid", "soort", "richting", "aggregatie",
                  "cumulatief", "bron", "release_indicator", "release_selectie", "verantwoordelijke", "frequentie"]
        widgets = {"uitleg_b1": forms.Textarea(attrs={"rows": 2}),
                   "technische_definitie": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"release_selectie": _('Bijvoorbeeld {"region_level": "gemeente", "region_codes": ["GM0118"]}')}


class IndicatorLinkForm(forms.Form):
    """Attach an indicator to a node with its baseline and one target."""

    definition = forms.ModelChoiceField(IndicatorDefinition.objects.all(), label=_("Indicator"))
    kern_indicator = forms.BooleanField(label=_("Kernindicator"), required=False)
    nulmeting = DutchNumberField(label=_("Nulmeting"), required=False,
                                 help_text=_("Leeg laten als er geen nulmeting is: dan tellen we vanaf 0."))
    nulmeting_datum = forms.DateField(label=_("Datum nulmeting"), widget=DateInput())
    periode = forms.ModelChoiceField(Period.objects.filter(gesloten=False), label=_("Streefwaarde voor periode"),
                                     required=False, empty_label=_("Geen: het is het einddoel"))
    streefwaarde = DutchNumberField(label=_("Streefwaarde"))
    einddatum = forms.DateField(label=_("Einddatum (bij een einddoel)"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if not data.get("periode") and not data.get("einddatum"):
            self.add_error("einddatum", _("Een einddoel heeft een einddatum."))
        return data
