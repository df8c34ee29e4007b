"""Scheme register: reach from the published target group, uploads that are all or
nothing, typed Dutch numbers, roles, the municipal page, the factsheet and the goal tree.

The hand-made release (conftest): laag_inkomen_personen, numerators
  GM0114 Emmen 2021 600, 2022 630; GM0037 Stadskanaal 2021 200, 2022 150;
  GM0047 Veendam 2021 100, 2022 hidden (primair).
"""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, REDACTEUR, grant
from armoedemonitor.web.interventions.models import Organisation
from armoedemonitor.web.programme.models import IndicatorDefinition, Node, NodeIndicator, Period
from armoedemonitor.web.programme.services.monitor import indicator_progress
from armoedemonitor.web.releases.models import IndicatorValue, Release
from armoedemonitor.web.schemes.factsheet import factsheet_rows
from armoedemonitor.web.schemes.models import GoalIndicatorLink, RecipientCount, Scheme
from armoedemonitor.web.schemes.numbers import NotACount, parse_count
from armoedemonitor.web.schemes.reach import reach_of
from armoedemonitor.web.schemes.upload import UploadRefused, import_counts

pytestmark = pytest.mark.django_db
EVERYWHERE = {"GM0114", "GM0037", "GM0047"}
GOOD_CSV = b"jaar;gebied;ontvangers\n2021;GM0114;300\n2022;GM0114;315\n2021;GM0037;50\n2022;GM0037;60\n"


@pytest.fixture
def release(make_release):
    return make_release()


@pytest.fixture
def scheme(release):
    return Scheme.objects.create(
        naam="Kindpakket", gemeenten=["GM0114", "GM0037", "GM0047"],
        doelgroep_indicator="laag_inkomen_personen", doelgroep_omschrijving="Mensen met een laag inkomen",
        voorwaarden="U woont in de gemeente en uw inkomen is laag.")


@pytest.fixture
def team(django_user_model):
    user = django_user_model.objects.create_user("team", password="pw-team-123")
    grant(user, PROGRAMMATEAM)
    return user


@pytest.fixture
def emmen_editor(django_user_model):
    user = django_user_model.objects.create_user("emmen", password="pw-emmen-123")
    grant(user, REDACTEUR)
    Organisation.objects.create(naam="Gemeente Emmen", soort="gemeente", gemeente_code="GM0114").leden.add(user)
    return user


def by_key(scheme):
    return {(r.area, r.year): r for r in reach_of(scheme)}


def test_reach_is_recipients_over_the_published_target_group(scheme):
    assert import_counts(scheme, "bereik.csv", GOOD_CSV, EVERYWHERE) == 4
    reach = by_key(scheme)
    assert reach[("GM0114", 2021)].value == pytest.approx(300 / 600)   # 50,0 %
    assert reach[("GM0114", 2022)].value == pytest.approx(315 / 630)   # 50,0 %
    assert reach[("GM0037", 2021)].value == pytest.approx(50 / 200)    # 25,0 %
    assert reach[("GM0037", 2022)].value == pytest.approx(60 / 150)    # 40,0 %
    assert reach[("GM0037", 2022)].text == "40,0 %"


def test_no_reach_where_the_target_group_is_hidden_missing_or_rounded(scheme, release):
    IndicatorValue.objects.create(release=release, indicator="laag_inkomen_personen", year=2020,
                                  region_level="gemeente", region_code="GM0114", numerator=405,
                                  denominator=6000, value=405 / 6000, n=6000, status="afgerond")
    import_counts(scheme, "b.csv", b"jaar,gebied,ontvangers\n2022,GM0047,30\n2019,GM0114,10\n2020,GM0114,81\n",
                  EVERYWHERE)
    reach = by_key(scheme)
    hidden = reach[("GM0047", 2022)]
    assert hidden.value is None and hidden.reason == "de doelgroep is niet gepubliceerd: te weinig gegevens"
    missing = reach[("GM0114", 2019)]
    assert missing.value is None and "geen cijfer over de doelgroep" in missing.reason
    rounded = reach[("GM0114", 2020)]
    assert rounded.value == pytest.approx(81 / 405) and rounded.rounded  # 20,0 % of a rounded group


def test_no_current_release_means_no_reach(scheme):
    Release.objects.update(is_current=False)
    import_counts(scheme, "b.csv", GOOD_CSV, EVERYWHERE)
    assert all(r.value is None and r.status == "" for r in reach_of(scheme))


