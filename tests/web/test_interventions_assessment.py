"""Rules of the toetsingskader, on the hand-built world of test_interventions_support."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_interventions_support import (
    FAST_HASHERS,
    IN_A_YEAR,
    build_world,
    criteria,
    make_user,
    round_with_invites,
    submit,
)

from armoedemonitor.web.accounts.roles import BEOORDELAAR_ERVARING, BEOORDELAAR_PROFESSIONAL, grant
from armoedemonitor.web.interventions import assessment
from armoedemonitor.web.interventions.models import (
    AssessmentRound,
    AssessorInvite,
    Framework,
    Perspectief,
    Rating,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def test_owner_and_partner_members_cannot_assess(world):
    round = assessment.start_round(world["intervention"], world["framework"], world["users"]["team"])
    # prof3 is a member of the partner organisation
    with pytest.raises(ValidationError, match="organisatie van deze interventie"):
        assessment.invite(round, world["users"]["prof3"], Perspectief.PROFESSIONAL)
    # the redacteur of the owner has no assessor role either way; give her one to test ownership
    grant(world["users"]["redacteur"], BEOORDELAAR_ERVARING)
    with pytest.raises(ValidationError, match="organisatie van deze interventie"):
        assessment.invite(round, world["users"]["redacteur"], Perspectief.ERVARING)
    assert not round.invites.exists()


def test_invite_needs_the_role_of_the_perspective_and_only_once(world):
    round = assessment.start_round(world["intervention"], world["framework"], world["users"]["team"])
    with pytest.raises(ValidationError, match="geen rol als beoordelaar"):
        assessment.invite(round, world["users"]["erv1"], Perspectief.PROFESSIONAL)
    assessment.invite(round, world["users"]["erv1"], Perspectief.ERVARING)
    with pytest.raises(ValidationError, match="al uitgenodigd"):
        assessment.invite(round, world["users"]["erv1"], Perspectief.ERVARING)


def test_a_round_needs_an_adopted_framework(world):
    concept = assessment.new_framework_version(world["framework"])
    assert concept.versie == 2 and concept.status == Framework.Status.CONCEPT
    assert [c.code for c in concept.criteria.all()] == ["doel", "leven", "onderbouwing"]
    with pytest.raises(ValidationError):
        assessment.start_round(world["intervention"], concept, world["users"]["team"])
    assessment.adopt_framework(concept)
    world["framework"].refresh_from_db()
    assert world["framework"].status == Framework.Status.VERVANGEN


def test_each_perspective_gets_only_its_questions(world):
    round, invites = round_with_invites(world)
    assert [c.code for c in assessment.criteria_for(invites["prof1"])] == ["doel", "onderbouwing"]
    assert [c.code for c in assessment.criteria_for(invites["erv1"])] == ["doel", "leven"]


def test_submit_requires_every_required_answer_and_reasons_for_extremes(world):
    round, invites = round_with_invites(world)
    by_code = criteria(world["framework"])
    invite = invites["prof1"]
    # only "doel" answered, with the extreme score 4 and no explanation
    answers = {by_code["doel"].pk: assessment.Answer(score=4)}
    with pytest.raises(ValidationError) as error:
        assessment.save_ratings(invite, answers, submit=True)
    assert set(error.value.message_dict) == {"doel", "onderbouwing"}
    assert not Rating.objects.exists()
    # saving a draft is fine without everything
    assessment.save_ratings(invite, answers, submit=False)
    invite.refresh_from_db()
    assert not invite.submitted and Rating.objects.count() == 2
    # a score outside the scale is refused even for drafts
    with pytest.raises(ValidationError):
        assessment.save_ratings(invite, {by_code["doel"].pk: assessment.Answer(score=7)}, submit=False)
    submit(invite, {"doel": 4, "onderbouwing": "weet_niet"})
    invite.refresh_from_db()
    assert invite.submitted
    with pytest.raises(ValidationError, match="al ingestuurd"):
        submit(invite, {"doel": 2, "onderbouwing": 2})


def test_ratings_are_hidden_until_you_submit(world):
    round, invites = round_with_invites(world)
    users = world["users"]
    submit(invites["prof1"], {"doel": 3, "onderbouwing": 3})
    assert assessment.can_see_others(users["prof1"], round)
    assert not assessment.can_see_others(users["prof2"], round)
    assert not assessment.can_see_others(users["erv1"], round)
    assert not assessment.can_see_others(users["burger"], round)
    assert assessment.can_see_others(users["team"], round)


def test_spread_side_by_side_counts_per_scale_point_without_mixing(world):
    round, invites = round_with_invites(world)
    submit(invites["prof1"], {"doel": 1, "onderbouwing": 3})
    submit(invites["prof2"], {"doel": 4, "onderbouwing": "weet_niet"})
    submit(invites["erv1"], {"doel": 3, "leven": 2})
    # erv2 saved a draft only: it must not count anywhere
    by_code = criteria(world["framework"])
    assessment.save_ratings(invites["erv2"], {by_code["doel"].pk: assessment.Answer(score=1)}, submit=False)

    rows = {row["criterion"].code: row["perspectives"] for row in assessment.spread(round)}
    prof, erv = rows["doel"]
    # doel, professionals: one 1 and one 4 -> counts 1,0,0,1; range 1..4 is "verdeeld"
    assert [n for _v, _l, n in prof.counts] == [1, 0, 0, 1]
    assert prof.range == (1, 4) and prof.verdeeld
    # doel, ervaringsdeskundigen: only erv1's 3 (erv2's draft 1 is not counted)
    assert [n for _v, _l, n in erv.counts] == [0, 0, 1, 0]
    assert not erv.verdeeld
    # onderbouwing is a professional question: 1 answer (3) and 1 "weet ik niet"; no ervaring cell
    prof, erv = rows["onderbouwing"]
    assert [n for _v, _l, n in prof.counts] == [0, 0, 1, 0] and prof.weet_niet == 1
    assert erv is None
    prof, erv = rows["leven"]
    assert prof is None and [n for _v, _l, n in erv.counts] == [0, 1, 0, 0]


def test_verdict_needs_the_minimum_per_perspective_and_closes_the_round(world):
    round, invites = round_with_invites(world)
    user = world["users"]["team"]
    submit(invites["prof1"], {"doel": 3, "onderbouwing": 3})
    with pytest.raises(ValidationError, match="minstens 2"):
        assessment.record_verdict(round, Perspectief.PROFESSIONAL, oordeel="werkt_goed",
                                  motivering_b1="Goed.", geldig_tot=IN_A_YEAR, by=user)
    submit(invites["prof2"], {"doel": 2, "onderbouwing": 3})
    assessment.record_verdict(round, Perspectief.PROFESSIONAL, oordeel="werkt_goed",
                              motivering_b1="Goed onderbouwd.", geldig_tot=IN_A_YEAR, by=user)
    # two professional submissions are not enough for the ervaringsdeskundigen' verdict
    with pytest.raises(ValidationError, match="er zijn er 0"):
        assessment.record_verdict(round, Perspectief.ERVARING, oordeel="werkt_deels",
                                  motivering_b1="Deels.", geldig_tot=IN_A_YEAR, by=user)
    late = assessment.invite(round, make_user("prof5", BEOORDELAAR_PROFESSIONAL), Perspectief.PROFESSIONAL)
    submit(invites["erv1"], {"doel": 3, "leven": 3})
    submit(invites["erv2"], {"doel": 3, "leven": 2})
    round.refresh_from_db()
    assert round.status == AssessmentRound.Status.IN_OVERLEG
    with pytest.raises(ValidationError):
        assessment.record_verdict(round, Perspectief.ERVARING, oordeel="werkt_deels", motivering_b1="Deels.",
                                  geldig_tot=datetime.date.today(), by=user)
    assessment.record_verdict(round, Perspectief.ERVARING, oordeel="werkt_deels",
                              motivering_b1="Voor een deel.", geldig_tot=IN_A_YEAR, by=user)
    round.refresh_from_db()
    assert round.status == AssessmentRound.Status.BESLOTEN and round.gesloten is not None
    # a closed round takes no new assessors and no late answers
    with pytest.raises(ValidationError, match="afgesloten"):
        assessment.invite(round, make_user("prof4", BEOORDELAAR_PROFESSIONAL), Perspectief.PROFESSIONAL)
    with pytest.raises(ValidationError, match="afgesloten"):
        submit(late, {"doel": 3, "onderbouwing": 3})
    verdicts = assessment.latest_verdicts(world["intervention"])
    assert {p: v.oordeel for p, v in verdicts.items()} == {"professional": "werkt_goed", "ervaring": "werkt_deels"}
    assert verdicts["ervaring"].history.count() == 1  # audited


def test_minimum_is_configurable_per_round(world):
    round = assessment.start_round(world["intervention"], world["framework"], world["users"]["team"],
                                   min_professional=1, min_ervaring=3)
    assert (round.minimum("professional"), round.minimum("ervaring")) == (1, 3)


def test_best_practice_needs_reason_and_future_review(world):
    from armoedemonitor.web.interventions.models import BestPracticeSet

    best = BestPracticeSet.objects.create(naam="Werkende interventies", jaar=2026)
    with pytest.raises(ValidationError):
        assessment.add_to_best_practices(world["intervention"], best, reden=" ", herzien_op=IN_A_YEAR)
    with pytest.raises(ValidationError):
        assessment.add_to_best_practices(world["intervention"], best, reden="Werkt.",
                                         herzien_op=datetime.date(2020, 1, 1))
    membership = assessment.add_to_best_practices(world["intervention"], best, reden="Werkt.", herzien_op=IN_A_YEAR)
    assert list(best.interventions.all()) == [world["intervention"]] and membership.reden == "Werkt."


scores = st.one_of(st.integers(min_value=1, max_value=4), st.just("weet_niet"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prof=st.lists(scores, min_size=0, max_size=3), erv=st.lists(scores, min_size=0, max_size=3))
def test_spread_accounts_for_every_submitted_answer_per_perspective(world, prof, erv):
    """Identity: per perspective, counts + "weet ik niet" = submitted assessors, and each
    perspective's cell depends only on its own assessors."""
    from test_interventions_support import make_user

    from armoedemonitor.web.accounts.roles import BEOORDELAAR_ERVARING, BEOORDELAAR_PROFESSIONAL

    round = assessment.start_round(world["intervention"], world["framework"], world["users"]["team"])
    for perspectief, role, answers in (("professional", BEOORDELAAR_PROFESSIONAL, prof),
                                       ("ervaring", BEOORDELAAR_ERVARING, erv)):
        for n, value in enumerate(answers):
            user = make_user(f"h-{round.pk}-{perspectief}-{n}", role)
            invite = assessment.invite(round, user, perspectief)
            other = "onderbouwing" if perspectief == "professional" else "leven"
            submit(invite, {"doel": value, other: 2})
    doel = next(r for r in assessment.spread(round) if r["criterion"].code == "doel")
    for cell, answers in zip(doel["perspectives"], (prof, erv), strict=True):
        assert cell.answered + cell.weet_niet == len(answers)
        for value, _label, n in cell.counts:
            assert n == answers.count(value)
    assert AssessorInvite.objects.filter(round=round, ingediend_op__isnull=False).count() == len(prof) + len(erv)
