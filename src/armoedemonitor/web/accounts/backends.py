"""Log-in backends: throttling first (django-axes), then the password, except the demo
password outside the demo.

The demo accounts share one published password (``demo_data.PASSWORD``). A database
that started as a demo may end up in production; there that password opens nothing.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from armoedemonitor.web.interventions.demo_data import PASSWORD as DEMO_PASSWORD


class LockoutBackend(AxesStandaloneBackend):
    """Refuses locked-out log-ins. Throttling is about requests: calls from code (tests,
    management commands) carry none and pass on to the password check."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.ARMOEDEMONITOR_DEMO:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
