"""Dutch content on pages in another language: what people typed (goal tree, register,
questionnaires) and the adopted yearly report are not translated, so on /en/ pages they
carry lang="nl" and screen readers read them as Dutch (WCAG 2.1 SC 3.1.2). Dutch pages
stay as they are: their <html lang="nl"> already covers it."""

from django import forms, template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def _foreign_page() -> bool:
    return get_language() != "nl"


@register.simple_tag
def lang_nl() -> str:
    """The attribute for an element that holds Dutch content: ` lang="nl"` on /en/ pages."""
    return SafeString(' lang="nl"') if _foreign_page() else ""


@register.filter(needs_autoescape=True)
def dutch(value, autoescape=True):
    """Dutch text inline: wrapped in <span lang="nl"> on /en/ pages, unchanged on Dutch ones."""
    if not _foreign_page() or value in (None, ""):
        return value
    text = conditional_escape(value) if autoescape else mark_safe(value)
    return format_html('<span lang="nl">{}</span>', text)


class DutchOptionsSelect(forms.Select):
    """A select whose option labels are Dutch content (the register's word lists): on /en/
    pages each option carries lang="nl", except the empty one, whose label is interface text."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in (None, "") and _foreign_page():
            option["attrs"] = {**option["attrs"], "lang": "nl"}
        return option
