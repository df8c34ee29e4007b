"""HTML to PDF with WeasyPrint, fetching nothing but this project's own static files.

WeasyPrint follows every URL in the document: ``<img src>``, stylesheets and
``<a rel=attachment>``, which embeds the named file in the PDF. A user value that slips
into the HTML could otherwise attach /etc/passwd or the worker's environment. Refused
resources are skipped; the PDF is still made.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


def _static_roots() -> list[Path]:
    from django.apps import apps
    from django.conf import settings

    roots = [Path(d) for d in settings.STATICFILES_DIRS] + [Path(settings.STATIC_ROOT)]
    roots += [Path(app.path) / "static" for app in apps.get_app_configs()]
    return [root.resolve() for root in roots if root.is_dir()]


class StaticOnlyFetcher(URLFetcher):
    """Allows ``file:`` URLs inside the static folders (after resolving links); nothing else."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in _static_roots()):
                return super().fetch(path.as_uri(), headers)
        raise ValueError(f"Not fetched (only the project's static files): {url}")


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """A tagged PDF/UA-1 document (language, title, structure), so screen readers can follow it."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher()).write_pdf(
        pdf_variant="pdf/ua-1")
