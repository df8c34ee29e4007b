"""Forms in plain Dutch (B1). Labels are short questions; help text says what to fill in."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from armoedemonitor.definitions import municipalities
from armoedemonitor.web.accounts.roles import BEOORDELAAR_ERVARING, BEOORDELAAR_PROFESSIONAL
from armoedemonitor.web.content_language import DutchOptionsSelect

from .models import (
    BestPracticeSet,
    Bewijsniveau,
    Criterion,
    ExternalRecognition,
    Framework,
    Intervention,
    InterventionSite,
    Perspectief,
    Study,
    Theme,
    Verdict,
)


def gemeente_choices():
    return sorted(((code, g.naam) for code, g in municipalities().items()), key=lambda c: c[1])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InterventionForm(forms.ModelForm):
    gemeenten = forms.MultipleChoiceField(
        label=_("Waar wordt het gedaan?"), required=False, choices=gemeente_choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Intervention
        fields = [
            "naam", "slug", "samenvatting_b1", "beschrijving", "aanleiding", "doelen", "aanpak", "duur",
            "intensiteit", "target_groups", "themes", "outcome_domains", "working_elements", "eigenaar",
            "partners", "contact", "handleiding", "handleiding_url", "training", "licentie", "kwalificaties",
            "randvoorwaarden", "kosten_band", "kosten_per_deelnemer_eur", "kosten_toelichting",
            "bewijsniveau", "effectonderzoek_loopt", "status",
        ]
        labels = {
            "naam": _("Naam"), "slug": _("Korte naam voor het webadres"),
            "samenvatting_b1": _("Samenvatting in eenvoudige taal"),
            "target_groups": _("Voor wie is het?"), "themes": _("Thema's en kapitaalsvormen"),
            "outcome_domains": _("Wat moet er beter worden?"), "working_elements": _("Werkzame elementen"),
            "eigenaar": _("Eigenaar"), "partners": _("Partners"), "kosten_band": _("Kosten (1 tot 5)"),
            "kosten_per_deelnemer_eur": _("Kosten per deelnemer in euro"),
            "bewijsniveau": _("Bewijsniveau"), "effectonderzoek_loopt": _("Loopt er een effectonderzoek?"),
            "beschrijving": _("Beschrijving"), "aanleiding": _("Aanleiding"), "doelen": _("Doelen"),
            "aanpak": _("Aanpak"), "duur": _("Duur"), "intensiteit": _("Intensiteit"), "contact": _("Contact"),
            "handleiding": _("Handleiding"), "handleiding_url": _("Handleiding url"), "training": _("Training"),
            "licentie": _("Licentie"), "kwalificaties": _("Kwalificaties"), "randvoorwaarden": _("Randvoorwaarden"),
            "kosten_toelichting": _("Kosten toelichting"),
        }
        widgets = {
            f: forms.CheckboxSelectMultiple
            for f in ("target_groups", "themes", "outcome_domains", "working_elements", "partners")
        }

    def __init__(self, *args, user=None, can_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Mag leeg blijven: dan maken we hem van de naam.")
        if self.instance.pk:
            self.initial["gemeenten"] = self.instance.gemeente_codes()
        if not can_publish:
            # Editors of partner organisations write the text; the programme team decides the
            # evidence level, the status and who owns it (so editors cannot lock themselves out).
            for name in ("bewijsniveau", "status", "eigenaar", "partners"):
                del self.fields[name]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("naam", ""))[:120]
        if not slug:
            raise forms.ValidationError(_("Geef een korte naam met letters of cijfers."))
        if Intervention.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Deze korte naam is al in gebruik. Kies een andere."))
        return slug

    def save(self, commit=True):
        intervention = super().save(commit=commit)
        if commit:
            codes = self.cleaned_data["gemeenten"]
            intervention.sites.exclude(gemeente_code__in=codes).delete()
            for code in codes:
                InterventionSite.objects.get_or_create(intervention=intervention, gemeente_code=code)
        return intervention


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek"), required=False)
    doelgroep = forms.ChoiceField(label=_("Voor wie"), required=False, widget=DutchOptionsSelect)
    thema = forms.ChoiceField(label=_("Thema"), required=False, widget=DutchOptionsSelect)
    bewijsniveau = forms.ChoiceField(label=_("Bewijsniveau"), required=False,
                                     choices=[("", _("Alle"))] + list(Bewijsniveau.choices))
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import TargetGroup

        super().__init__(*args, **kwargs)
        self.fields["doelgroep"].choices = [("", _("Alle"))] + [(g.code, g.naam) for g in TargetGroup.objects.all()]
        self.fields["thema"].choices = [("", _("Alle"))] + [(t.code, t.naam) for t in Theme.objects.all()]
        self.fields["gemeente"].choices = [("", _("Alle"))] + gemeente_choices()


class ImportForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand (.csv of .xlsx)"))


class StartRoundForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Toetsingskader"), queryset=Framework.objects.filter(status=Framework.Status.VASTGESTELD)
    )
    min_professional = forms.IntegerField(label=_("Minimum aantal professionals"), min_value=1, initial=2)
    min_ervaring = forms.IntegerField(label=_("Minimum aantal ervaringsdeskundigen"), min_value=1, initial=2)


class InviteForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Wie nodigt u uit?"), queryset=get_user_model().objects.none())
    perspectief = forms.ChoiceField(label=_("Als"), choices=Perspectief.choices)
    belangen_verklaring = forms.CharField(
        label=_("Belangen (bijvoorbeeld: kent de uitvoerders)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(groups__name__in=[BEOORDELAAR_PROFESSIONAL, BEOORDELAAR_ERVARING])
            .distinct().order_by("username")
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class VerdictForm(forms.ModelForm):
    class Meta:
        model = Verdict
        fields = ["oordeel", "bewijsniveau", "motivering_b1", "onder_voorbehoud", "geldig_tot"]
        labels = {
            "oordeel": _("Oordeel"), "bewijsniveau": _("Bewijsniveau (als dit perspectief het kan zeggen)"),
            "motivering_b1": _("Waarom? Schrijf het in eenvoudige taal"),
            "onder_voorbehoud": _("Voorwaarden of twijfels"), "geldig_tot": _("Geldig tot"),
        }
        widgets = {"geldig_tot": DateInput(), "motivering_b1": forms.Textarea(attrs={"rows": 4}),
                   "onder_voorbehoud": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bewijsniveau"].required = False
        self.fields["bewijsniveau"].choices = [("", _("Geen"))] + list(Bewijsniveau.choices)
        self.fields["geldig_tot"].initial = datetime.date.today() + datetime.timedelta(days=3 * 365)


class BestPracticeForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar van de set"), min_value=2020, max_value=2045,
                              initial=lambda: datetime.date.today().year)
    reden = forms.CharField(label=_("Waarom werkt deze interventie?"), widget=forms.Textarea(attrs={"rows": 3}))
    herzien_op = forms.DateField(label=_("Opnieuw bekijken op"), widget=DateInput(),
                                 initial=lambda: datetime.date.today() + datetime.timedelta(days=2 * 365))

    def set_for_year(self) -> BestPracticeSet:
        return BestPracticeSet.objects.get_or_create(
            jaar=self.cleaned_data["jaar"], defaults={"naam": "Werkende interventies"}
        )[0]


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["naam", "toelichting_b1"]
        labels = {"naam": _("Naam"), "toelichting_b1": _("Uitleg in eenvoudige taal")}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["code", "vraag_b1", "uitleg", "volgorde", "perspectief", "schaal", "verplicht"]
        labels = {"vraag_b1": _("Vraag in eenvoudige taal"), "perspectief": _("Voor wie is de vraag?"),
                  "schaal": _("Antwoorden"), "verplicht": _("Verplicht")}

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = Criterion.objects.filter(framework=self.instance.framework, code=code).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Deze code bestaat al in dit toetsingskader."))
        return code


# The labels stay lazy (translated per request). django-stubs types the factories' labels
# as dict[str, str], but Django hands each one to formfield(label=...), which the same stubs
# type as str or lazy string; hence the narrow ignores (warn_unused_ignores flags them once
# the stubs are fixed).
StudyFormSet = forms.inlineformset_factory(
    Intervention, Study, extra=1, can_delete=True,
    fields=["titel", "jaar", "ontwerp", "n", "follow_up_maanden", "outcome_domain", "richting", "onafhankelijk", "url"],
    labels={"titel": _("Titel van het onderzoek"), "n": _("Aantal deelnemers"),  # type: ignore[dict-item]
            "follow_up_maanden": _("Gevolgd (maanden)"), "outcome_domain": _("Uitkomst"),  # type: ignore[dict-item]
            "jaar": _("Jaar"), "ontwerp": _("Ontwerp"), "richting": _("Richting"),  # type: ignore[dict-item]
            "onafhankelijk": _("Onafhankelijk"), "url": _("Url")},  # type: ignore[dict-item]
)
RecognitionFormSet = forms.inlineformset_factory(
    Intervention, ExternalRecognition, extra=1, can_delete=True, fields=["bron", "niveau", "datum", "url"],
    labels={"bron": _("Erkend door"), "niveau": _("Niveau"), "datum": _("Datum"),  # type: ignore[dict-item]
            "url": _("Url")},  # type: ignore[dict-item]
    widgets={"datum": DateInput()},
)
