"""Forms of the team pages: a wave, population margins, a file to upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from armoedemonitor.definitions import municipalities

from .models import Margin, Wave


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _municipality_choices() -> list[tuple[str, str]]:
    """Municipalities by name, for a choice list."""
    return sorted(((code, m.naam) for code, m in municipalities().items()), key=lambda choice: choice[1])


class WaveForm(forms.ModelForm):
    gemeenten = forms.MultipleChoiceField(
        label=_("Gemeenten"), widget=forms.CheckboxSelectMultiple,
        choices=_municipality_choices)

    class Meta:
        model = Wave
        fields = ["naam", "questionnaire", "start", "eind", "gemeenten", "doelgroep", "soort", "streef_aantal",
                  "privacy_tekst", "bewaren_tot"]
        widgets = {"start": DateInput(), "eind": DateInput(), "bewaren_tot": DateInput(),
                   "privacy_tekst": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "privacy_tekst": _("Wat we bewaren, waarom en hoe lang. Mensen lezen dit voor ze beginnen."),
            "bewaren_tot": _("Daarna verwijderen we de losse antwoorden; de cijfers blijven."),
        }


class UploadForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand"))


class CodesForm(forms.Form):
    aantal = forms.IntegerField(label=_("Aantal codes"), min_value=1, max_value=5000, initial=50)
    gemeente = forms.ChoiceField(label=_("Gemeente (als die al bekend is)"), required=False,
                                 choices=lambda: [("", _("Niet bekend")), *_municipality_choices()])


class MarginsForm(forms.Form):
    """One line per category: ``dimensie;categorie;aantal``."""

    regels = forms.CharField(
        label=_("Bevolkingsaantallen"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Eén regel per groep: soort;groep;aantal. Bijvoorbeeld: geslacht;vrouw;5120. "
                    "Soorten: leeftijdsgroep, geslacht, gemeente (gebruik de namen uit de vragenlijst)."))
    bron = forms.CharField(label=_("Bron van de aantallen"), max_length=200)

    def clean_regels(self):
        parsed, problems = [], []
        dimensions = {value for value, _label in Margin.Dimensie.choices}
        for number, line in enumerate(self.cleaned_data["regels"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3 or parts[0] not in dimensions or not parts[2].isdigit():
                problems.append(_("regel %(n)s: '%(line)s' is niet soort;groep;aantal") % {"n": number, "line": line})
                continue
            parsed.append((parts[0], parts[1], int(parts[2])))
        if problems:
            raise forms.ValidationError(problems)
        if not parsed:
            raise forms.ValidationError(_("Vul minstens één regel in."))
        return parsed
