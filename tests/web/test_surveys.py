"""The experience monitor on the database: questionnaire import, collection by web form,
interviewer and file, closing a wave with weighted and protected figures, retention,
downloads and the link into the programme monitor. Expected figures are worked by hand."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command

from armoedemonitor.errors import InputError
from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.surveys.answers import store
from armoedemonitor.web.surveys.imports import import_responses
from armoedemonitor.web.surveys.models import Figure, Invitation, Margin, Response, Wave
from armoedemonitor.web.surveys.questionnaires import import_default, import_xlsform
from armoedemonitor.web.surveys.results import close_wave, response_overview

pytestmark = pytest.mark.django_db
EMMEN, STADSKANAAL, VEENDAM = "GM0114", "GM0037", "GM0047"


@pytest.fixture
def wave():
    return Wave.objects.create(
        naam="Ervaringen voorjaar 2026", questionnaire=import_default(), start=date(2026, 3, 1),
        eind=date(2026, 5, 31), gemeenten=[EMMEN, STADSKANAAL, VEENDAM], streef_aantal=80,
        privacy_tekst="We bewaren geen namen.", bewaren_tot=date(2026, 12, 31))


def answer(wave, gemeente, thuis, kanaal=Response.Kanaal.WEB, **extra):
    answers = {"gemeente": gemeente, "leeftijdsgroep": "28-44", "geslacht": "vrouw", "doelgroep": "volwassenen",
               "rondkomen": "krap", "thuis_in_buurt": thuis, **extra}
    return store(wave, answers, kanaal)


def test_default_questionnaire_ties_questions_to_the_goal_tree_with_sources(wave):
    questions = {q["name"]: q for q in wave.questionnaire.questions}
    assert questions["thuis_in_buurt"]["node_code"] == "1.4"
    assert questions["thuis_in_buurt"]["positive"] == ["eens", "helemaal_eens"]
    assert "Veiligheidsmonitor" in questions["thuis_in_buurt"]["source"]
    assert "Pearlin" in questions["toekomst_zelf"]["source"]
    assert questions["rondkomen"]["direction"] == "lager_beter"
    # every operational goal the faseplan names as an experience has a question
    assert {q["node_code"] for q in questions.values()} >= {"1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "3.2"}
    # a question without an instrument says so instead of inventing one
    assert questions["werk_tevreden"]["source"].startswith("Geen bestaand instrument gevonden")


def test_xlsform_errors_name_sheet_and_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "survey"
    book.active.append(["type", "name", "label"])
    book.active.append(["select_one kleur", "kleur", "Welke kleur?"])
    book.active.append(["geopoint", "plek", "Waar?"])
    book.create_sheet("choices").append(["list_name", "name", "label"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InputError) as error:
        import_xlsform(out.getvalue(), "eigen.xlsx")
    assert "survey, rij 2: de keuzelijst 'kleur' staat niet op het tabblad choices" in str(error.value)
    assert "survey, rij 3: het vraagtype 'geopoint' kennen we niet" in str(error.value)


def test_closing_weighs_and_hides_small_cells(wave):
    # Emmen 20 respondents (10 feel at home), Stadskanaal 12 (9 at home), Veendam 5.
    for i in range(20):
        answer(wave, EMMEN, "eens" if i < 10 else "oneens")
    for i in range(12):
        answer(wave, STADSKANAAL, "helemaal_eens" if i < 9 else "neutraal")
    for _i in range(5):
        answer(wave, VEENDAM, "eens")
    # Veendam has no margin: its 5 get the mean weight of the others. Raked (here:
    # post-stratified) weights: Emmen 100/20 = 5, Stadskanaal 300/12 = 25; mean of the 32
    # is 400/32 = 12,5 -> 0,4 and 2, and Veendam 1.
    for code, count in ((EMMEN, 100), (STADSKANAAL, 300)):
        Margin.objects.create(wave=wave, dimensie="gemeente", categorie=code, aantal=count, bron="test")
    close_wave(wave)
    fig = {(f.gebiedsniveau, f.gebiedscode, f.groep): f for f in Figure.objects.filter(vraag="thuis_in_buurt")}
    emmen = fig[("gemeente", EMMEN, "")]
    # Emmen: 10 of 20 -> 50 %, equal weights: Wilson on n = 20 gives 29,93 % - 70,07 %
    assert (emmen.status, emmen.n, emmen.waarde) == ("ok", 20, pytest.approx(0.5))
    assert (emmen.ondergrens, emmen.bovengrens) == (pytest.approx(0.299298, abs=1e-6),
                                                    pytest.approx(0.700702, abs=1e-6))
    # Stadskanaal: only 3 did not agree (< 10 on that side); Veendam: 5 respondents
    assert fig[("gemeente", STADSKANAAL, "")].status == "primair"
    assert fig[("gemeente", STADSKANAAL, "")].waarde is None
    assert fig[("gemeente", VEENDAM, "")].status == "primair"
    # Whole area: yes weight 10*0,4 + 9*2 + 5*1 = 27 of 20*0,4 + 12*2 + 5 = 37 -> 72,97 %
    total = fig[("totaal", "totaal", "")]
    assert total.status == "ok" and total.waarde == pytest.approx(27 / 37)
    # Stadskanaal and Veendam are hidden together (17 >= 10), so the total stays.
    assert wave.responses.count() == 37
    wave.refresh_from_db()
    assert wave.status == "gesloten" and wave.weging["methode"] == "raking"
    assert any("gemiddelde gewicht" in w for w in wave.weging["waarschuwingen"])
    # free text is never a figure
    assert not Figure.objects.filter(vraag="opmerking").exists()


def test_only_the_hidden_cell_cannot_be_differenced(wave):
    # Emmen 30, Stadskanaal 25, Veendam 6: the whole area (61) minus two published
    # gemeenten would give Veendam's 6, so the smaller of the other two is hidden too.
    for code, count in ((EMMEN, 30), (STADSKANAAL, 25), (VEENDAM, 6)):
        for i in range(count):
            answer(wave, code, "eens" if i % 2 else "oneens")
    close_wave(wave)
    status = dict(Figure.objects.filter(vraag="thuis_in_buurt", gebiedsniveau="gemeente", groep="")
                  .values_list("gebiedscode", "status"))
    assert status == {EMMEN: "ok", STADSKANAAL: "secundair", VEENDAM: "primair"}
    assert Figure.objects.get(vraag="thuis_in_buurt", gebiedsniveau="totaal", groep="").status == "ok"


KOBO_HEADER = ["start", "end", "over_u/gemeente", "over_u/leeftijdsgroep", "over_u/geslacht", "over_u/doelgroep",
               "geld_en_werk/rondkomen", "buurt_en_mensen/thuis_in_buurt", "uzelf_en_uw_gezin/cijfer_hulp", "_id",
               "_uuid", "_submission_time"]


def kobo_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(KOBO_HEADER)
    for i, (gemeente, leeftijd, thuis, cijfer) in enumerate(rows):
        writer.writerow(["2026-03-02T10:00", "2026-03-02T10:05", gemeente, leeftijd, "man", "volwassenen", "krap",
                         thuis, cijfer, i, f"uuid-{i}", "2026-03-02T10:06"])
    return out.getvalue().encode("utf-8")


def test_import_refuses_the_whole_file_for_bad_rows(wave):
    rows = [(EMMEN, "45-64", "eens", "8")] * 5 + [("GM9999", "45-64", "eens", "8"),
                                                 (EMMEN, "45-64", "soms", "8"), (EMMEN, "45-64", "eens", "acht")]
    data = kobo_csv(rows)
    with pytest.raises(InputError) as error:
        import_responses(wave, data, "kobo.csv")
    text = str(error.value)
    assert "kobo.csv: 3 fout(en), er is niets ingelezen." in text
    assert "rij 7, kolom over_u/gemeente: 'GM9999' is geen antwoord" in text
    assert "rij 8, kolom buurt_en_mensen/thuis_in_buurt: 'soms' is geen antwoord" in text
    assert "rij 9, kolom uzelf_en_uw_gezin/cijfer_hulp: Vul een heel getal in." in text
    assert Response.objects.count() == 0
    assert import_responses(wave, kobo_csv(rows[:5]), "kobo.csv") == 5
    assert set(Response.objects.values_list("kanaal", flat=True)) == {"import"}
    assert Response.objects.filter(answers__cijfer_hulp=8).count() == 5
    with pytest.raises(InputError, match="al ingelezen"):
        import_responses(wave, kobo_csv(rows[:5]), "kobo.csv")


def test_odk_xlsx_export_is_read(wave):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["over_u-gemeente", "over_u-leeftijdsgroep", "over_u-doelgroep", "geld_en_werk-rondkomen",
                        "buurt_en_mensen-thuis_in_buurt", "meta-instanceID"])
    book.active.append([STADSKANAAL, "65+", "volwassenen", "geen_moeite", "eens", "uuid:1"])
    out = io.BytesIO()
    book.save(out)
    assert import_responses(wave, out.getvalue(), "odk.xlsx") == 1
    assert Response.objects.get().gemeente == STADSKANAAL


def test_public_form_with_code_and_consent(client, wave):
    invitation = Invitation.objects.create(wave=wave)
    response = client.get("/ervaringen/meedoen/", {"code": invitation.code.lower()})
    assert response.status_code == 302 and response.url.endswith(f"/meedoen/{invitation.code}/")
    assert client.get(f"/ervaringen/meedoen/{invitation.code}/vragen/").status_code == 302  # consent first
    page = client.get(f"/ervaringen/meedoen/{invitation.code}/")
    assert "We bewaren geen namen." in page.content.decode()
    client.post(f"/ervaringen/meedoen/{invitation.code}/", {"toestemming": "ja"})
    incomplete = client.post(f"/ervaringen/meedoen/{invitation.code}/vragen/", {"gemeente": EMMEN})
    assert "Geef een antwoord op deze vraag." in incomplete.content.decode()
    assert not Response.objects.exists()
    done = client.post(f"/ervaringen/meedoen/{invitation.code}/vragen/", {
        "gemeente": EMMEN, "leeftijdsgroep": "16-27", "doelgroep": "jongeren", "rondkomen": "krap",
        "werk_tevreden": "eens", "opleiding_past": "eens", "thuis_in_buurt": "eens", "terugvallen": "eens",
        "veilig_opvoeden": "nvt", "toekomst_zelf": "eens", "hulp_helpt": "nvt", "opmerking": "Fijn"})
    assert done.status_code == 302
    saved = Response.objects.get()
    assert (saved.kanaal, saved.gemeente, saved.doelgroep) == ("web", EMMEN, "jongeren")
    assert saved.answers["thuis_in_buurt"] == "eens" and saved.ingevoerd_door is None
    assert client.get(f"/ervaringen/meedoen/{invitation.code}/").status_code == 404  # one code, one response


def test_interviewer_entry_is_recorded_as_such(client, wave, django_user_model):
    user = django_user_model.objects.create_user("ed", password="x")
    grant(user, PROGRAMMATEAM)
    client.force_login(user)
    data = {"gemeente": EMMEN, "leeftijdsgroep": "45-64", "doelgroep": "ouders", "rondkomen": "grote_moeite",
            "werk_tevreden": "oneens", "opleiding_past": "nvt", "thuis_in_buurt": "eens", "terugvallen": "oneens",
            "veilig_opvoeden": "eens", "toekomst_zelf": "neutraal", "hulp_helpt": "eens"}
    page = client.post(f"/ervaringen/team/ronde/{wave.pk}/interview/", data)
    assert "Vraag eerst of de deelnemer meedoet" in page.content.decode()
    client.post(f"/ervaringen/team/ronde/{wave.pk}/interview/", {**data, "toestemming": "ja"})
    saved = Response.objects.get()
    assert (saved.kanaal, saved.ingevoerd_door) == ("interviewer", user)


def test_team_pages_need_the_programme_team(client, wave):
    assert client.get("/ervaringen/team/").status_code == 302
    assert client.get(f"/ervaringen/team/ronde/{wave.pk}/").status_code == 302


def test_overview_flags_under_represented_groups(wave):
    for _i in range(8):
        answer(wave, EMMEN, "eens")
    answer(wave, STADSKANAAL, "eens")
    for code, count in ((EMMEN, 500), (STADSKANAAL, 500)):
        Margin.objects.create(wave=wave, dimensie="gemeente", categorie=code, aantal=count, bron="test")
    overview = response_overview(wave)
    # Stadskanaal: 1 of 9 answers (11 %) against half of the population: under-represented
    assert overview["totaal"] == 9 and overview["procent"] == 11
    assert overview["ondervertegenwoordigd"] == ["Stadskanaal"]


def test_retention_deletes_raw_answers_and_keeps_figures(wave):
    for i in range(24):
        answer(wave, EMMEN, "eens" if i % 2 else "oneens")
    close_wave(wave)
    figures = Figure.objects.count()
    call_command("verwijder_ruwe_antwoorden", op=date(2026, 12, 31))  # on the date itself: kept
    assert Response.objects.count() == 24
    call_command("verwijder_ruwe_antwoorden", op=date(2027, 1, 1))
    assert Response.objects.count() == 0 and Figure.objects.count() == figures
    wave.refresh_from_db()
    assert wave.ruwe_antwoorden_verwijderd_op is not None


def test_results_page_and_downloads(client, wave):
    for i in range(24):
        answer(wave, EMMEN, "eens" if i % 2 else "oneens")
    for _i in range(4):
        answer(wave, STADSKANAAL, "eens")
    close_wave(wave)
    page = client.get(f"/ervaringen/ronde/{wave.pk}/").content.decode()
    assert "Ik voel me thuis bij de mensen in mijn buurt." in page
    # whole area: 12 + 4 of 28 feel at home = 57,1 %. Stadskanaal (4) has no figure, and
    # Emmen is left out too: the whole area minus Emmen would give Stadskanaal.
    assert "57,1 %" in page and "te weinig antwoorden" in page
    assert "weggelaten om andere cijfers te beschermen" in page
    assert "Fijn" not in page
    data = client.get(f"/ervaringen/ronde/{wave.pk}/cijfers.csv").content.decode("utf-8-sig")
    header, *rows = [line.split(";") for line in data.strip().split("\r\n")]
    assert header[:3] == ["vraag", "vraagtekst", "soort"]

    def row(level, code):
        return next(r for r in rows if r[0] == "thuis_in_buurt" and r[3] == level and r[4] == code and r[6] == "")

    assert row("totaal", "totaal")[8].startswith("0,5714") and row("totaal", "totaal")[11] == "30"  # 28 -> 30
    assert row("gemeente", EMMEN)[8] == "" and row("gemeente", EMMEN)[12] == "secundair"
    assert row("gemeente", STADSKANAAL)[8] == "" and row("gemeente", STADSKANAAL)[12] == "primair"
    xlsx = client.get(f"/ervaringen/ronde/{wave.pk}/cijfers.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_goal_tree_indicator_takes_its_value_from_the_question(wave):
    from armoedemonitor.web.programme.models import NodeIndicator, Period
    from armoedemonitor.web.programme.services.demo import load_faseplan
    from armoedemonitor.web.programme.services.monitor import indicator_progress
    from armoedemonitor.web.surveys.programme_values import link_to_goal_tree
    from armoedemonitor.web.yearly_report.snapshot import build_snapshot

    load_faseplan()
    for i in range(40):
        answer(wave, EMMEN, "eens" if i < 30 else "oneens")  # 30 of 40 = 75 %
    close_wave(wave)
    assert "1.4" in link_to_goal_tree(wave)
    ni = NodeIndicator.objects.get(node__code="1.4", definition__code="ervaring-ervaringen-thuis-in-buurt")
    progress = indicator_progress(ni, Period.objects.get(naam="2025-2026"), date(2026, 8, 31))
    assert progress.actual == pytest.approx(75.0)
    # Wilson on n = 40, p = 0,75: 59,81 % to 85,81 %
    assert "59,8 tot 85,8 %" in progress.tekst and wave.naam in progress.tekst
    snapshot = build_snapshot(2025, date(2026, 8, 31))
    rows = [r for goal in snapshot["doelen"] for r in goal["indicatoren"] if r["node_code"] == "1.4"]
    assert rows[0]["actual"] == pytest.approx(75.0) and "betrouwbaarheidsinterval" in rows[0]["tekst"]
    emmen = snapshot["gemeenten"][EMMEN]["ervaringen"]
    assert {e["naam"] for e in emmen} >= {"Ik voel me thuis bij de mensen in mijn buurt."}
    assert next(e for e in emmen if e["naam"].startswith("Ik voel"))["value"] == pytest.approx(75.0)
    assert snapshot["gemeenten"]["GM0037"]["ervaringen"] == [] or all(
        e["value"] is None for e in snapshot["gemeenten"]["GM0037"]["ervaringen"])



def test_trend_across_waves(client, wave):
    later = Wave.objects.create(
        naam="Ervaringen najaar 2026", questionnaire=wave.questionnaire, start=date(2026, 9, 1),
        eind=date(2026, 11, 30), gemeenten=[EMMEN], privacy_tekst="Geen namen.", bewaren_tot=date(2027, 6, 1))
    for i in range(24):
        answer(wave, EMMEN, "eens" if i < 12 else "oneens")  # 50 %
        answer(later, EMMEN, "eens" if i < 14 else "oneens")  # 14 / 24 = 58,3 %
    close_wave(wave)
    close_wave(later)
    page = client.get(f"/ervaringen/ronde/{later.pk}/").content.decode()
    section = page[page.index("Ik voel me thuis bij de mensen in mijn buurt."):]
    trend = section[section.index("Door de tijd"):]
    trend = trend[:trend.index("</table>")]
    assert trend.index("Ervaringen voorjaar 2026") < trend.index("Ervaringen najaar 2026")
    assert "50,0 %" in trend and "58,3 %" in trend


def test_questionnaire_in_english_under_en(client, wave):
    code = Invitation.objects.create(wave=wave).code
    client.post(f"/en/ervaringen/meedoen/{code}/", {"toestemming": "ja"})
    page = client.get(f"/en/ervaringen/meedoen/{code}/vragen/").content.decode()
    assert "I feel at home with the people in my neighbourhood." in page and "Strongly disagree" in page
    dutch = client.get(f"/ervaringen/meedoen/{code}/vragen/").content.decode()
    assert "Ik voel me thuis bij de mensen in mijn buurt." in dutch


def test_gemeente_margins_from_the_current_release(wave, make_release):
    from armoedemonitor.errors import UserError
    from armoedemonitor.web.surveys.release_margins import gemeente_margins

    make_release()  # tests/web/conftest.py: Emmen 6000 and Stadskanaal 2500 persons in 2022
    wave.gemeenten = [EMMEN, STADSKANAAL]
    rows, source = gemeente_margins(wave)
    assert rows == [("gemeente", EMMEN, 6000), ("gemeente", STADSKANAAL, 2500)]
    assert "laag_inkomen_personen, 2022" in source
    wave.gemeenten = [EMMEN, VEENDAM]  # Veendam 2022 is suppressed in that release
    with pytest.raises(UserError, match="GM0047"):
        gemeente_margins(wave)


def test_ervaringsdeskundige_may_interview_but_not_manage(client, wave, django_user_model):
    from armoedemonitor.web.accounts.roles import BEOORDELAAR_ERVARING

    user = django_user_model.objects.create_user("anna", password="x")
    grant(user, BEOORDELAAR_ERVARING)
    client.force_login(user)
    assert client.get(f"/ervaringen/team/ronde/{wave.pk}/interview/").status_code == 200
    assert client.get(f"/ervaringen/team/ronde/{wave.pk}/").status_code == 403
