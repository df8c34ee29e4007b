"""Typing numbers the Dutch way, and the four-eyes rule for approving measurements."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from test_programme import count_indicator, periods, team, tree  # noqa: F401 (fixtures)

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, grant
from armoedemonitor.web.programme.fields import parse_number
from armoedemonitor.web.programme.models import Measurement
from armoedemonitor.web.programme.services import workflow


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12,5", 12.5), ("12.5", 12.5), ("125", 125.0), (" -3,25 ", -3.25), ("1.234,5", 1234.5),
     ("1.234.567", 1234567.0), ("0,5", 0.5), ("1234,5", 1234.5), ("12.50", 12.5)],
)
def test_dutch_and_plain_numbers_are_read_as_meant(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize("typed", ["1.234", "12.345", "-1.000"])
def test_a_point_before_three_digits_is_refused_as_ambiguous(typed):
    with pytest.raises(ValidationError) as error:
        parse_number(typed)
    assert error.value.code == "ambiguous"


@pytest.mark.parametrize("typed", ["12,5,3", "1,234.5", "twaalf", "12,", ",5", "1.23.4"])
def test_other_input_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as error:
        parse_number(typed)
    assert error.value.code == "invalid"


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_a_dutch_decimal_comma_round_trips(whole, cents):
    assert parse_number(f"{whole},{cents:02d}") == pytest.approx(whole + cents / 100)


@pytest.mark.django_db
def test_typing_12_comma_5_saves_12_5_and_1_point_234_saves_nothing(client, tree, periods, team):  # noqa: F811
    ni = count_indicator(tree["exp"])
    client.force_login(team)
    url = f"/programma/indicator/{ni.pk}/meting/"
    base = {"period": periods[1].pk, "toelichting": "telling", "bewijs_url": "https://example.org/x",
            "actie": "bewaren"}
    page = client.post(url, {**base, "waarde": "1.234"}).content.decode()
    assert "Is 1.234 een getal met een punt voor de duizendtallen of voor de decimalen?" in page
    assert not Measurement.objects.exists()
    assert client.post(url, {**base, "waarde": "12,5"}).status_code == 302
    assert Measurement.objects.get().waarde == 12.5
    assert 'inputmode="decimal"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_nobody_approves_their_own_measurement(client, tree, periods, team, django_user_model):  # noqa: F811
    ni = count_indicator(tree["exp"])
    m = Measurement.objects.create(node_indicator=ni, period=periods[1], waarde=5, toelichting="vijf",
                                   bewijs_url="https://example.org/x", status="ingediend", ingevoerd_door=team)
    with pytest.raises(ValidationError, match="zelf ingevoerd"):
        workflow.approve(m, team)
    client.force_login(team)
    review = client.get("/programma/controle/").content.decode()
    assert "Iemand anders uit het programmateam moet haar goedkeuren." in review
    client.post(f"/programma/meting/{m.pk}/besluit/", {"besluit": "goedkeuren"})
    assert Measurement.objects.get(pk=m.pk).status == "ingediend"
    colleague = django_user_model.objects.create_user("collega", password="pw-collega-1")
    grant(colleague, PROGRAMMATEAM)
    workflow.approve(m, colleague)
    assert (m.status, m.goedgekeurd_door) == ("goedgekeurd", colleague)


@pytest.mark.django_db
def test_adopting_the_yearly_report_needs_a_confirmation(client, team, periods):  # noqa: F811
    from datetime import date

    from armoedemonitor.web.programme.models import Report
    from armoedemonitor.web.programme.services.reports import new_concept

    report = new_concept(2025, date(2026, 8, 31), team)  # built at once under the test settings
    client.force_login(team)
    page = client.get(f"/programma/rapportage/{report.pk}/").content.decode()
    assert 'name="bevestig" value="ja" required' in page
    response = client.post(f"/programma/rapportage/{report.pk}/vaststellen/", follow=True)
    assert "Vink eerst aan" in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == "concept"


@pytest.mark.django_db
def test_several_goals_are_chosen_with_checkboxes_not_ctrl_click(client, team, tree):  # noqa: F811
    client.force_login(team)
    page = client.get("/programma/leren/nieuw/").content.decode()
    assert 'type="checkbox" name="nodes"' in page
    assert "Ctrl" not in page
    assert "<legend>Over" in page


@pytest.mark.django_db
def test_building_a_draft_report_says_it_takes_a_while(client, team):  # noqa: F811
    client.force_login(team)
    page = client.get("/programma/rapportage/").content.decode()
    assert "data-busy=" in page and 'role="status"' in page and "programme.js" in page
