"""English pages (/en/): interface text is English, and Dutch content that people entered
(goal tree, learning sessions, questionnaires, the yearly report) carries lang="nl" so screen
readers read it as Dutch (WCAG 2.1 SC 3.1.2). Dutch pages are covered by <html lang="nl">."""

from datetime import date
from html.parser import HTMLParser

import pytest
from test_interventions_support import FAST_HASHERS, PASSWORD, build_world
from test_programme import periods, tree  # noqa: F401 (fixtures)
from test_schemes import GOOD_CSV, release, scheme  # noqa: F401 (fixtures)
from test_surveys import EMMEN, answer, wave  # noqa: F401 (fixture)

from armoedemonitor.web.programme.models import Action, Insight, Session
from armoedemonitor.web.programme.services import reports
from armoedemonitor.web.schemes.upload import import_counts
from armoedemonitor.web.surveys.models import Invitation, Questionnaire, Wave
from armoedemonitor.web.surveys.results import close_wave

pytestmark = pytest.mark.django_db
VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TextLanguages(HTMLParser):
    """Each text of the page with the language of the nearest element that names one."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if data.strip() and self.open and self.open[-1][0] != "title":  # <title> cannot name a part's language
            lang = next((lang for _, lang in reversed(self.open) if lang), None)
            self.texts.append((data.strip(), lang))


def languages_of(page: str, text: str) -> set[str | None]:
    parser = TextLanguages()
    parser.feed(page)
    found = {lang for data, lang in parser.texts if text in data}
    assert found, f"{text!r} is not on the page"
    return found


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


@pytest.mark.parametrize(("path", "dutch", "english"), [
    ("/interventies/nieuw/", ["Aanleiding", "Intensiteit", "Randvoorwaarden", "Kwalificaties", "Kosten toelichting"],
     ["Reason", "Intensity", "Requirements", "Qualifications", "About the costs"]),
    ("/interventies/vroeg-eropaf/bewerken/", ["Onafhankelijk", "Ontwerp"], ["Independent", "Design"]),
    ("/interventies/toetsingskader/{framework}/", ["(versie 1)"], ["(version 1)"]),  # its own id (PostgreSQL)
    ("/programma/onderdeel/nieuw/", ["Volgorde", "Werkgroepen"], ["Order", "Working groups"]),
])
def test_form_labels_are_english(client, world, path, dutch, english):
    client.login(username="team", password=PASSWORD)
    page = client.get("/en" + path.format(framework=world["framework"].pk)).content.decode()
    assert [word for word in dutch if f">{word}" in page] == []
    assert [word for word in english if word not in page] == []


def test_goal_tree_titles_are_marked_dutch_on_english_pages_only(client, tree, periods):  # noqa: F811
    tree["doel"].werkgroepen.create(naam="Monitoring en evaluatie")
    english = client.get("/en/programma/").content.decode()
    assert languages_of(english, "Operationeel") == {"nl"}
    assert languages_of(english, "Monitoring en evaluatie") == {"nl"}
    assert languages_of(english, "working group") == {"en"}  # the interface around it stays English
    dutch = client.get("/programma/").content.decode()
    assert 'lang="nl"' not in dutch.split(">", 2)[2]  # only <html lang="nl">
    node = client.get("/en/programma/onderdeel/1.1.1.1/").content.decode()
    assert languages_of(node, "Experiment") >= {"nl"}


def test_learning_session_content_is_marked_dutch(client, tree, world):  # noqa: F811
    session = Session.objects.create(datum=date(2026, 3, 12), soort="lerend_evalueren", titel="Sessie Hoogeveen",
                                      aantal_deelnemers=14, aantal_ervaringsdeskundigen=5)
    insight = Insight.objects.create(session=session, kind="werkt", text_b1="Koffie op school brengt ouders binnen.")
    Action.objects.create(session=session, insight=insight, omschrijving="Elke maand een koffieochtend",
                          eigenaar="Wijkteam Verzetsbuurt")
    client.login(username="team", password=PASSWORD)
    page = client.get(f"/en/programma/leren/{session.pk}/").content.decode()
    for text in ("Sessie Hoogeveen", "Koffie op school", "Elke maand een koffieochtend", "Wijkteam Verzetsbuurt"):
        assert languages_of(page, text) == {"nl"}, text
    assert 'lang="nl"' not in client.get(f"/programma/leren/{session.pk}/").content.decode().split(">", 2)[2]


def test_yearly_report_says_it_is_dutch_and_is_marked_so(client, world, periods):  # noqa: F811
    from django.contrib.auth import get_user_model

    report = reports.new_concept(2025, date(2026, 8, 31), get_user_model().objects.get(username="team"))
    client.login(username="team", password=PASSWORD)
    page = client.get(f"/en/programma/rapportage/{report.pk}/").content.decode()
    assert "This report is written and adopted in Dutch." in page
    assert languages_of(page, "In het kort") == {"nl"}
    assert languages_of(page, "Download as PDF") == {"en"}
    dutch = client.get(f"/programma/rapportage/{report.pk}/").content.decode()
    assert "In het kort" in dutch and 'lang="nl"' not in dutch.split(">", 2)[2]


def test_answer_options_without_english_are_marked_dutch(client):
    questionnaire = Questionnaire.objects.create(titel="Eigen lijst", form_id="eigen", bestand="eigen.xlsx",
                                                 definition={"questions": [
        {"name": "thuis", "type": "select_one", "label": "Voelt u zich thuis?", "hint": "", "required": True,
         "section": "", "choices": [{"name": "ja", "label": "Ja, helemaal"}, {"name": "nee", "label": "Nee"}]},
    ]})
    own = Wave.objects.create(naam="Ronde", questionnaire=questionnaire, start=date(2026, 3, 1),
                              eind=date(2026, 5, 31), gemeenten=["GM0114"], bewaren_tot=date(2026, 12, 31))
    code = Invitation.objects.create(wave=own).code
    client.post(f"/en/ervaringen/meedoen/{code}/", {"toestemming": "ja"})
    page = client.get(f"/en/ervaringen/meedoen/{code}/vragen/").content.decode()
    assert languages_of(page, "Voelt u zich thuis?") == {"nl"}
    assert languages_of(page, "Ja, helemaal") == {"nl"}
    dutch = client.get(f"/ervaringen/meedoen/{code}/vragen/").content.decode()
    assert "Ja, helemaal" in dutch and 'lang="nl"' not in dutch.split(">", 2)[2]


def without_html_lang(page: str) -> str:
    """The page after <!doctype> and <html lang="nl">: a Dutch page says nothing more about language."""
    return page.split(">", 2)[2]


def test_register_content_and_word_lists_are_marked_dutch(client, world):
    client.login(username="team", password=PASSWORD)
    framework = f"toetsingskader/{world['framework'].pk}/"  # its own id: PostgreSQL does not restart ids per test
    pages = {path: client.get("/en/interventies/" + path).content.decode()
             for path in ("", "vroeg-eropaf/", "overzicht/", "matrix/", framework)}
    for path, text in [("", "Vroeg Eropaf"), ("", "Snel langs bij een gemiste betaling."), ("", "Volwassenen"),
                       ("", "Geldzaken en schulden"),  # the filters' options
                       ("vroeg-eropaf/", "Vroeg Eropaf"), ("vroeg-eropaf/", "Snel langs"),
                       ("vroeg-eropaf/", "Volwassenen"), ("vroeg-eropaf/", "Geldzaken en schulden"),
                       ("overzicht/", "Volwassenen"), ("matrix/", "Volwassenen"), ("matrix/", "Geldzaken en schulden"),
                       (framework, "Vraag doel?")]:
        assert languages_of(pages[path], text) == {"nl"}, (path, text)
    assert languages_of(pages[""], "All") == {"en"}  # the empty filter option is interface text
    for path in pages:
        dutch = client.get("/interventies/" + path).content.decode()
        assert 'lang="nl"' not in without_html_lang(dutch), path


def test_scheme_target_group_and_conditions_are_marked_dutch(client, scheme):  # noqa: F811
    import_counts(scheme, "b.csv", GOOD_CSV, {"GM0114", "GM0037"})
    paths = [f"/regelingen/{scheme.pk}/", "/regelingen/", "/gemeente/GM0114/"]
    detail, listing, municipality = (client.get("/en" + path).content.decode() for path in paths)
    assert languages_of(detail, "Mensen met een laag inkomen") == {"nl"}
    assert languages_of(detail, "U woont in de gemeente") == {"nl"}
    assert languages_of(listing, "Mensen met een laag inkomen") == {"nl"}
    assert languages_of(municipality, "Mensen met een laag inkomen") == {"nl"}
    assert languages_of(municipality, "Emmen") >= {"en"}  # a proper name stays unmarked
    for path in paths:
        assert 'lang="nl"' not in without_html_lang(client.get(path).content.decode()), path


def test_survey_round_privacy_and_sources_are_marked_dutch(client, wave, world):  # noqa: F811
    code = Invitation.objects.create(wave=wave).code
    consent = client.get(f"/en/ervaringen/meedoen/{code}/").content.decode()
    assert languages_of(consent, "Ervaringen voorjaar 2026") == {"nl"}
    assert languages_of(consent, "We bewaren geen namen.") == {"nl"}
    for i in range(24):
        answer(wave, EMMEN, "eens" if i % 2 else "oneens")
    close_wave(wave)
    results = client.get(f"/en/ervaringen/ronde/{wave.pk}/").content.decode()
    assert languages_of(results, "Veiligheidsmonitor") == {"nl"}
    assert languages_of(results, "I feel at home with the people in my neighbourhood.") == {"en"}
    client.login(username="team", password=PASSWORD)
    questionnaire = client.get(f"/en/ervaringen/team/vragenlijst/{wave.questionnaire.pk}/").content.decode()
    assert languages_of(questionnaire, "Ik voel me thuis bij de mensen in mijn buurt.") == {"nl"}  # shown in Dutch only
    assert languages_of(questionnaire, "Veiligheidsmonitor") == {"nl"}
    for path in (f"/ervaringen/meedoen/{code}/", f"/ervaringen/ronde/{wave.pk}/",
                 f"/ervaringen/team/vragenlijst/{wave.questionnaire.pk}/"):
        assert 'lang="nl"' not in without_html_lang(client.get(path).content.decode()), path


def test_release_definitions_and_output_check_are_marked_dutch(client, hand_release):
    english = client.get(f"/en/releases/{hand_release.pk}/").content.decode()
    for text in ("Mensen met een laag inkomen", "Van elke 100 mensen", "definitie van laag_inkomen_personen",
                 "aandeel", "Controle", "Alles in orde."):
        assert languages_of(english, text) == {"nl"}, text
    assert languages_of(english, "laag_inkomen_personen") >= {"en"}  # the identifier is no Dutch text
    dutch = client.get(f"/releases/{hand_release.pk}/").content.decode()
    assert 'lang="nl"' not in without_html_lang(dutch)
