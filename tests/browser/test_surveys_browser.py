"""The experience monitor in a real browser: a whole wave from questionnaire to goal tree,
yearly report and factsheet, and axe-core on every page of the app in Dutch and English.

Every answer goes through the pages, as the issue asks: 40 respondents on the public
form on a 390 px screen, 20 through an interviewer, and 30 from a KoboToolbox-style CSV
through the upload form (after a file with 3 bad rows is refused and nothing written).
"""

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.programme.services.demo import load_faseplan
from armoedemonitor.web.surveys.answers import store
from armoedemonitor.web.surveys.models import Figure, Invitation, Response, Wave

pytestmark = pytest.mark.django_db(transaction=True)
EMMEN, STADSKANAAL, VEENDAM = "GM0114", "GM0037", "GM0047"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
AGREE = ("eens", "helemaal_eens", "oneens")  # two of three agree


@pytest.fixture
def team(django_user_model):
    load_faseplan()
    grant(django_user_model.objects.create_user("saskia", password="saskia-wachtwoord"), PROGRAMMATEAM)


def sign_in(page, live_server, name):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.fill("#id_username", name)
    page.fill("#id_password", f"{name}-wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "inloggen" not in url)


def answers(i, gemeente):
    return {"gemeente": gemeente, "leeftijdsgroep": ("16-27", "28-44", "45-64", "65+")[i % 4],
            "geslacht": ("man", "vrouw")[i % 2], "doelgroep": ("jongeren", "ouders", "volwassenen")[i % 3],
            "rondkomen": ("krap", "enige_moeite", "geen_moeite")[i % 3], "thuis_in_buurt": AGREE[i % 3],
            "terugvallen": AGREE[(i + 1) % 3], "toekomst_zelf": AGREE[i % 3], "cijfer_hulp": 5 + i % 5}


def fill(page, values):
    for name, value in values.items():
        if name == "cijfer_hulp":
            page.fill("#v-cijfer_hulp", str(value))
        else:
            page.check(f"input[name={name}][value='{value}']")


def kobo_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    names = ["over_u/gemeente", "over_u/leeftijdsgroep", "over_u/geslacht", "over_u/doelgroep",
             "geld_en_werk/rondkomen", "buurt_en_mensen/thuis_in_buurt", "buurt_en_mensen/terugvallen",
             "uzelf_en_uw_gezin/toekomst_zelf", "uzelf_en_uw_gezin/cijfer_hulp"]
    writer.writerow(["start", "end", *names, "_id", "_uuid"])
    for i, values in enumerate(rows):
        writer.writerow(["2026-04-01T10:00", "2026-04-01T10:09", *[values[n.split("/")[1]] for n in names],
                         i, f"kobo-{i}"])
    return out.getvalue().encode("utf-8")


def test_a_whole_wave(page, browser, live_server, team, screenshot):
    url = live_server.url
    sign_in(page, live_server, "saskia")
    # 1. define: the default XLSForm, then a wave in three gemeenten with population margins
    page.goto(f"{url}/ervaringen/team/")
    page.click("text=Lees de standaardvragenlijst in")
    assert "Ik voel me thuis bij de mensen in mijn buurt." in page.content()
    page.goto(f"{url}/ervaringen/team/ronde/nieuw/")
    page.fill("#id_naam", "Ervaringen voorjaar 2026")
    page.fill("#id_start", "2026-03-01")
    page.fill("#id_eind", "2026-05-31")
    for name in ("Emmen", "Stadskanaal", "Veendam"):
        page.get_by_label(name, exact=True).check()
    page.fill("#id_streef_aantal", "100")
    page.fill("#id_privacy_tekst", "We vragen geen namen. We bewaren de antwoorden tot 1 maart 2027.")
    page.fill("#id_bewaren_tot", "2027-03-01")
    page.click("text=Maak de ronde")
    wave = Wave.objects.get()
    page.fill("#id_regels", "gemeente;GM0114;60000\ngemeente;GM0037;15000\ngemeente;GM0047;12000\n"
                            "geslacht;man;43000\ngeslacht;vrouw;44000")
    page.fill("#id_bron", "CBS Bevolking 1 januari 2026 (afgerond)")
    page.click("text=Sla op")
    assert wave.margins.count() == 5
    page.fill("#id_aantal", "40")
    page.click("text=Maak codes")
    codes = list(Invitation.objects.values_list("code", flat=True))

    # 2. the public form on a phone, 40 respondents (Veendam gets only 5 in all)
    phone = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    mobile = phone.new_page()
    places = [EMMEN, STADSKANAAL, VEENDAM, EMMEN] + [(EMMEN, STADSKANAAL)[i % 2] if i < 38 else VEENDAM
                                                     for i in range(4, 40)]
    for i, code in enumerate(codes):
        mobile.goto(f"{url}/ervaringen/")
        mobile.fill("#code", code.lower())
        mobile.click("main form[action$='meedoen/'] button")
        mobile.check("#toestemming")
        mobile.click("text=Naar de vragen")
        fill(mobile, answers(i, places[i]))
        if i == 0:
            assert mobile.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
            # In a second tab: after a full-page screenshot Chromium's clicks land beside the
            # button, so the form would not be sent.
            shot = phone.new_page()
            shot.goto(mobile.url)
            shot.screenshot(path=str(SCREENSHOTS / "ervaringen-vragenlijst-390.png"), full_page=True)
            shot.close()
        mobile.click("text=Verstuur mijn antwoorden")
        mobile.wait_for_url("**/ervaringen/bedankt/")  # the click does not wait for the next page
        assert mobile.locator("h1").inner_text() == "Dank u wel!"
    phone.close()
    assert Response.objects.filter(kanaal="web").count() == 40

    # 3. an interviewer enters 20
    for i in range(20):
        page.goto(f"{url}/ervaringen/team/ronde/{wave.pk}/interview/")
        page.check("input[name=toestemming]")
        fill(page, answers(100 + i, STADSKANAAL if i % 2 else EMMEN))
        with page.expect_navigation():
            page.click("text=Sla de antwoorden op")
        assert "De antwoorden zijn opgeslagen." in page.content()
    assert Response.objects.filter(kanaal="interviewer").exclude(ingevoerd_door=None).count() == 20

    # 4. import 30 from KoboToolbox: a file with 3 bad rows is refused whole
    good = [answers(300 + i, (EMMEN, STADSKANAAL)[i % 2] if i < 28 else VEENDAM) for i in range(30)]
    bad = [*good, {**good[0], "gemeente": "GM9999"}, {**good[1], "thuis_in_buurt": "soms"},
           {**good[2], "cijfer_hulp": "acht"}]
    page.goto(f"{url}/ervaringen/team/ronde/{wave.pk}/")
    page.set_input_files("#import-bestand", files=[{"name": "kobo.csv", "mimeType": "text/csv",
                                                    "buffer": kobo_csv(bad)}])
    with page.expect_navigation():
        page.click("form[action$='inlezen/'] button")
    errors = page.locator(".import-errors li").all_inner_texts()
    assert len(errors) == 3 and errors[0].startswith("rij 32, kolom over_u/gemeente")
    assert Response.objects.filter(kanaal="import").count() == 0
    screenshot("ervaringen-import-fouten")
    page.goto(f"{url}/ervaringen/team/ronde/{wave.pk}/")
    page.set_input_files("#import-bestand", files=[{"name": "kobo.csv", "mimeType": "text/csv",
                                                    "buffer": kobo_csv(good)}])
    with page.expect_navigation():
        page.click("form[action$='inlezen/'] button")
    assert "30 antwoorden ingelezen" in page.content()
    assert page.locator("progress").get_attribute("value") == "90"  # 90 of the 100 wanted
    screenshot("ervaringen-ronde-overzicht")

    # 5. close: weighted figures with intervals; Veendam (6) shows no figure
    with page.expect_navigation():
        page.click("text=Sluit de ronde en maak de cijfers")
    assert page.locator("h1").inner_text() == "Ervaringen voorjaar 2026"
    section = page.locator("section", has=page.locator("h2", has_text="Ik voel me thuis"))
    veendam = section.locator("tr", has=page.locator("th", has_text="Veendam")).first
    assert veendam.inner_text().endswith("te weinig antwoorden")
    assert Figure.objects.get(vraag="thuis_in_buurt", gebiedscode=VEENDAM, groep="").waarde is None
    whole = section.locator("tr", has=page.locator("th", has_text="Hele gebied")).first.inner_text()
    assert "%" in whole and " – " in whole  # a share with its interval
    assert "gewogen naar leeftijd, geslacht en gemeente" in page.content()
    screenshot("ervaringen-uitkomsten")

    # 6. on the goal-tree node, in the yearly report and on a factsheet
    page.goto(f"{url}/ervaringen/team/ronde/{wave.pk}/")
    page.click("text=Koppel aan de doelenboom")
    page.goto(f"{url}/programma/onderdeel/1.4/")
    indicator = page.locator("section.indicator", has_text="Ik voel me thuis")
    assert "95%-betrouwbaarheidsinterval" in indicator.inner_text()
    page.goto(f"{url}/programma/rapportage/")
    page.fill("#id_jaar", "2025")
    page.fill("#id_peildatum", "2026-08-31")
    page.click("text=Maak concept")
    page.wait_for_selector("h1:has-text('Jaarrapportage 2025')")
    assert "Ik voel me thuis bij de mensen in mijn buurt." in page.content()
    assert "95%-betrouwbaarheidsinterval" in page.content()
    page.click("text=Factsheets per gemeente")
    page.click("text=Emmen")
    page.wait_for_selector("h1:has-text('Factsheet Emmen')")
    experiences = page.locator("table", has_text="Ik voel me thuis").inner_text()
    assert " tot " in experiences and "Ervaringen voorjaar 2026" in experiences
    screenshot("ervaringen-factsheet-emmen")


@pytest.fixture
def closed_wave(team):
    from armoedemonitor.web.surveys.questionnaires import import_default
    from armoedemonitor.web.surveys.results import close_wave

    wave = Wave.objects.create(
        naam="Ervaringen najaar 2025", questionnaire=import_default(), start=date(2025, 9, 1), eind=date(2025, 11, 30),
        gemeenten=[EMMEN, STADSKANAAL, VEENDAM], privacy_tekst="Geen namen.", bewaren_tot=date(2026, 6, 1))
    for i in range(60):
        store(wave, answers(i, (EMMEN, STADSKANAAL, VEENDAM)[i % 3] if i < 55 else EMMEN), Response.Kanaal.WEB)
    close_wave(wave)
    open_wave = Wave.objects.create(
        naam="Ervaringen open 2026", questionnaire=wave.questionnaire, start=date(2026, 3, 1), eind=date(2026, 5, 31),
        gemeenten=[EMMEN], soort=Wave.Soort.OPEN, privacy_tekst="Geen namen.", bewaren_tot=date(2026, 12, 1))
    return wave, open_wave


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_page_is_accessible(page, live_server, closed_wave, assert_accessible, language):
    wave, open_wave = closed_wave
    url = f"{live_server.url}{language}/ervaringen"
    code = Invitation.objects.create(wave=open_wave).code
    for path in ("/", "/meedoen/", f"/meedoen/{code}/", f"/ronde/{wave.pk}/", "/bedankt/"):
        page.goto(url + path)
        assert_accessible(f"{language} {path}")
    page.set_viewport_size({"width": 390, "height": 844})  # results reflow on a phone
    page.goto(f"{url}/ronde/{wave.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{url}/meedoen/{code}/")
    with page.expect_navigation():  # a click does not wait for the page its form posts to
        page.click("main form.consent button")  # without consent: an error
    assert_accessible(f"{language} consent error")
    page.check("#toestemming")
    with page.expect_navigation():
        page.click("main form button")
    with page.expect_navigation():
        page.click("main form.questionnaire button")  # nothing filled in: errors next to the questions
    assert page.locator(".field-error").count() >= 3
    assert_accessible(f"{language} questions with errors")
    sign_in(page, live_server, "saskia")
    for path in ("/team/", f"/team/vragenlijst/{wave.questionnaire.pk}/", "/team/ronde/nieuw/",
                 f"/team/ronde/{wave.pk}/", f"/team/ronde/{open_wave.pk}/", f"/team/ronde/{open_wave.pk}/interview/"):
        page.goto(url + path)
        assert_accessible(f"{language} {path}")
    page.goto(f"{url}/team/ronde/{open_wave.pk}/")
    page.set_input_files("#import-bestand", files=[{"name": "leeg.csv", "mimeType": "text/csv",
                                                    "buffer": b"over_u/gemeente;_uuid\nGM9999;x\n"}])
    with page.expect_navigation():
        page.click("form[action$='inlezen/'] button")
    assert page.locator("h1").count() == 1
    assert_accessible(f"{language} import errors")
