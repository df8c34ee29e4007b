"""Public dashboard pages served from memory, per release.

Figures change only when a release is imported, so a public page (same path, query and
language) is the same for every anonymous visitor until then. The key holds the current
release's sha256: importing or switching releases makes new keys, old pages are simply
no longer asked for. Each page's CSRF token (the language form) is cut out before
storing and a fresh one is put in for each visitor; pages that use the CSP nonce, set
cookies or were built for a logged-in visitor are never stored.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve

from armoedemonitor.web.releases.models import Release

CACHED_NAMESPACES = {"dashboard"}
MAX_BODY = 5_000_000
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"\x00csrf\x00"


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        cache = caches["pages"]
        stored = cache.get(key)
        if stored is not None:
            return _response(stored, request)
        response = self.get_response(request)
        if _storable(request, response):
            cache.set(key, _stored(response))
        return response

    @staticmethod
    def _key(request) -> str | None:
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if "messages" in request.COOKIES:
            return None
        try:
            if resolve(request.path_info).namespace not in CACHED_NAMESPACES:
                return None
        except Resolver404:
            return None
        sha = Release.objects.filter(is_current=True).values_list("sha256", flat=True).first() or "none"
        what = f"{sha}|{getattr(request, 'LANGUAGE_CODE', '')}|{request.get_full_path()}"
        return "page:" + hashlib.sha256(what.encode()).hexdigest()


def _storable(request, response) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and len(response.content) <= MAX_BODY and not getattr(request, "csp_nonce_used", False))


def _stored(response) -> tuple[int, list[tuple[str, str]], bytes]:
    body = TOKEN.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
    return response.status_code, list(response.items()), body


def _response(stored, request):
    from django.http import HttpResponse

    status, headers, body = stored
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response