def test_a_bad_file_names_every_bad_row_and_writes_nothing(scheme):
    bad = (b"jaar;gebied;ontvangers\n2021;GM0114;300\nabc;GM0114;5\n2022;GM9999;10\n2022;GM0037;12,5\n"
           b"2022;GM0037;-3\n2021;GM0114;7\n2023;WK011401;\n")
    with pytest.raises(UploadRefused) as refused:
        import_counts(scheme, "bereik.csv", bad, EVERYWHERE)
    assert refused.value.problems == [
        "bereik.csv, regel 3, kolom jaar: 'abc' is geen getal",
        "bereik.csv, regel 4, kolom gebied: GM9999 ligt niet in een gemeente van deze regeling",
        "bereik.csv, regel 5, kolom ontvangers: 12,5 is geen heel getal",
        "bereik.csv, regel 6, kolom ontvangers: -3 is kleiner dan 0",
        "bereik.csv, regel 7: 2021 GM0114 staat ook in regel 2",
        "bereik.csv, regel 8, kolom ontvangers: er staat geen aantal",
    ]
    assert not RecipientCount.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("b.txt", b"x", "b.txt: kies een CSV- of Excel-bestand (.csv of .xlsx)"),
    ("b.csv", b"jaar,gebied\n2021,GM0114\n", "b.csv: kolom ontvangers ontbreekt (nodig: jaar, gebied, ontvangers)"),
    ("b.xlsx", b"not a workbook", "b.xlsx: dit is geen Excel-bestand (.xlsx)"),
    ("b.csv", b"jaar,gebied,ontvangers\n", "b.csv: er staan geen regels met cijfers in"),
])
def test_unusable_files_are_refused_with_their_name(scheme, name, content, message):
    with pytest.raises(UploadRefused) as refused:
        import_counts(scheme, name, content, EVERYWHERE)
    assert refused.value.problems == [message]


def test_excel_upload_and_a_second_upload_replaces_counts(scheme):
    from openpyxl import Workbook

    book = Workbook()
    for row in (["Jaar", "Gebied", "Ontvangers"], [2021, "gm0114", 300], [2022, "GM0114", 1250.0]):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    assert import_counts(scheme, "bereik.xlsx", data.getvalue(), EVERYWHERE) == 2
    import_counts(scheme, "nieuw.csv", b"jaar,gebied,ontvangers\n2021,GM0114,310\n", EVERYWHERE)
    counts = dict(RecipientCount.objects.values_list("jaar", "ontvangers"))
    assert counts == {2021: 310, 2022: 1250}


@pytest.mark.parametrize(("typed", "expected"), [("1.250", 1250), ("1250", 1250), ("12,0", 12), (" 7 ", 7)])
def test_typed_dutch_counts(typed, expected):
    assert parse_count(typed) == expected


@pytest.mark.parametrize(("typed", "message"), [("12,5", "12,5 is geen heel getal"),
                                                ("12.5", "12.5 is geen heel getal"),
                                                ("veel", "'veel' is geen getal"), ("-1", "-1 is kleiner dan 0")])
def test_typed_numbers_that_are_not_counts(typed, message):
    with pytest.raises(NotACount, match=message):
        parse_count(typed)


