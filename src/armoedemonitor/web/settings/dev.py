"""Local development and tests: DEBUG on, any host, a fixed key that is not secret."""

from .common import *  # noqa: F403

SECRET_KEY = "dev-only-not-secret"
DEBUG = True
ARMOEDEMONITOR_DEMO = True
ALLOWED_HOSTS = ["*"]
ARMOEDEMONITOR_REPORTS_IN_BACKGROUND = False  # tests see a finished concept at once
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests change data under one release: nothing may be served from memory here.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    for alias in ("default", "pages", "figures")
}
