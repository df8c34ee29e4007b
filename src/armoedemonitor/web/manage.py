"""``python -m armoedemonitor.web.manage <command>``: Django's manage.py for this project.

Production settings unless DJANGO_SETTINGS_MODULE names others (…settings.dev, …settings.demo).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "armoedemonitor.web.settings.prod")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.SECRET_KEY  # noqa: B018 -- loads the settings: a missing key stops here, readably
    except ImproperlyConfigured as error:
        sys.exit(f"Fout: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