def test_editor_of_a_municipality_reports_only_for_it(client, scheme, emmen_editor):
    client.force_login(emmen_editor)
    url = reverse("schemes:count", args=[scheme.pk])
    response = client.post(url, {"jaar": "2022", "gebied": "GM0037", "ontvangers": "12,5"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "u mag geen cijfers geven voor GM0037" in content and "12,5 is geen heel getal" in content
    response = client.post(url, {"jaar": "2022", "gebied": "GM0114", "ontvangers": "1.250"})
    assert response.status_code == 302
    assert RecipientCount.objects.get().ontvangers == 1250
    upload = io.BytesIO(b"jaar;gebied;ontvangers\n2021;GM0037;5\n")
    upload.name = "stadskanaal.csv"
    response = client.post(reverse("schemes:upload", args=[scheme.pk]), {"bestand": upload})
    assert response.status_code == 400
    assert "stadskanaal.csv, regel 2, kolom gebied: u mag geen cijfers geven voor GM0037" in response.content.decode()
    assert RecipientCount.objects.count() == 1


def test_roles(client, scheme, emmen_editor, django_user_model):
    assert client.get(reverse("schemes:detail", args=[scheme.pk])).status_code == 200  # public
    for url in (reverse("schemes:upload", args=[scheme.pk]), reverse("schemes:create")):
        response = client.get(url)  # anonymous: to the log-in page first
        assert response.status_code == 302 and "inloggen" in response.url
    client.force_login(emmen_editor)
    assert client.get(reverse("schemes:create")).status_code == 200
    # the scheme also runs in Stadskanaal and Veendam: an Emmen editor may not change it
    assert client.get(reverse("schemes:edit", args=[scheme.pk])).status_code == 403
    other = django_user_model.objects.create_user("lezer", password="pw-lezer-123")
    client.force_login(other)
    assert client.get(reverse("schemes:count", args=[scheme.pk])).status_code == 403


def test_register_a_scheme(client, team, release):
    client.force_login(team)
    response = client.post(reverse("schemes:create"), {
        "naam": "Jeugdfonds Sport & Cultuur", "gemeenten": ["GM0114"],
        "doelgroep": "laag_inkomen_minderjarigen||", "doelgroep_omschrijving": "Kinderen in een gezin met weinig geld",
        "voorwaarden": "Uw kind is 4 tot 18 jaar."})
    scheme = Scheme.objects.get()
    assert response.status_code == 302 and response.url == reverse("schemes:detail", args=[scheme.pk])
    assert (scheme.doelgroep_indicator, scheme.doelgroep_breakdown, scheme.gemeenten) == (
        "laag_inkomen_minderjarigen", "", ["GM0114"])
    response = client.post(reverse("schemes:create"), {"naam": "X", "gemeenten": ["GM0114"],
                                                       "doelgroep": "bestaat_niet||",
                                                       "doelgroep_omschrijving": "x", "voorwaarden": "x"})
    assert response.status_code == 400 and Scheme.objects.count() == 1


def test_municipal_page_detail_and_comparison(client, scheme):
    import_counts(scheme, "b.csv", GOOD_CSV + b"2022;GM0047;30\n", EVERYWHERE)
    page = client.get(reverse("dashboard:municipality", args=["GM0114"])).content.decode()
    assert "Regelingen in Emmen" in page and "Kindpakket" in page and "50,0 %" in page
    assert 'role="img"' in page  # the trend chart
    hidden = client.get(reverse("dashboard:municipality", args=["GM0047"]))
    if hidden.status_code == 200:  # Veendam has figures in 2021
        assert "de doelgroep is niet gepubliceerd: te weinig gegevens" in hidden.content.decode()
    detail = client.get(reverse("schemes:detail", args=[scheme.pk])).content.decode()
    assert "25,0 %" in detail and "40,0 %" in detail
    compare = client.get(reverse("schemes:compare")).content.decode()
    assert "Kindpakket – Emmen" in compare and "Kindpakket – Stadskanaal" in compare
    english = client.get("/en" + reverse("schemes:detail", args=[scheme.pk])).content.decode()
    assert "Reach" in english


def test_factsheet_rows(scheme):
    import_counts(scheme, "b.csv", GOOD_CSV + b"2022;GM0047;30\n", EVERYWHERE)
    assert factsheet_rows("GM0037") == [{"naam": "Kindpakket", "doelgroep": "Mensen met een laag inkomen", "jaar": 2022,
                                         "ontvangers": 60, "bereik": pytest.approx(40.0), "reden": ""}]
    assert factsheet_rows("GM0047")[0]["bereik"] is None
    assert factsheet_rows("GM1680") == []


def test_goal_tree_indicator_takes_the_reach(scheme, client, team):
    import_counts(scheme, "b.csv", GOOD_CSV, EVERYWHERE)
    definition = IndicatorDefinition.objects.create(code="bereik-kindpakket", naam="Bereik kindpakket",
                                                    soort="percentage")
    node = Node.objects.create(soort="ambitie", code="0", titel="Ambitie")
    ni = NodeIndicator.objects.create(node=node, definition=definition)
    period = Period.objects.create(naam="2022", start=date(2022, 1, 1), eind=date(2022, 12, 31))
    client.force_login(team)
    client.post(reverse("schemes:link_goal", args=[scheme.pk]), {"definition": definition.pk, "gebied": "GM0037"})
    assert GoalIndicatorLink.objects.get().gebied == "GM0037"
    ni = NodeIndicator.objects.select_related("definition").get(pk=ni.pk)
    assert indicator_progress(ni, period).actual == pytest.approx(40.0)  # 60 / 150


def test_only_the_team_links_goal_indicators(rf, scheme, emmen_editor):
    from armoedemonitor.web.schemes.views import link_goal

    request = rf.post("/", {})
    request.user = emmen_editor
    with pytest.raises(PermissionDenied):
        link_goal(request, scheme.pk)


def test_factsheet_shows_the_schemes(scheme):
    from armoedemonitor.web.yearly_report.render import render_factsheet_body

    import_counts(scheme, "b.csv", GOOD_CSV + b"2022;GM0047;30\n", EVERYWHERE)
    sheet = {"naam": "Veendam", "armoede": [], "onderdelen": [], "metingen": [],
             "regelingen": factsheet_rows("GM0047") + factsheet_rows("GM0037")}
    snapshot = {"jaar": 2022, "peildatum": "2023-01-31", "release": None, "armoedebeeld": [],
                "gemeenten": {"GM0047": sheet}}
    html = render_factsheet_body(snapshot, "GM0047")
    assert "Bereik van regelingen" in html
    assert "geen bereik: de doelgroep is niet gepubliceerd: te weinig gegevens" in html
    assert "40,0 %" in html  # 60 / 150
