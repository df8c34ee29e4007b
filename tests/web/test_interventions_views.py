"""Pages and forms through the Django test client: what each user sees and can do."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from test_interventions_support import (
    FAST_HASHERS,
    IN_A_YEAR,
    PASSWORD,
    build_world,
    round_with_invites,
    submit,
)

from armoedemonitor.web.interventions.models import (
    BestPracticeMembership,
    Criterion,
    Intervention,
    Rating,
    Verdict,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def login(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def test_register_search_and_filters(client, world):
    Intervention.objects.create(slug="taalcafe", naam="Taalcafé", samenvatting_b1="Oefenen met taal.",
                                status="gepubliceerd", bewijsniveau="niet_effectief")
    page = client.get("/interventies/").content.decode()
    assert "Vroeg Eropaf" in page and "Taalcafé" in page and "Concept aanpak" not in page
    assert "Niet effectief" in page  # negative results stay visible
    assert "Taalcafé" not in client.get("/interventies/?q=betaling").content.decode()
    assert "Vroeg Eropaf" not in client.get("/interventies/?bewijsniveau=niet_effectief").content.decode()
    by_group = client.get("/interventies/?doelgroep=volwassenen").content.decode()
    assert "Vroeg Eropaf" in by_group and "Taalcafé" not in by_group
    assert "1 interventie gevonden" in by_group


def test_unknown_costs_show_as_unknown_not_zero(client, world):
    page = client.get("/interventies/vroeg-eropaf/").content.decode()
    assert "Kosten</dt><dd>onbekend" in page.replace("\n", "")


def test_rating_form_saves_draft_then_submits_and_hides_others(client, world):
    round, invites = round_with_invites(world)
    submit(invites["prof2"], {"doel": 2, "onderbouwing": 2}, toelichting="GEHEIM-VAN-PROF2")
    login(client, "prof1")
    # before submitting, prof1 sees neither the counts nor prof2's explanation
    page = client.get(f"/interventies/beoordelingen/{round.pk}/").content.decode()
    assert "GEHEIM-VAN-PROF2" not in page and "nadat u uw eigen beoordeling" in page
    criteria = {c.code: c.pk for c in Criterion.objects.all()}
    form_url = f"/interventies/beoordelingen/{round.pk}/beoordelen/"
    # submit with an extreme score and no explanation -> message at that question, nothing final
    response = client.post(form_url, {f"c{criteria['doel']}": "4", f"c{criteria['onderbouwing']}": "3",
                                      "insturen": "1"})
    assert "Leg kort uit waarom" in response.content.decode()
    assert not invites["prof1"].ratings.exists()
    # a draft keeps the answers
    client.post(form_url, {f"c{criteria['doel']}": "3", "bewaren": "1"})
    assert Rating.objects.get(invite=invites["prof1"], criterion_id=criteria["doel"]).score == 3
    response = client.post(form_url, {f"c{criteria['doel']}": "4", f"t{criteria['doel']}": "Heel duidelijk.",
                                      f"c{criteria['onderbouwing']}": "weet_niet", "insturen": "1"})
    assert response.status_code == 302
    page = client.get(f"/interventies/beoordelingen/{round.pk}/").content.decode()
    assert "GEHEIM-VAN-PROF2" in page and "Heel duidelijk." in page


def test_team_sees_side_by_side_and_records_verdicts(client, world):
    round, invites = round_with_invites(world)
    login(client, "team")
    url = f"/interventies/beoordelingen/{round.pk}/oordeel/professional/"
    data = {"oordeel": "werkt_goed", "motivering_b1": "Goed.", "geldig_tot": IN_A_YEAR.isoformat()}
    response = client.post(url, data)
    assert "minstens 2 beoordelingen" in response.content.decode() and not Verdict.objects.exists()
    submit(invites["prof1"], {"doel": 3, "onderbouwing": 3})
    submit(invites["prof2"], {"doel": 1, "onderbouwing": 3})
    submit(invites["erv1"], {"doel": 3, "leven": 3})
    page = client.get(f"/interventies/beoordelingen/{round.pk}/").content.decode()
    assert "Verschil van mening" in page  # professionals answered 1 and 3 on "doel"
    assert page.index("Professional") < page.index("Ervaringsdeskundige")
    assert client.post(url, data).status_code == 302
    assert Verdict.objects.get().besloten_door == world["users"]["team"]
    assert "Werkt goed" in client.get("/interventies/vroeg-eropaf/").content.decode()


def test_expired_verdict_shows_reassess(client, world):
    round, invites = round_with_invites(world, min_each=1)
    submit(invites["erv1"], {"doel": 3, "leven": 3})
    Verdict.objects.create(round=round, perspectief="ervaring", oordeel="werkt_goed", motivering_b1="Ja.",
                           geldig_tot=datetime.date(2020, 1, 1))
    assert "opnieuw beoordelen" in client.get("/interventies/").content.decode()


def test_import_page_shows_every_problem_and_writes_nothing(client, world):
    login(client, "team")
    upload = SimpleUploadedFile("lijst.csv", b"naam,samenvatting_b1,doelgroepen\nA,,kinderen\nB,Tekst.,peuters\n")
    response = client.post("/interventies/importeren/", {"bestand": upload})
    page = response.content.decode()
    assert "lijst.csv, rij 2, kolom samenvatting_b1" in page and "lijst.csv, rij 3, kolom doelgroepen" in page
    assert Intervention.objects.count() == 2  # only the world's two
    good = SimpleUploadedFile("lijst.csv", b"naam,samenvatting_b1,doelgroepen\nA,Tekst.,kinderen\n")
    assert client.post("/interventies/importeren/", {"bestand": good}).status_code == 302
    assert Intervention.objects.filter(slug="a").exists()


def test_editor_edits_own_text_but_not_level_or_status(client, world):
    login(client, "redacteur")
    page = client.get("/interventies/vroeg-eropaf/bewerken/").content.decode()
    for field in ("bewijsniveau", "status", "eigenaar", "partners"):
        assert f'name="{field}"' not in page
    response = client.post("/interventies/vroeg-eropaf/bewerken/", {
        "naam": "Vroeg Eropaf", "slug": "vroeg-eropaf", "samenvatting_b1": "Nieuwe tekst.",
        "bewijsniveau": "sterke_aanwijzingen", "gemeenten": ["GM0047"], "target_groups": [],
        "studies-TOTAL_FORMS": "1", "studies-INITIAL_FORMS": "0",
        "studies-0-titel": "Evaluatie Vroeg Eropaf", "studies-0-jaar": "2024", "studies-0-ontwerp": "voor_nameting",
        "studies-0-n": "120", "studies-0-richting": "positief",
        "erkenningen-TOTAL_FORMS": "1", "erkenningen-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    intervention = Intervention.objects.get(slug="vroeg-eropaf")
    assert intervention.samenvatting_b1 == "Nieuwe tekst." and intervention.bewijsniveau == "geen_beoordeling"
    assert intervention.gemeente_codes() == ["GM0047"] and intervention.eigenaar.naam == "Eigenaar"
    study = intervention.studies.get()  # the empty recognition form adds nothing
    assert (study.titel, study.n, study.ontwerp) == ("Evaluatie Vroeg Eropaf", 120, "voor_nameting")
    assert not intervention.erkenningen.exists()
    history = client.get("/interventies/vroeg-eropaf/geschiedenis/").content.decode()
    assert "redacteur" in history and "samenvatting_b1" in history


def test_best_practice_and_newsletter(client, world):
    login(client, "team")
    year = datetime.date.today().year
    response = client.post("/interventies/vroeg-eropaf/werkend-maken/", {
        "jaar": year, "reden": "Schulden blijven klein.", "herzien_op": IN_A_YEAR.isoformat()})
    assert response.status_code == 302
    assert BestPracticeMembership.objects.get().reden == "Schulden blijven klein."
    assert "Schulden blijven klein." in client.get("/interventies/werkende-interventies/").content.decode()
    html = client.get(f"/interventies/werkende-interventies/{year}/nieuwsbrief.html")
    assert "Vroeg Eropaf" in html.content.decode() and "Schulden blijven klein." in html.content.decode()
    pdf = client.get(f"/interventies/werkende-interventies/{year}/nieuwsbrief.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_framework_is_edited_as_data_only_while_concept(client, world):
    login(client, "team")
    client.post(f"/interventies/toetsingskader/{world['framework'].pk}/nieuwe-versie/")
    concept = world["framework"].__class__.objects.get(versie=2)
    scale = world["framework"].criteria.first().schaal
    response = client.post(f"/interventies/toetsingskader/{concept.pk}/", {
        "code": "kosten", "vraag_b1": "Zijn de kosten redelijk?", "volgorde": 9, "perspectief": "professional",
        "schaal": scale.pk, "verplicht": "on"})
    assert response.status_code == 302 and concept.criteria.count() == 4
    duplicate = client.post(f"/interventies/toetsingskader/{concept.pk}/", {
        "code": "kosten", "vraag_b1": "Nog eens?", "volgorde": 10, "perspectief": "beide", "schaal": scale.pk})
    assert "bestaat al" in duplicate.content.decode()
    client.post(f"/interventies/toetsingskader/{concept.pk}/vaststellen/")
    concept.refresh_from_db()
    assert concept.status == "vastgesteld" and world["framework"].criteria.count() == 3


def test_intervention_page_maps_where_it_runs(client, world, geo_file):
    from armoedemonitor.web.interventions.models import InterventionSite

    InterventionSite.objects.create(intervention=world["intervention"], gemeente_code="GM0047")
    page = client.get("/interventies/vroeg-eropaf/").content.decode()
    assert '<svg class="map"' in page
    # Veendam (GM0047) is filled, Emmen (GM0114) hatched; the table names Veendam too
    assert 'data-code="GM0047"' in page and "<td>Veendam</td>" in page
    veendam = page[page.index('data-code="GM0047"') - 400: page.index('data-code="GM0047"')]
    emmen = page[page.index('data-code="GM0114"') - 60: page.index('data-code="GM0114"')]
    assert "sites-missing" not in veendam.rsplit("<path", 1)[1] and "sites-missing" in emmen


def test_editor_creates_an_intervention_for_own_organisation(client, world):
    login(client, "redacteur")
    response = client.post("/interventies/nieuw/", {
        "naam": "Buurtmaaltijd Pekela", "slug": "", "samenvatting_b1": "Samen eten in de buurt.",
        "target_groups": []})
    assert response.status_code == 302
    created = Intervention.objects.get(slug="buurtmaaltijd-pekela")
    # an editor's new intervention belongs to her organisation and starts as a concept
    assert created.eigenaar.naam == "Eigenaar" and created.status == "concept"
    again = client.post("/interventies/nieuw/", {"naam": "Buurtmaaltijd Pekela", "samenvatting_b1": "Nog een."})
    assert "al in gebruik" in again.content.decode()


def test_rating_errors_are_summarised_with_links_and_no_zero_rows(client, world):
    round, invites = round_with_invites(world)
    criteria = {c.code: c.pk for c in Criterion.objects.all()}
    login(client, "prof1")
    page = client.post(f"/interventies/beoordelingen/{round.pk}/beoordelen/",
                       {f"c{criteria['doel']}": "4", "insturen": "1"}).content.decode()
    summary = page[page.index('class="error-summary"'):page.index("</div>", page.index('class="error-summary"'))]
    assert 'data-focus' in page and "rate.js" in page  # focus moves to the summary
    assert f'href="#vraag{criteria["doel"]}"' in summary and "Leg kort uit waarom" in summary
    assert f'id="vraag{criteria["doel"]}" tabindex="-1"' in page
    # the results page lists given answers only, never "0 ×"
    submit(invites["prof2"], {"doel": 2, "onderbouwing": 2})
    submit(invites["prof1"], {"doel": 3, "onderbouwing": 3})
    results = client.get(f"/interventies/beoordelingen/{round.pk}/").content.decode()
    assert '<span class="n">0</span>' not in results
    assert '<span class="n">1</span>' in results
