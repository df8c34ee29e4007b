"""Small hand-built world for the interventions tests (helpers, no tests of its own).

Organisations: "Eigenaar" owns the intervention "Vroeg Eropaf", "Partner" is a partner.
Users: team (programmateam), redacteur (member of Eigenaar), buiten_redacteur (redacteur
of an unrelated organisation), prof1..3 (professionals; prof3 also member of Partner),
erv1..2 (ervaringsdeskundigen), burger (logged in without role).
Framework v1 (vastgesteld), scale 1..4, criteria: doel (beide), leven (ervaring),
onderbouwing (professional).
"""

import datetime

from django.contrib.auth import get_user_model

from armoedemonitor.web.accounts.roles import (
    BEOORDELAAR_ERVARING,
    BEOORDELAAR_PROFESSIONAL,
    PROGRAMMATEAM,
    REDACTEUR,
    grant,
)
from armoedemonitor.web.interventions import assessment
from armoedemonitor.web.interventions.models import (
    Criterion,
    Framework,
    Intervention,
    Organisation,
    Perspectief,
    Scale,
    TargetGroup,
    Theme,
)

PASSWORD = "geheim-voor-tests"
# Password hashing is deliberately slow; tests only need it to work.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
FOUR_POINTS = [{"waarde": v, "label": label} for v, label in
               [(1, "Nee"), (2, "Een beetje"), (3, "Grotendeels"), (4, "Ja, helemaal")]]


def make_user(username, role=None, organisation=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role:
        grant(user, role)
    if organisation:
        organisation.leden.add(user)
    return user


def ensure_vocabulary():
    """The word lists come from a data migration; a transactional (browser) test elsewhere
    may have flushed them, so tests make sure they are there."""
    from django.apps import apps

    from armoedemonitor.web.interventions.vocabulary import ensure_vocabulary as load

    load(apps)


def build_world():
    ensure_vocabulary()
    eigenaar = Organisation.objects.create(naam="Eigenaar")
    partner = Organisation.objects.create(naam="Partner")
    anders = Organisation.objects.create(naam="Anders")
    intervention = Intervention.objects.create(
        slug="vroeg-eropaf", naam="Vroeg Eropaf", samenvatting_b1="Snel langs bij een gemiste betaling.",
        eigenaar=eigenaar, status=Intervention.Status.GEPUBLICEERD,
    )
    intervention.partners.add(partner)
    intervention.target_groups.add(TargetGroup.objects.get(code="volwassenen"))
    intervention.themes.add(Theme.objects.get(code="schulden"))
    concept = Intervention.objects.create(slug="concept-aanpak", naam="Concept aanpak",
                                          samenvatting_b1="Nog niet af.", eigenaar=eigenaar)
    scale = Scale.objects.create(naam="Vier punten", punten=FOUR_POINTS)
    framework = Framework.objects.create(naam="Toetsingskader", versie=1)
    for n, (code, perspectief) in enumerate(
        [("doel", "beide"), ("leven", "ervaring"), ("onderbouwing", "professional")]
    ):
        Criterion.objects.create(framework=framework, code=code, vraag_b1=f"Vraag {code}?", volgorde=n,
                                 perspectief=perspectief, schaal=scale)
    assessment.adopt_framework(framework)
    users = {
        "team": make_user("team", PROGRAMMATEAM),
        "redacteur": make_user("redacteur", REDACTEUR, eigenaar),
        "buiten_redacteur": make_user("buiten_redacteur", REDACTEUR, anders),
        "prof1": make_user("prof1", BEOORDELAAR_PROFESSIONAL),
        "prof2": make_user("prof2", BEOORDELAAR_PROFESSIONAL),
        "prof3": make_user("prof3", BEOORDELAAR_PROFESSIONAL, partner),
        "erv1": make_user("erv1", BEOORDELAAR_ERVARING),
        "erv2": make_user("erv2", BEOORDELAAR_ERVARING),
        "burger": make_user("burger"),
    }
    return {"intervention": intervention, "concept": concept, "framework": framework, "users": users,
            "organisations": {"eigenaar": eigenaar, "partner": partner, "anders": anders}}


def criteria(framework):
    return {c.code: c for c in framework.criteria.all()}


def submit(invite, scores: dict, toelichting="Omdat het zo is."):
    """Submit answers by criterion code: an int score or "weet_niet"."""
    by_code = criteria(invite.round.framework)
    answers = {
        by_code[code].pk: assessment.Answer(score=None if value == "weet_niet" else value,
                                            weet_niet=value == "weet_niet", toelichting=toelichting)
        for code, value in scores.items()
    }
    assessment.save_ratings(invite, answers, submit=True)


def round_with_invites(world, min_each=2):
    round = assessment.start_round(world["intervention"], world["framework"], world["users"]["team"],
                                   min_professional=min_each, min_ervaring=min_each)
    invites = {name: assessment.invite(round, world["users"][name], p) for name, p in [
        ("prof1", Perspectief.PROFESSIONAL), ("prof2", Perspectief.PROFESSIONAL),
        ("erv1", Perspectief.ERVARING), ("erv2", Perspectief.ERVARING)]}
    return round, invites


IN_A_YEAR = datetime.date.today() + datetime.timedelta(days=365)
