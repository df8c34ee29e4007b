"""The login page renders in a real browser and passes axe-core."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_login_page_is_accessible(page, live_server, assert_accessible, screenshot):
    page.goto(f"{live_server.url}/account/inloggen/")
    assert page.locator("h1").inner_text() == "Inloggen"
    screenshot("login")
    assert_accessible("login")
