from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from armoedemonitor.definitions import municipalities
from armoedemonitor.web.programme.models import IndicatorDefinition
from armoedemonitor.web.releases.models import Definition, IndicatorValue, Release

from .models import GoalIndicatorLink, Scheme
from .numbers import NotACount, parse_count
from .upload import check_area, check_year

SEPARATOR = "|"


def target_group_choices() -> list[tuple[str, str]]:
    """Every indicator and category of the current release (value 'indicator|breakdown|category')."""
    release = Release.current()
    if release is None:
        return []
    names = dict(Definition.objects.filter(release=release).values_list("indicator", "naam"))
    cells = (IndicatorValue.objects.filter(release=release).values_list("indicator", "breakdown", "category")
             .distinct().order_by("indicator", "breakdown", "category"))
    return [(SEPARATOR.join(cell), names.get(cell[0], cell[0]) + (f" — {cell[2]}" if cell[2] else ""))
            for cell in cells]


class SchemeForm(forms.ModelForm):
    gemeenten = forms.MultipleChoiceField(label=_("Gemeenten"), widget=forms.CheckboxSelectMultiple)
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        help_text=_("Het cijfer uit de monitor dat de doelgroep telt, bijvoorbeeld huishoudens met een laag inkomen."))

    class Meta:
        model = Scheme
        fields = ["naam", "gemeenten", "doelgroep", "doelgroep_omschrijving", "voorwaarden"]

    def __init__(self, *args, allowed: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        names = municipalities()
        gemeenten: list[tuple[str, str]] = sorted(((c, names[c].naam) for c in allowed if c in names),
                                                  key=lambda c: c[1])
        cast(forms.ChoiceField, self.fields["gemeenten"]).choices = gemeenten
        cast(forms.ChoiceField, self.fields["doelgroep"]).choices = [("", "—")] + target_group_choices()
        if self.instance.pk:
            self.initial["doelgroep"] = SEPARATOR.join((self.instance.doelgroep_indicator,
                                                        self.instance.doelgroep_breakdown,
                                                        self.instance.doelgroep_categorie))

    def save(self, commit=True):
        indicator, breakdown, category = self.cleaned_data["doelgroep"].split(SEPARATOR)
        self.instance.doelgroep_indicator = indicator
        self.instance.doelgroep_breakdown = breakdown
        self.instance.doelgroep_categorie = category
        return super().save(commit)


class CountForm(forms.Form):
    """One count typed in: numbers as people write them ('1.234'), counts whole."""

    jaar = forms.CharField(label=_("Jaar"), max_length=10)
    gebied = forms.CharField(label=_("Gebied (CBS-code)"), max_length=12,
                             help_text=_("Bijvoorbeeld GM0114 voor de gemeente, of een wijkcode WK011401."))
    ontvangers = forms.CharField(label=_("Aantal ontvangers"), max_length=20,
                                 help_text=_("Een heel getal, bijvoorbeeld 1.250."))

    def __init__(self, *args, scheme: Scheme, allowed: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme, self.allowed = scheme, allowed

    def _checked(self, name, check):
        try:
            return check(self.cleaned_data[name])
        except NotACount as error:
            raise forms.ValidationError(str(error)) from None

    def clean_jaar(self):
        return self._checked("jaar", check_year)

    def clean_gebied(self):
        return self._checked("gebied", lambda v: check_area(v, self.scheme, self.allowed))

    def clean_ontvangers(self):
        return self._checked("ontvangers", parse_count)


class UploadForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand (CSV of Excel)"),
                              help_text=_("Kolommen: jaar, gebied, ontvangers. Eén regel per jaar en gebied."))


class GoalLinkForm(forms.ModelForm):
    class Meta:
        model = GoalIndicatorLink
        fields = ["definition", "gebied"]

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["definition"]).queryset = IndicatorDefinition.objects.filter(
            bron=IndicatorDefinition.Bron.HANDMATIG, regeling_koppeling__isnull=True)
        self.fields["definition"].label = _("Indicator in de doelenboom")
        names = municipalities()
        self.fields["gebied"] = forms.ChoiceField(
            label=_("Gemeente"), choices=[(c, names[c].naam if c in names else c) for c in scheme.gemeenten])
