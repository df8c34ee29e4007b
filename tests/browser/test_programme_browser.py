"""The programme monitor in a real browser, checked with axe-core, plus the end-to-end
"done when": from the faseplan demo a team member sees the goal tree with statuses,
enters a measurement that a colleague approves, records a learning session with an
insight and an action, and produces the yearly report as PDF."""

import subprocess

import pytest

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.programme.models import Measurement, NodeIndicator, Report, Session
from armoedemonitor.web.programme.services.demo import load_faseplan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(django_user_model):
    load_faseplan()
    for name in ("saskia", "controller"):
        grant(django_user_model.objects.create_user(name, password=f"{name}-wachtwoord"), PROGRAMMATEAM)


def sign_in(page, live_server, name):
    """Log in through the form. (The shared ``login`` fixture clicks the first submit
    button on the page, which is the language switcher in the header.)"""
    page.goto(f"{live_server.url}/account/inloggen/")
    page.fill("#id_username", name)
    page.fill("#id_password", f"{name}-wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "inloggen" not in url)


def node_line(page, code):
    return page.locator(".node-line", has=page.locator(".node-code", has_text=code)).first


def test_tree_entry_form_and_report_are_accessible(page, live_server, demo, assert_accessible, screenshot):
    page.goto(f"{live_server.url}/programma/")
    assert page.locator("h1").inner_text() == "Doelenboom van het programma"
    assert page.locator(".node-experiment").count() == 5
    screenshot("programma-doelenboom")
    assert_accessible("doelenboom")

    sign_in(page, live_server, "saskia")
    ni = NodeIndicator.objects.get(definition__code="ervaringsdeskundigheid-werk-deelnemers")
    page.goto(f"{live_server.url}/programma/indicator/{ni.pk}/meting/")
    page.fill("#id_waarde", "12")
    page.fill("#id_toelichting", "Twaalf mensen begonnen aan een opleiding.")
    with page.expect_navigation():
        page.click("text=Dien in ter goedkeuring")  # no evidence: the error is shown, nothing saved
    assert "Voeg bewijs toe" in page.locator(".message.error").first.inner_text()
    screenshot("programma-meting-invoeren")
    assert_accessible("meting invoeren")
    assert not Measurement.objects.exists()

    page.goto(f"{live_server.url}/programma/rapportage/")
    page.fill("#id_jaar", "2025")
    page.fill("#id_peildatum", "2026-08-31")
    page.click("text=Maak concept")
    page.wait_for_selector("h1:has-text('Jaarrapportage 2025')")
    screenshot("programma-jaarrapportage")
    assert_accessible("jaarrapportage")

    page.click("text=Factsheets per gemeente")
    page.click("text=Hoogeveen")
    page.wait_for_selector("h1:has-text('Factsheet Hoogeveen')")
    screenshot("programma-factsheet-hoogeveen")
    assert_accessible("factsheet")

    for path, name in (("onderdeel/1.5.3.1/", "experiment"), ("leren/nieuw/", "bijeenkomst vastleggen"),
                       ("leeragenda/", "leeragenda"), ("jaarplan/2025/", "jaarplan"),
                       ("onderdeel/1.5.3.1/bewerken/", "onderdeel bewerken")):
        page.goto(f"{live_server.url}/programma/{path}")
        assert_accessible(name)
    screenshot("programma-onderdeel-bewerken")


def test_done_when_end_to_end(page, browser, live_server, demo, tmp_path, screenshot):
    # 1. the faseplan's goal tree with statuses
    sign_in(page, live_server, "saskia")
    page.goto(f"{live_server.url}/programma/")
    assert "Experiment Ervaringsdeskundigheid en werk" in page.content()
    assert node_line(page, "3.1.1.2").locator(".status-label").inner_text() == "geen gegevens"

    # 2. enter a measurement: three transitietafels (target: three a year)
    node_line(page, "3.1.1.2").locator("a").click()
    page.click("text=Meting invoeren")
    page.fill("#id_waarde", "3")
    page.fill("#id_toelichting", "Drie transitietafels gehouden, onder meer over verborgen armoede.")
    page.fill("#id_bewijs_url", "https://www.alliantievankracht.nl/transitietafels")
    with page.expect_navigation():
        page.click("text=Dien in ter goedkeuring")
    assert "De meting is ingediend." in page.content()
    assert Measurement.objects.get().status == "ingediend"

    # 3. a colleague in the programme team approves it
    other = browser.new_context(locale="nl-NL")
    colleague = other.new_page()
    sign_in(colleague, live_server, "controller")
    colleague.goto(f"{live_server.url}/programma/controle/")
    with colleague.expect_navigation():
        colleague.click("button:has-text('Goedkeuren')")
    assert "De meting is goedgekeurd." in colleague.content()
    other.close()
    page.goto(f"{live_server.url}/programma/")
    assert node_line(page, "3.1.1.2").locator(".status-label").inner_text() == "op koers"  # 3 of 3
    screenshot("programma-doelenboom-na-meting")

    # 4. a learning session with an insight and an action
    page.goto(f"{live_server.url}/programma/leren/")
    page.click("text=Bijeenkomst vastleggen")
    page.fill("#id_datum", "2026-03-12")
    page.select_option("#id_soort", "lerend_evalueren")
    page.fill("#id_titel", "Lerend evalueren Verzetsbuurt")
    page.fill("#id_aantal_deelnemers", "14")
    page.fill("#id_aantal_ervaringsdeskundigen", "5")
    page.check("#id_nodes label:has-text('1.2.1.1 Experiment Hoogeveen Verzetsbuurt') input")
    page.select_option("#id_inzicht-0-kind", "werkt")
    page.fill("#id_inzicht-0-text_b1", "Koffie op school brengt ouders en wijkpartners bij elkaar.")
    page.fill("#id_actie-0-omschrijving", "Elke maand een koffieochtend op school")
    page.fill("#id_actie-0-eigenaar", "Wijkteam Hoogeveen")
    page.fill("#id_actie-0-voor_jaarplan", "2026")
    with page.expect_navigation():
        page.click("text=Bewaar bijeenkomst")
    assert "De bijeenkomst is vastgelegd." in page.content()
    session = Session.objects.get()
    assert (session.insights.count(), session.actions.count()) == (1, 1)

    # 5. the yearly report, adopted, as PDF
    page.goto(f"{live_server.url}/programma/rapportage/")
    page.fill("#id_jaar", "2025")
    page.fill("#id_peildatum", "2026-08-31")
    page.click("text=Maak concept")
    page.check("#bevestig")  # adopting is final: the form asks to confirm
    with page.expect_navigation():
        page.click("button:has-text('Stel vast')")
    assert "De rapportage is vastgesteld." in page.content()
    assert Report.objects.get().status == "vastgesteld"
    screenshot("programma-jaarrapportage-vastgesteld")
    with page.expect_download() as download:
        page.click("text=Download als PDF")
    pdf = tmp_path / "jaarrapportage.pdf"
    download.value.save_as(pdf)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("Jaarrapportage 2025", "Wat we wilden doen", "Wat er gebeurde", "Wat we leerden",
                     "Wat we veranderen", "Het armoedebeeld", "Koffie op school brengt ouders",
                     "Wijkteam Hoogeveen", "Lerend evalueren Verzetsbuurt", "Transitietafels"):
        assert expected in text, expected
