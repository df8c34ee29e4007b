"""Figures of a release, computed once per process.

A release never changes after import, so anything computed from it can be kept under
the release's sha256 (and the reader's language, as names are translated). A new
release has a new sha256: nothing needs to be invalidated, old entries age out.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.core.cache import caches
from django.utils.translation import get_language


def per_release(function):
    """Cache ``function(release, *args)`` under the release's sha256 and the language."""

    @wraps(function)
    def cached(release, *args, **kwargs):
        what = repr((function.__qualname__, release.sha256, get_language(), args, sorted(kwargs.items())))
        key = "figures:" + hashlib.sha256(what.encode()).hexdigest()
        cache = caches["figures"]
        value = cache.get(key)
        if value is None:
            value = function(release, *args, **kwargs)
            cache.set(key, value)
        return value

    return cached
