"""Settings shared by every environment. SQLite by default, PostgreSQL via DATABASE_URL."""

import os
from pathlib import Path

import dj_database_url

WEB_DIR = Path(__file__).resolve().parent.parent
DATA_HOME = Path(os.environ.get("ARMOEDEMONITOR_HOME", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
# Demo accounts and their shared password exist only where this is true (dev and demo).
ARMOEDEMONITOR_DEMO = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "armoedemonitor.web.accounts",
    "armoedemonitor.web.releases",
    "armoedemonitor.web.dashboard",
    "armoedemonitor.web.interventions",
    "armoedemonitor.web.programme",
    "armoedemonitor.web.schemes",
    "armoedemonitor.web.surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "armoedemonitor.web.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "armoedemonitor.web.page_cache.PublicPageCacheMiddleware",
]

# Per process: public pages (see page_cache.py) and the rest. Nothing here needs sharing
# between workers, as keys name the release they were made from.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
              "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 500}},
    "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "figures",
                "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 5000}},
}

ROOT_URLCONF = "armoedemonitor.web.urls"
WSGI_APPLICATION = "armoedemonitor.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "armoedemonitor.web.csp.nonce",
            ],
            "libraries": {"content_language": "armoedemonitor.web.content_language"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_HOME / 'armoedemonitor.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL: readers never wait for an import that writes; writers wait up to 20 s for each
    # other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Log-in throttling (django-axes): after 5 wrong passwords for one user name from one
# address, that pair is locked out for 15 minutes; the right password does not help.
AUTHENTICATION_BACKENDS = [
    "armoedemonitor.web.accounts.backends.LockoutBackend",
    "armoedemonitor.web.accounts.backends.PasswordBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_HOME / "static"
STATICFILES_DIRS = [WEB_DIR / "static"]  # the shared look (css/site.css) lives outside any app
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_HOME / "media"
MEDIA_URL = "/media/"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programme:start"  # the start page with a person's own tasks
LOGOUT_REDIRECT_URL = "/"

# Boundaries (TopoJSON/GeoJSON). A configured file wins; otherwise what `manage.py
# import_boundaries` stored in GEO_CACHE_DIR. Pages never fetch anything from the network.
ARMOEDEMONITOR_GEO_FILE = os.environ.get("ARMOEDEMONITOR_GEO_FILE", "")
ARMOEDEMONITOR_GEO_CACHE_DIR = DATA_HOME / "geo-cache"
# Where imported releases are kept (verified copies).
ARMOEDEMONITOR_RELEASES_DIR = DATA_HOME / "releases"
# Concept yearly reports are built in a thread of the web process, not in the request.
ARMOEDEMONITOR_REPORTS_IN_BACKGROUND = True
# Release uploads: the zip as sent, and everything in it unpacked (bytes).
ARMOEDEMONITOR_UPLOAD_MAX_BYTES = int(os.environ.get("ARMOEDEMONITOR_UPLOAD_MAX_BYTES", 100_000_000))
ARMOEDEMONITOR_UNPACKED_MAX_BYTES = int(os.environ.get("ARMOEDEMONITOR_UNPACKED_MAX_BYTES", 500_000_000))
