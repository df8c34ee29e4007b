from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    package = forms.FileField(
        label=_("Release (zip-bestand)"),
        help_text=_("Een zip met datapackage.json, indicators.csv, definitions.csv en OUTPUT_CHECK.md."),
    )
    make_current = forms.BooleanField(label=_("Meteen tonen op het dashboard"), required=False)
    force = forms.BooleanField(
        label=_("Ook tonen als deze release ouder is dan de actuele release"), required=False
    )
