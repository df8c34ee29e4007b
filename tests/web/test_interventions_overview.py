"""The 2022 picture, the target group x theme matrix and the demo register."""

import pytest
from django.core.management import call_command
from test_interventions_support import ensure_vocabulary

from armoedemonitor.web.interventions import overview
from armoedemonitor.web.interventions.models import (
    AssessmentRound,
    BestPracticeMembership,
    Framework,
    Intervention,
    TargetGroup,
    Theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary(db):
    ensure_vocabulary()


def make(slug, level, running=False, groups=(), themes=()):
    intervention = Intervention.objects.create(slug=slug, naam=slug, samenvatting_b1="x", bewijsniveau=level,
                                               effectonderzoek_loopt=running)
    intervention.target_groups.set(TargetGroup.objects.filter(code__in=groups))
    intervention.themes.set(Theme.objects.filter(code__in=themes))
    return intervention


def test_evidence_groups_follow_the_2022_categories():
    items = [
        make("a", "goed_beschreven"),                   # geen aanwijzingen
        make("b", "goed_onderbouwd"),                   # geen aanwijzingen
        make("c", "goed_onderbouwd", running=True),     # effectonderzoek loopt
        make("d", "eerste_aanwijzingen", running=True),  # a study on top of first indications stays "eerste"
        make("e", "sterke_aanwijzingen"),
        make("f", "geen_beoordeling"),                  # unknown: its own group, not "geen aanwijzingen"
        make("g", "averechts"),
    ]
    bars = {b.key: b for b in overview.by_evidence(items)}
    assert {k: b.count for k, b in bars.items() if b.count} == {
        "geen_aanwijzingen": 2, "effectonderzoek_loopt": 1, "eerste_aanwijzingen": 1,
        "sterke_aanwijzingen": 1, "geen_beoordeling": 1, "averechts": 1,
    }
    assert bars["geen_aanwijzingen"].share == pytest.approx(2 / 7)
    assert sum(b.count for b in bars.values()) == 7


def test_matrix_counts_and_gaps():
    make("a", "goed_beschreven", groups=["kinderen", "gezinnen"], themes=["onderwijs"])
    make("b", "goed_beschreven", groups=["kinderen"], themes=["onderwijs", "schulden"])
    hidden = make("c", "goed_beschreven", groups=["kinderen"], themes=["schulden"])
    visible = Intervention.objects.exclude(pk=hidden.pk)
    table = overview.matrix(visible)
    cells = {(row["group"].code, theme.code): n for row in table["rows"] for theme, n in row["cells"]}
    # kinderen x onderwijs: a and b = 2; kinderen x schulden: b only (c is not visible) = 1
    assert cells[("kinderen", "onderwijs")] == 2 and cells[("kinderen", "schulden")] == 1
    assert cells[("gezinnen", "onderwijs")] == 1 and cells[("gezinnen", "schulden")] == 0
    assert cells[("ouderen", "wonen")] == 0


def test_bar_chart_geometry_scales_to_the_largest_bar():
    chart = overview.BarChart([overview.Bar("a", "A", 10, 0.5), overview.Bar("b", "B", 5, 0.25)])
    rows = chart.rows()
    room = chart.width - chart.label_width - 50
    assert rows[0]["length"] == room and rows[1]["length"] == room / 2
    assert rows[1]["y"] == chart.gap + chart.bar_height + chart.gap


def test_demo_register_reproduces_the_2022_counts_and_is_idempotent():
    call_command("load_demo_interventions", verbosity=0)
    call_command("load_demo_interventions", verbosity=0)
    assert Intervention.objects.count() == 55
    bars = {b.key: b.count for b in overview.by_evidence(Intervention.objects.all())}
    # 2022 werktafel: 28 geen aanwijzingen, 11 eerste, 5 effectstudies, 1 sterke (of ~55)
    assert bars["geen_aanwijzingen"] == 28
    assert bars["eerste_aanwijzingen"] == 11
    assert bars["effectonderzoek_loopt"] == 5
    assert bars["sterke_aanwijzingen"] == 1
    assert bars["geen_beoordeling"] == 10
    assert Framework.objects.get().status == Framework.Status.VASTGESTELD
    assert AssessmentRound.objects.get().invites.count() == 4
    assert BestPracticeMembership.objects.count() == 1
