"""`armoedemonitor serve --demo`: production behaviour (no DEBUG) over plain HTTP on this
machine, with the demo accounts. The secret key is made once and kept in the data home,
so every gunicorn worker signs sessions with the same key."""

import secrets

from .common import *  # noqa: F403
from .common import DATA_HOME, SECRET_KEY

ARMOEDEMONITOR_DEMO = True
if not SECRET_KEY:
    _key_file = DATA_HOME / "demo-secret-key"
    if not _key_file.exists():
        DATA_HOME.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()
