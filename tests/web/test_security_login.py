"""Log-in: wrong passwords are throttled, weak passwords refused, the demo password is
demo-only."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command

from armoedemonitor.web.interventions.demo_data import PASSWORD as DEMO_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/account/inloggen/"


def _log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, django_user_model):
    django_user_model.objects.create_user("anna", password="Lang-en-sterk-2026")
    for _ in range(4):
        assert _log_in(client, "anna", "fout-wachtwoord").status_code == 200
    assert _log_in(client, "anna", "fout-wachtwoord").status_code == 429  # the fifth locks
    response = _log_in(client, "anna", "Lang-en-sterk-2026")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Probeer het over een kwartier opnieuw" in response.content.decode()


def test_a_few_wrong_passwords_do_not_lock_out(client, django_user_model):
    django_user_model.objects.create_user("bert", password="Lang-en-sterk-2026")
    for _ in range(3):
        _log_in(client, "bert", "fout-wachtwoord")
    assert _log_in(client, "bert", "Lang-en-sterk-2026").status_code == 302


def test_password_like_the_user_name_is_refused(django_user_model):
    user = django_user_model(username="jansenpietersma", first_name="Jan")
    with pytest.raises(ValidationError):
        validate_password("jansenpietersma", user)


def test_demo_password_opens_nothing_outside_the_demo(client, django_user_model, settings):
    django_user_model.objects.create_user("team", password=DEMO_PASSWORD)
    settings.ARMOEDEMONITOR_DEMO = False
    assert _log_in(client, "team", DEMO_PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
    settings.ARMOEDEMONITOR_DEMO = True
    assert _log_in(client, "team", DEMO_PASSWORD).status_code == 302


def test_demo_accounts_are_made_only_under_demo_settings(django_user_model, settings):
    settings.ARMOEDEMONITOR_DEMO = False
    call_command("load_demo_interventions", verbosity=0)
    assert not django_user_model.objects.exists()
