"""Goal tree rules, the entry workflow with locked periods, derived progress on the
database, release-sourced indicators, the faseplan demo tree, roles and history."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, REDACTEUR, grant
from armoedemonitor.web.programme.models import (
    Baseline,
    IndicatorDefinition,
    Measurement,
    Node,
    NodeIndicator,
    Period,
    Target,
)
from armoedemonitor.web.programme.services import workflow
from armoedemonitor.web.programme.services.demo import load_faseplan
from armoedemonitor.web.programme.services.monitor import indicator_progress, node_statuses

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(django_user_model):
    user = django_user_model.objects.create_user("team", password="pw-team-123")
    grant(user, PROGRAMMATEAM)
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redacteur", password="pw-red-123")
    grant(user, REDACTEUR)
    return user


@pytest.fixture
def tree():
    ambitie = Node.objects.create(soort="ambitie", code="0", titel="Ambitie")
    doel = Node.objects.create(soort="strategisch_doel", code="1", titel="Doel", parent=ambitie)
    op = Node.objects.create(soort="operationeel_doel", code="1.1", titel="Operationeel", parent=doel)
    ins = Node.objects.create(soort="inspanning", code="1.1.1", titel="Inspanning", parent=op)
    exp = Node.objects.create(soort="experiment", code="1.1.1.1", titel="Experiment", parent=ins)
    return {"ambitie": ambitie, "doel": doel, "op": op, "ins": ins, "exp": exp}


@pytest.fixture
def periods():
    return (Period.objects.create(naam="2024-2025", start=date(2024, 8, 1), eind=date(2025, 7, 31)),
            Period.objects.create(naam="2025-2026", start=date(2025, 8, 1), eind=date(2026, 8, 31)))


def count_indicator(node, code="deelnemers", cumulatief=True):
    definition = IndicatorDefinition.objects.create(code=code, naam="Deelnemers", soort="aantal",
                                                    aggregatie="som", cumulatief=cumulatief)
    return NodeIndicator.objects.create(node=node, definition=definition)


def measure(ni, period, waarde, status=Measurement.Status.GOEDGEKEURD, **extra):
    return Measurement.objects.create(node_indicator=ni, period=period, waarde=waarde, status=status,
                                      toelichting="telling", bewijs_url="https://example.org/lijst", **extra)


# --- goal tree -------------------------------------------------------------------

def test_tree_types_follow_the_hierarchy(tree):
    with pytest.raises(ValidationError):
        Node.objects.create(soort="experiment", code="x", titel="x", parent=tree["doel"])
    with pytest.raises(ValidationError):
        Node.objects.create(soort="ambitie", code="y", titel="y", parent=tree["doel"])
    with pytest.raises(ValidationError):
        Node.objects.create(soort="inspanning", code="z", titel="z")
    Node.objects.create(soort="activiteit", code="1.1.1.2", titel="ok", parent=tree["ins"])
    assert tree["exp"].strategic_goal() == tree["doel"]


def test_unknown_gemeente_code_is_refused(tree):
    with pytest.raises(ValidationError, match="GM9999"):
        Node.objects.create(soort="activiteit", code="a", titel="a", parent=tree["ins"], gemeenten=["GM9999"])


def test_changes_are_kept_in_history(tree):
    tree["exp"].titel = "Nieuwe titel"
    tree["exp"].save()
    assert [h.titel for h in tree["exp"].history.order_by("history_date")] == ["Experiment", "Nieuwe titel"]


# --- progress on the database ---------------------------------------------------

def test_cumulative_count_against_end_target(tree, periods):
    ni = count_indicator(tree["exp"])
    Baseline.objects.create(node_indicator=ni, datum=date(2022, 9, 1), geen_nulmeting=True)
    Target.objects.create(node_indicator=ni, eind=True, einddatum=date(2026, 8, 31), waarde=250)
    measure(ni, periods[0], 100)
    measure(ni, periods[1], 60)
    measure(ni, periods[1], 40, status=Measurement.Status.CONCEPT)  # not approved: ignored
    # cumulative: 100 + 60 = 160; progress 160 / 250 = 0.64
    p = indicator_progress(ni, periods[1], on=date(2026, 8, 31))
    assert (p.actual, p.progress) == (160, pytest.approx(0.64))
    # at the end date the path says 1.0: 0.64 < 0.70 -> achter
    assert p.status == "achter"
    # 100 were counted before 2025-2026 (share 0.4), so in it the path runs from 0.4 on
    # 2025-08-01 to 1.0 on 2026-08-31 (395 days); on 2025-09-01 (day 31):
    # 0.4 + 0.6 * 31 / 395 = 0.4471; 0.64 >= 0.4471 * 0.85 -> op koers
    early = indicator_progress(ni, periods[1], on=date(2025, 9, 1))
    assert early.expected == pytest.approx(0.4 + 0.6 * 31 / 395)
    assert early.status == "op_koers"


def test_count_that_starts_in_the_phase_follows_the_phase(tree, periods):
    # The faseplan's experiment: begun in 2022, no nulmeting, 250 people by the end of the
    # phase 2025-2026. One interim count of 125 halfway through the phase (day 197 of 395).
    ni = count_indicator(tree["exp"])
    Baseline.objects.create(node_indicator=ni, datum=date(2022, 9, 1), geen_nulmeting=True)
    Target.objects.create(node_indicator=ni, eind=True, einddatum=date(2026, 8, 31), waarde=250)
    measure(ni, periods[1], 125)
    halfway = date(2026, 2, 14)
    # nothing counted before the phase: the path runs over the phase, at 197 / 395 = 0.4987;
    # 125 / 250 = 0.5 -> op koers (a line from 2022 would expect 0.86 and say achter)
    p = indicator_progress(ni, periods[1], on=halfway)
    assert (p.progress, p.expected) == (pytest.approx(0.5), pytest.approx(197 / 395))
    assert p.status == "op_koers"
    assert node_statuses(periods[1], halfway)[tree["ambitie"].pk] == "op_koers"
    # at the end of the phase the target itself counts: 125 of 250 is achter
    assert indicator_progress(ni, periods[1], on=date(2026, 8, 31)).status == "achter"


def test_decrease_percentage_from_numerator_and_denominator(tree, periods):
    definition = IndicatorDefinition.objects.create(code="schulden", naam="Met schulden", soort="percentage",
                                                    richting="lager_beter", aggregatie="ratio_van_sommen")
    ni = NodeIndicator.objects.create(node=tree["op"], definition=definition)
    Baseline.objects.create(node_indicator=ni, datum=date(2025, 8, 1), waarde=20)
    Target.objects.create(node_indicator=ni, period=periods[1], waarde=15)
    Measurement.objects.create(node_indicator=ni, period=periods[1], teller=9, noemer=50, toelichting="t",
                               bewijs_url="https://example.org", status="goedgekeurd")
    # actual 9 / 50 = 18 %; progress (18 - 20) / (15 - 20) = 0.4; due at period end -> achter
    p = indicator_progress(ni, periods[1], on=date(2026, 8, 31))
    assert p.actual == pytest.approx(18)
    assert p.progress == pytest.approx(0.4)
    assert p.status == "achter"


def test_no_measurement_means_geen_gegevens_and_statuses_roll_up(tree, periods):
    ni = count_indicator(tree["exp"], cumulatief=False)
    Target.objects.create(node_indicator=ni, period=periods[1], waarde=2)
    other = count_indicator(tree["ins"], code="andere", cumulatief=False)
    Target.objects.create(node_indicator=other, period=periods[1], waarde=4)
    on = date(2026, 8, 31)
    assert indicator_progress(ni, periods[1], on).status == "geen_gegevens"
    measure(ni, periods[1], 2)  # 2 of 2 -> op koers
    measure(other, periods[1], 3)  # 3 of 4 = 0.75: >= 0.70 -> let op
    statuses = node_statuses(periods[1], on)
    assert statuses[tree["exp"].pk] == "op_koers"
    assert statuses[tree["ins"].pk] == "let_op"
    assert statuses[tree["ambitie"].pk] == "let_op"


def test_disaggregated_measurements_add_up_without_double_counting(tree, periods):
    from armoedemonitor.web.programme.models import Category, DisaggregationDimension
    from armoedemonitor.web.programme.services.monitor import actual_value

    gemeente = DisaggregationDimension.objects.create(code="gemeente", naam="Gemeente")
    emmen = Category.objects.create(dimension=gemeente, code="GM0114", naam="Emmen")
    hoogeveen = Category.objects.create(dimension=gemeente, code="GM0118", naam="Hoogeveen")
    ni = count_indicator(tree["exp"], cumulatief=False)
    measure(ni, periods[1], 4, category=emmen)
    measure(ni, periods[1], 6, category=hoogeveen)
    # total from the parts: 4 + 6 = 10; each part on its own
    assert actual_value(ni, periods[1]) == 10
    assert actual_value(ni, periods[1], category=emmen) == 4
    # once a total is reported, it is the total (not 4 + 6 + 11)
    measure(ni, periods[1], 11)
    assert actual_value(ni, periods[1]) == 11


def test_milestone(tree, periods):
    definition = IndicatorDefinition.objects.create(code="kader", naam="Kader klaar", soort="mijlpaal",
                                                    aggregatie="laatste")
    ni = NodeIndicator.objects.create(node=tree["ins"], definition=definition)
    Target.objects.create(node_indicator=ni, period=periods[1], waarde=1)
    Measurement.objects.create(node_indicator=ni, period=periods[1], mijlpaal_datum=date(2026, 3, 1),
                               toelichting="klaar", bewijs_url="https://example.org", status="goedgekeurd")
    p = indicator_progress(ni, periods[1], on=date(2026, 8, 31))
    assert (p.actual, p.progress, p.status) == (1.0, 1.0, "op_koers")


# --- workflow ---------------------------------------------------------------------

def test_workflow_concept_submitted_returned_approved(tree, periods, team, editor):
    ni = count_indicator(tree["exp"])
    m = Measurement.objects.create(node_indicator=ni, period=periods[1], waarde=5, toelichting="5 mensen gestart",
                                   ingevoerd_door=editor)
    with pytest.raises(ValidationError, match="bewijs"):
        workflow.submit(m, editor)
    m.bewijs_url = "https://example.org/presentielijst"
    workflow.submit(m, editor)
    assert m.status == "ingediend"
    with pytest.raises(PermissionDenied):
        workflow.approve(m, editor)
    with pytest.raises(ValidationError):
        workflow.send_back(m, team, "  ")
    workflow.send_back(m, team, "Welke maand?")
    assert m.status == "terug"
    workflow.submit(m, editor)
    workflow.approve(m, team)
    m.refresh_from_db()
    assert (m.status, m.goedgekeurd_door) == ("goedgekeurd", team)
    assert list(m.history.order_by("history_date").values_list("status", flat=True)) == [
        "concept", "ingediend", "terug", "ingediend", "goedgekeurd"]


def test_submit_needs_a_value_and_explanation(tree, periods, editor):
    ni = count_indicator(tree["exp"])
    m = Measurement.objects.create(node_indicator=ni, period=periods[1], toelichting=" ",
                                   bewijs_url="https://example.org")
    with pytest.raises(ValidationError) as error:
        workflow.submit(m, editor)
    assert set(error.value.message_dict) == {"waarde", "toelichting"}


def test_locked_period_refuses_every_change(tree, periods, team):
    ni = count_indicator(tree["exp"])
    m = measure(ni, periods[0], 10, status=Measurement.Status.INGEDIEND)
    periods[0].gesloten = True
    periods[0].save()
    with pytest.raises(ValidationError, match="gesloten"):
        workflow.approve(m, team)
    m.waarde = 11
    with pytest.raises(ValidationError, match="gesloten"):
        m.save()
    with pytest.raises(ValidationError, match="gesloten"):
        measure(ni, periods[0], 3)
    assert Measurement.objects.get(pk=m.pk).waarde == 10


def test_cumulative_flag_locked_once_measured(tree, periods):
    ni = count_indicator(tree["exp"])
    measure(ni, periods[1], 1)
    ni.definition.cumulatief = False
    with pytest.raises(ValidationError):
        ni.definition.save()


# --- views and roles ------------------------------------------------------------

def test_editor_enters_and_submits_through_the_form(client, tree, periods, editor):
    ni = count_indicator(tree["exp"])
    client.force_login(editor)
    url = f"/programma/indicator/{ni.pk}/meting/"
    response = client.post(url, {"period": periods[1].pk, "waarde": "12", "toelichting": "12 deelnemers",
                                 "bewijs_url": "https://example.org/x", "actie": "indienen"})
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert (m.status, m.waarde, m.ingevoerd_door) == ("ingediend", 12, editor)
    # the closed period is not offered
    periods[0].gesloten = True
    periods[0].save()
    form_page = client.get(url).content.decode()
    assert "2025-2026" in form_page and "2024-2025" not in form_page
    assert client.get("/programma/controle/").status_code == 403


def test_missing_evidence_is_shown_and_nothing_is_submitted(client, tree, periods, editor):
    ni = count_indicator(tree["exp"])
    client.force_login(editor)
    response = client.post(f"/programma/indicator/{ni.pk}/meting/", {
        "period": periods[1].pk, "waarde": "3", "toelichting": "drie", "actie": "indienen"})
    assert response.status_code == 200
    assert "Voeg bewijs toe" in response.content.decode()
    assert not Measurement.objects.filter(status="ingediend").exists()


def test_anonymous_cannot_enter_but_can_read_the_tree(client, tree, periods):
    ni = count_indicator(tree["exp"])
    assert client.get(f"/programma/indicator/{ni.pk}/meting/").status_code == 302
    page = client.get("/programma/").content.decode()
    assert "Experiment" in page and "geen gegevens" in page


def test_team_approves_in_review(client, tree, periods, team):
    ni = count_indicator(tree["exp"])
    m = measure(ni, periods[1], 4, status=Measurement.Status.INGEDIEND)
    client.force_login(team)
    assert "Deelnemers" in client.get("/programma/controle/").content.decode()
    client.post(f"/programma/meting/{m.pk}/besluit/", {"besluit": "goedkeuren"})
    assert Measurement.objects.get(pk=m.pk).status == "goedgekeurd"


def test_session_with_insights_and_actions(client, tree, team):
    client.force_login(team)
    data = {
        "datum": "2026-03-12", "soort": "lerend_evalueren", "titel": "Lerend evalueren Hoogeveen",
        "facilitator": "", "aantal_deelnemers": "14", "aantal_ervaringsdeskundigen": "5", "nodes": [tree["exp"].pk],
        "verslag": "",
        "inzicht-TOTAL_FORMS": "3", "inzicht-INITIAL_FORMS": "0",
        "inzicht-0-kind": "werkt", "inzicht-0-text_b1": "Koffie op school brengt ouders binnen.",
        "inzicht-0-source": "ervaringsdeskundige",
        # as a browser posts them: untouched rows keep the select's default
        "inzicht-1-source": "gemengd", "inzicht-2-source": "gemengd",
        "actie-TOTAL_FORMS": "2", "actie-INITIAL_FORMS": "0",
        "actie-0-omschrijving": "Koffieochtend elke maand", "actie-0-eigenaar": "Wijkteam",
        "actie-0-voor_jaarplan": "2026",
    }
    response = client.post("/programma/leren/nieuw/", data)
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "error" in line]
    from armoedemonitor.web.programme.models import Session

    session = Session.objects.get()
    assert session.insights.get().kind == "werkt"
    assert session.actions.get().eigenaar == "Wijkteam"
    # the action feeds next year's plan
    plan_page = client.get("/programma/jaarplan/2026/").content.decode()
    assert "Koffieochtend elke maand" in plan_page and "Wijkteam" in plan_page
    # more experts than participants is refused
    data["aantal_ervaringsdeskundigen"] = "20"
    assert client.post("/programma/leren/nieuw/", data).status_code == 200
    assert Session.objects.count() == 1


def test_team_edits_and_adds_nodes_with_type_rules(client, tree, team, editor):
    client.force_login(editor)
    assert client.get("/programma/onderdeel/1.1.1/bewerken/").status_code == 403
    client.force_login(team)
    base = {"parent": tree["ins"].pk, "soort": "experiment", "code": "1.1.1.2", "titel": "Experiment Emmen",
            "status": "lopend", "volgorde": "0", "gemeenten": ["GM0114"], "exp-plek": "Emmen-Centrum",
            "exp-leervraag": "Werkt het?"}
    response = client.post("/programma/onderdeel/nieuw/", base)
    assert response.status_code == 302
    node = Node.objects.get(code="1.1.1.2")
    assert (node.gemeenten, node.experiment.plek) == (["GM0114"], "Emmen-Centrum")
    # an experiment directly under a strategic goal is refused with a message
    response = client.post("/programma/onderdeel/nieuw/", {**base, "code": "9", "parent": tree["doel"].pk})
    assert response.status_code == 200 and "kan niet onder" in response.content.decode()
    assert not Node.objects.filter(code="9").exists()
    edit = {**base, "titel": "Experiment Emmen-Centrum"}
    assert client.post("/programma/onderdeel/1.1.1.2/bewerken/", edit).status_code == 302
    assert node.history.count() == 2


def test_team_defines_and_links_an_indicator_with_baseline_and_target(client, tree, periods, team):
    client.force_login(team)
    response = client.post("/programma/indicator/nieuw/?terug=https://evil.example/", {
        "code": "koffieochtenden", "naam": "Koffieochtenden", "soort": "aantal", "richting": "hoger_beter",
        "aggregatie": "som", "bron": "handmatig", "frequentie": "jaar", "release_selectie": "{}"})
    assert response.status_code == 302 and response["Location"] == "/programma/"
    definition = IndicatorDefinition.objects.get(code="koffieochtenden")
    response = client.post("/programma/onderdeel/1.1.1.1/indicator/", {
        "definition": definition.pk, "nulmeting_datum": "2025-08-01", "periode": periods[1].pk, "streefwaarde": "10"})
    assert response.status_code == 302
    ni = NodeIndicator.objects.get(node=tree["exp"], definition=definition)
    assert ni.baseline.geen_nulmeting and ni.targets.get().waarde == 10
    # an end target needs an end date
    response = client.post("/programma/onderdeel/1.1.1.1/indicator/", {
        "definition": definition.pk, "nulmeting": "3", "nulmeting_datum": "2025-08-01", "streefwaarde": "20"})
    assert response.status_code == 200 and "einddatum" in response.content.decode()


def test_learning_agenda_and_questions(client, tree, team):
    from armoedemonitor.web.programme.models import LearningAgenda

    client.force_login(team)
    client.post("/programma/leeragenda/", {"agenda-jaar": "2025", "agenda-halfjaar": "1"})
    agenda = LearningAgenda.objects.get()
    client.post("/programma/leeragenda/", {"vraag-agenda": agenda.pk, "vraag-tekst": "Wat helpt ouders in de wijk?",
                                           "vraag-status": "open", "vraag-nodes": [tree["exp"].pk]})
    page = client.get("/programma/leeragenda/").content.decode()
    assert "Leeragenda 2025, deel 1" in page and "Wat helpt ouders in de wijk?" in page
    client.logout()
    assert client.post("/programma/leeragenda/", {"agenda-jaar": "2026", "agenda-halfjaar": "1"}).status_code == 403


# --- release-sourced indicators --------------------------------------------------

def test_release_indicator_reads_current_release_and_suppression(tree, periods):
    from armoedemonitor.web.releases.models import IndicatorValue, Release

    old = Release.objects.create(name="oud", version="1", sha256="a" * 64)
    release = Release.objects.create(name="demo", version="2", sha256="b" * 64)
    release.make_current()
    definition = IndicatorDefinition.objects.create(
        code="kinderen", naam="Kinderen laag inkomen", soort="percentage", richting="lager_beter",
        bron="release", release_indicator="laag_inkomen_minderjarigen",
        release_selectie={"region_level": "gemeente", "region_codes": ["GM0118"]})
    ni = NodeIndicator.objects.create(node=tree["exp"], definition=definition)
    Baseline.objects.create(node_indicator=ni, datum=date(2025, 8, 1), waarde=20)
    Target.objects.create(node_indicator=ni, period=periods[1], waarde=15)
    row = dict(indicator="laag_inkomen_minderjarigen", region_level="gemeente", region_code="GM0118")
    IndicatorValue.objects.create(release=old, year=2023, value=0.30, status="ok", **row)
    IndicatorValue.objects.create(release=release, year=2022, value=0.19, status="ok", **row)
    IndicatorValue.objects.create(release=release, year=2023, value=0.18, status="ok", **row)
    # latest year of the current release: 0.18 -> 18 %; (18 - 20) / (15 - 20) = 0.4
    p = indicator_progress(ni, periods[1], on=date(2026, 8, 31))
    assert p.actual == pytest.approx(18)
    assert p.progress == pytest.approx(0.4)
    IndicatorValue.objects.filter(release=release, year=2023).update(value=None, status="primair")
    p = indicator_progress(ni, periods[1], on=date(2026, 8, 31))
    assert (p.actual, p.status, p.tekst) == (None, "geen_gegevens", "te weinig gegevens")


# --- the faseplan demo ------------------------------------------------------------

def test_faseplan_tree_is_loaded_and_idempotent():
    first = load_faseplan()
    assert Node.objects.filter(soort="ambitie").count() == 1
    assert list(Node.objects.filter(soort="strategisch_doel").order_by("code").values_list("titel", flat=True)) == [
        "Huishoudens ervaren een kansrijk toekomstperspectief",
        "Het kind, de jongere of volwassene ontvangt maatwerk vanuit het werkveld",
        "We leren van elkaar en we weten wat effectief is",
    ]
    experiments = set(Node.objects.filter(soort="experiment").values_list("titel", flat=True))
    for name in ("Hoogeveen Verzetsbuurt", "Verborgen armoede", "Warm Groningen-Drenthe",
                 "Tijdige signalering van armoede binnen GGZ en VNN", "Ervaringsdeskundigheid en werk"):
        assert any(name in title for title in experiments), name
    from armoedemonitor.web.programme.models import Werkgroep

    assert Werkgroep.objects.count() == 6
    targets = {t.node_indicator.definition.code: t.waarde
               for t in Target.objects.select_related("node_indicator__definition")}
    assert targets == {"ervaringsdeskundigheid-werk-deelnemers": 250, "transitietafels": 3, "nieuwsbrieven": 2,
                       "leerbijeenkomsten": 2, "leeragendas": 2, "toetsingskader-beschikbaar": 1,
                       "jaarrapportage-vastgesteld": 1}
    assert Node.objects.get(titel__contains="Verzetsbuurt").gemeenten == ["GM0118"]
    assert load_faseplan() == first
    assert Node.objects.count() == first["nodes"]


def test_demo_command_loads_the_tree():
    from django.core.management import call_command

    call_command("load_demo_programme")
    assert Node.objects.filter(soort="experiment").count() == 5
