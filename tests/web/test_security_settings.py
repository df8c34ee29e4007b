"""Production is the default outside tests: DEBUG off, a real secret key required, and
Django's deployment check clean. The demo and dev settings are chosen explicitly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).parent / "armoedemonitor")
STRONG_KEY = "k" * 10 + "Zq8#vL2!pR7@xW4$nT6%mB1^cY9&hJ3*fD5(gS0)aE" + "u" * 10


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARMOEDEMONITOR_"))}
    env.update(ARMOEDEMONITOR_HOME=str(tmp_path), PYTHONPATH=os.pathsep.join(sys.path), **extra)
    return env


def _manage(tmp_path, *args, **extra):
    return subprocess.run([sys.executable, "-m", "armoedemonitor.web.manage", *args],
                          capture_output=True, text=True, env=_env(tmp_path, **extra), timeout=120)


def test_manage_defaults_to_production_and_refuses_without_secret_key(tmp_path):
    done = _manage(tmp_path, "check")
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_deploy_passes_for_production(tmp_path):
    done = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=STRONG_KEY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_ssl_redirect_and_hsts_can_be_switched_off_behind_a_proxy(tmp_path):
    code = ("from django.conf import settings; import django; django.setup();"
            "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SECURE_PROXY_SSL_HEADER)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=_env(tmp_path, DJANGO_SETTINGS_MODULE="armoedemonitor.web.settings.prod",
                                   DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_SECURE_SSL_REDIRECT="0",
                                   DJANGO_SECURE_HSTS_SECONDS="0", DJANGO_BEHIND_PROXY="1"))
    assert done.stdout.split() == ["False", "0", "('HTTP_X_FORWARDED_PROTO',", "'https')"], done.stderr


def test_wsgi_defaults_to_production(tmp_path):
    code = "import armoedemonitor.web.wsgi"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=_env(tmp_path))
    assert done.returncode != 0 and "DJANGO_SECRET_KEY" in done.stderr


def test_serve_without_key_refuses_with_a_message(tmp_path):
    done = subprocess.run([CLI, "serve", "--port", "8999"], capture_output=True, text=True,
                          env=_env(tmp_path), timeout=120)
    assert done.returncode == 2
    assert "DJANGO_SECRET_KEY" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("module", ["dev", "demo"])
def test_demo_and_dev_settings_load_without_a_key(tmp_path, module):
    code = ("from django.conf import settings; import django; django.setup();"
            "print(settings.ARMOEDEMONITOR_DEMO, settings.DEBUG)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=_env(tmp_path, DJANGO_SETTINGS_MODULE=f"armoedemonitor.web.settings.{module}"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True" if module == "dev" else "False"]


def test_production_pages_hide_debug_details(client, settings):
    settings.DEBUG = False
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert b"URLconf" not in response.content
