"""The interventions pages in headless Chromium: screenshots, axe-core (zero violations),
a phone-sized assessment form, and the whole "done when" flow of issue 7 end to end."""

import datetime
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from test_interventions_support import (  # noqa: E402
    FAST_HASHERS,
    PASSWORD,
    build_world,
    round_with_invites,
    submit,
)

from armoedemonitor.web.interventions.models import (  # noqa: E402
    BestPracticeMembership,
    Intervention,
    InterventionSite,
    Verdict,
)


def click_and_load(page, target):
    """Click a button or link that loads a new page, and wait for that page (not the old one)."""
    with page.expect_navigation():
        target.click()


@pytest.fixture
def sign_in(page, live_server):
    """Log in through the login form and wait for the redirect. (The shared ``login``
    fixture clicks the first submit button, which is the header's language form.)"""

    def as_user(username):
        page.goto(f"{live_server.url}/account/inloggen/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("main").get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "inloggen" not in url)

    return as_user


@pytest.fixture
def world(transactional_db, settings, shared_dir):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.ARMOEDEMONITOR_GEO_FILE = str(shared_dir / "geo" / "gemeente_2023.topojson")
    world = build_world()
    intervention = world["intervention"]
    intervention.beschrijving = "Een medewerker gaat langs zodra een vaste last niet betaald is."
    intervention.kosten_band = 2
    intervention.save()
    for code in ("GM0047", "GM0037"):
        InterventionSite.objects.create(intervention=intervention, gemeente_code=code)
    return world


def test_register_and_intervention_page_are_accessible(page, live_server, world, screenshot, assert_accessible,
                                                       sign_in):
    page.goto(f"{live_server.url}/interventies/")
    assert page.locator("h1").inner_text() == "Wat werkt tegen armoede?"
    assert page.get_by_role("link", name="Vroeg Eropaf").is_visible()
    screenshot("interventies-register")
    assert_accessible("register")
    page.get_by_label("Voor wie").select_option("kinderen")
    click_and_load(page, page.get_by_role("button", name="Zoek"))
    assert "0 interventies gevonden" in page.content()

    page.goto(f"{live_server.url}/interventies/vroeg-eropaf/")
    assert page.locator("svg.map").is_visible()
    screenshot("interventies-detail")
    assert_accessible("intervention page")
    for path, name in (("overzicht/", "overzicht"), ("matrix/", "matrix"), ("werkende-interventies/", "werkend")):
        page.goto(f"{live_server.url}/interventies/{path}")
        screenshot(f"interventies-{name}")
        assert_accessible(name)
    sign_in("team")
    page.goto(f"{live_server.url}/interventies/vroeg-eropaf/bewerken/")
    screenshot("interventies-bewerken")
    assert_accessible("edit form")


def test_assessment_form_on_a_phone_and_round_page(page, live_server, world, sign_in, screenshot, assert_accessible):
    round, invites = round_with_invites(world)
    submit(invites["erv2"], {"doel": 2, "leven": 3}, toelichting="Te veel formulieren.")
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in("erv1")
    page.goto(f"{live_server.url}/interventies/beoordelingen/{round.pk}/beoordelen/")
    assert "Te veel formulieren." not in page.content()  # erv2's answers stay hidden
    # no sideways scrolling on a phone, and answers are big enough to tap
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("label.choice").first.bounding_box()["height"] >= 44
    screenshot("interventies-beoordelen-telefoon")
    assert_accessible("assessment form (phone)")
    # an extreme score without explanation is refused, with the message at the question
    questions = page.locator("fieldset.question")
    questions.nth(0).get_by_label("Ja, helemaal").check()
    questions.nth(1).get_by_label("Grotendeels").check()
    click_and_load(page, page.get_by_role("button", name="Insturen"))
    assert page.locator("fieldset.question").nth(0).locator(".error").inner_text().endswith(
        "Leg kort uit waarom u deze score geeft.")
    screenshot("interventies-beoordelen-fout")
    assert_accessible("assessment form with an error")
    page.locator("fieldset.question").nth(0).get_by_label("Ja, helemaal").check()
    page.locator("fieldset.question").nth(1).get_by_label("Grotendeels").check()
    page.locator("fieldset.question").nth(0).locator("textarea").fill("Het doel staat er duidelijk.")
    click_and_load(page, page.get_by_role("button", name="Insturen"))
    assert "Te veel formulieren." in page.content()  # after submitting, erv1 sees erv2's reasons
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot("interventies-ronde-beoordelaar")
    assert_accessible("round page")


def test_done_when_flow_end_to_end(page, live_server, world, sign_in, screenshot, tmp_path):
    """Issue 7: load an inventory, start a round, invite a professional and an
    ervaringsdeskundige, both submit, team sees them side by side, records verdicts,
    adds the intervention to the werkende interventies and exports the newsletter."""
    url = live_server.url
    sign_in("team")

    # 1. load an inventory
    inventory = tmp_path / "inventaris.csv"
    inventory.write_text(
        "naam,samenvatting_b1,doelgroepen,themas,eigenaar,gemeenten,bewijsniveau,status\n"
        "Samen Rond,Een maatje helpt een jaar met geld.,volwassenen,schulden;economisch-kapitaal,Budgetmaatjes,"
        "Oldambt;Pekela,goed_beschreven,gepubliceerd\n"
        "Huiswerkkamer,Kinderen maken huiswerk in het buurthuis.,kinderen,onderwijs,Buurthuis,Pekela,"
        "goed_onderbouwd,gepubliceerd\n", encoding="utf-8")
    page.goto(f"{url}/interventies/")
    page.get_by_role("link", name="Inventaris inlezen").click()
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(inventory))
    click_and_load(page, page.get_by_role("button", name="Inlezen"))
    assert "Ingelezen: 2 nieuw, 0 bijgewerkt." in page.content()
    screenshot("e2e-1-ingelezen")

    # 2. start a round (one assessor per perspective is enough for this round)
    page.get_by_role("link", name="Samen Rond").click()
    page.get_by_role("link", name="Beoordeling starten").click()
    page.get_by_label("Toetsingskader").select_option(label="Toetsingskader (versie 1)")
    page.get_by_label("Minimum aantal professionals").fill("1")
    page.get_by_label("Minimum aantal ervaringsdeskundigen").fill("1")
    click_and_load(page, page.get_by_role("button", name="Start de ronde"))
    round_url = page.url

    # 3. invite a professional and an ervaringsdeskundige
    for username, perspectief in (("prof1", "professional"), ("erv1", "ervaring")):
        page.get_by_label("Wie nodigt u uit?").select_option(label=username)
        page.locator("#id_perspectief").select_option(perspectief)
        click_and_load(page, page.get_by_role("button", name="Uitnodigen"))
        assert f"{username} is uitgenodigd." in page.content()
    screenshot("e2e-2-uitgenodigd")

    # 4. both log in and submit
    for username, answer in (("prof1", "Grotendeels"), ("erv1", "Een beetje")):
        sign_in(username)
        page.goto(f"{url}/interventies/beoordelingen/")
        click_and_load(page, page.get_by_role("link", name="Samen Rond"))  # .all() below does not wait
        for question in page.locator("fieldset.question").all():
            question.get_by_label(answer).check()
        click_and_load(page, page.get_by_role("button", name="Insturen"))
        assert "Uw beoordeling is ingestuurd." in page.content()

    # 5. the team sees both side by side, per perspective
    sign_in("team")
    page.goto(round_url)
    table = page.locator("table.spread")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Vraag", "Professional", "Ervaringsdeskundige"]
    doel = table.locator("tbody tr").first.locator("td")
    assert "1 × Grotendeels" in doel.nth(0).inner_text() and "1 × Een beetje" in doel.nth(1).inner_text()
    screenshot("e2e-3-naast-elkaar")

    # 6. record a verdict per perspective
    for label, oordeel in (("Oordeel Professional vastleggen", "werkt_goed"),
                           ("Oordeel Ervaringsdeskundige vastleggen", "werkt_deels")):
        page.get_by_role("link", name=label).click()
        page.locator("#id_oordeel").select_option(oordeel)
        page.get_by_label("Waarom? Schrijf het in eenvoudige taal").fill("Besproken in het overleg.")
        click_and_load(page, page.get_by_role("button", name="Oordeel vastleggen"))
    assert Verdict.objects.count() == 2
    assert "Besloten" in page.content()

    # 7. add it to the werkende interventies
    page.get_by_role("link", name="Samen Rond").click()
    page.get_by_role("link", name="Toevoegen aan werkende interventies").click()
    page.get_by_label("Waarom werkt deze interventie?").fill("Mensen houden grip op hun geld.")
    click_and_load(page, page.get_by_role("button", name="Toevoegen"))
    assert BestPracticeMembership.objects.get().intervention == Intervention.objects.get(slug="samen-rond")
    screenshot("e2e-4-werkende-interventies")

    # 8. export the newsletter (HTML and PDF)
    with page.expect_download() as html_download:
        page.get_by_role("link", name="HTML").click()
    html = Path(html_download.value.path()).read_text("utf-8")
    assert "Samen Rond" in html and "Mensen houden grip op hun geld." in html
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    assert html_download.value.suggested_filename == (
        f"nieuwsbrief-werkende-interventies-{datetime.date.today().year}.html")


def test_demo_overview_shows_the_2022_picture(page, live_server, transactional_db, screenshot, assert_accessible):
    from django.core.management import call_command

    call_command("load_demo_interventions", "--zonder-gebruikers", verbosity=0)
    page.goto(f"{live_server.url}/interventies/overzicht/")
    page.get_by_text("Toon als tabel").first.click()
    rows = page.locator("figure").first.locator("tbody tr").all_inner_texts()
    counts = {row.split("\t")[0]: row.split("\t")[1:] for row in rows}
    # 2022 werktafel: 28 of ~55 without indications (51%), 11 first (20%), 5 studies (9%), 1 strong
    assert counts["Geen aanwijzingen voor effect"] == ["28", "51%"]
    assert counts["Eerste aanwijzingen"] == ["11", "20%"]
    assert counts["Effectonderzoek loopt"] == ["5", "9%"]
    assert counts["Sterke aanwijzingen"] == ["1", "2%"]
    screenshot("interventies-overzicht-demo")
    assert_accessible("overview with demo data")
    page.goto(f"{live_server.url}/interventies/matrix/")
    screenshot("interventies-matrix-demo")
    assert_accessible("matrix with demo data")
