"""Signing in and out from every page, and the start page with a person's own tasks."""

import pytest
from test_programme import count_indicator, periods, tree  # noqa: F401 (fixtures)

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, REDACTEUR, grant
from armoedemonitor.web.programme.models import Measurement

pytestmark = pytest.mark.django_db


def test_anonymous_pages_offer_log_in_that_leads_to_the_start_page(client):
    page = client.get("/toegankelijkheid/").content.decode()
    assert 'href="/account/inloggen/?next=/programma/mijn-werk/"' in page
    assert "Ingelogd als" not in page
    assert client.get("/programma/mijn-werk/").status_code == 302


def test_logging_in_without_a_next_page_also_lands_on_the_start_page(client, django_user_model):
    django_user_model.objects.create_user("bram", password="pw-bram-123")
    response = client.post("/account/inloggen/", {"username": "bram", "password": "pw-bram-123"})
    assert response.status_code == 302 and response["Location"] == "/programma/mijn-werk/"


def test_logging_in_through_the_link_lands_on_the_start_page(client, django_user_model):
    django_user_model.objects.create_user("anna", password="pw-anna-123")
    response = client.post("/account/inloggen/", {"username": "anna", "password": "pw-anna-123",
                                                   "next": "/programma/mijn-werk/"})
    assert response.status_code == 302 and response["Location"] == "/programma/mijn-werk/"
    page = client.get("/programma/mijn-werk/").content.decode()
    assert "Ingelogd als anna" in page and "Uitloggen" in page
    assert "U hoeft nu niets te beoordelen." in page
    client.post("/account/uitloggen/")
    assert "Ingelogd als" not in client.get("/toegankelijkheid/").content.decode()


def test_start_page_lists_measurements_to_approve_but_not_ones_own(client, tree, periods, django_user_model):  # noqa: F811
    lead = django_user_model.objects.create_user("leider", password="pw-leider-1")
    grant(lead, PROGRAMMATEAM)
    editor = django_user_model.objects.create_user("red", password="pw-red-1")
    grant(editor, REDACTEUR)
    ni = count_indicator(tree["exp"])
    common = {"node_indicator": ni, "period": periods[1], "waarde": 3, "toelichting": "drie",
              "bewijs_url": "https://example.org"}
    Measurement.objects.create(status="ingediend", ingevoerd_door=editor, **common)
    Measurement.objects.create(status="ingediend", ingevoerd_door=lead, **common)
    Measurement.objects.create(status="terug", ingevoerd_door=editor, reactie="Welke maand?", **common)
    client.force_login(lead)
    page = client.get("/programma/mijn-werk/").content.decode()
    assert "1 meting wacht op uw controle" in page  # not the one the leader entered
    client.force_login(editor)
    page = client.get("/programma/mijn-werk/").content.decode()
    assert "Welke maand?" in page
    assert "wacht op uw controle" not in page


def test_accessibility_statement_gives_a_contact_address(client):
    assert 'href="mailto:info@alliantievankracht.nl"' in client.get("/toegankelijkheid/").content.decode()


def test_every_page_has_a_favicon(client):
    assert 'rel="icon"' in client.get("/toegankelijkheid/").content.decode()
