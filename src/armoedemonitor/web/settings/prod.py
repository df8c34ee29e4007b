"""Production: the default for `serve`, wsgi.py and manage.py. Secrets and hosts come
from the environment; without DJANGO_SECRET_KEY nothing starts.

Behind a reverse proxy that ends TLS, set DJANGO_BEHIND_PROXY=1 (trust its
X-Forwarded-Proto header). DJANGO_SECURE_SSL_REDIRECT=0 and DJANGO_SECURE_HSTS_SECONDS=0
switch redirect and HSTS off where the proxy already does them.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .common import *  # noqa: F403
from .common import SECRET_KEY


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "ja")


if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY ontbreekt: zet een lange geheime sleutel in de omgeving "
        "(bijvoorbeeld: python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
        "Voor een demo op deze computer: armoedemonitor serve --demo."
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("DJANGO_SECURE_HSTS_PRELOAD", True)
if _flag("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Log-in throttling per client address, not per proxy: the proxy's X-Forwarded-For.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}
