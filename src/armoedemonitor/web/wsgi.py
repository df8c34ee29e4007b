"""The WSGI entry point gunicorn loads; production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "armoedemonitor.web.settings.prod")
application = get_wsgi_application()
