"""A Content-Security-Policy on every response (Django 5.2 has none built in).

Scripts and styles come from this site only; the few inline ``<style>`` blocks carry the
per-request nonce (``{{ csp_nonce }}`` in templates). A value that slips past escaping
still cannot run: inline event handlers and injected scripts are refused by the browser.
"""

from __future__ import annotations

import secrets

POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY.format(nonce=request.csp_nonce))
        return response


class _Nonce:
    """The nonce, noting on the request that the page uses it (such a page is not
    cached: its nonce must match the header of its own response)."""

    def __init__(self, request):
        self.request = request

    def __str__(self) -> str:
        self.request.csp_nonce_used = True
        return getattr(self.request, "csp_nonce", "")


def nonce(request) -> dict[str, object]:
    """Template context: ``csp_nonce`` for an inline ``<style nonce=…>``."""
    return {"csp_nonce": _Nonce(request)}
