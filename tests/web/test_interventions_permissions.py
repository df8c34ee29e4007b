"""Permission matrix: every interventions view for every role (status code expected).

Roles (columns): anonymous, logged in without role, redacteur of the owner, redacteur of
another organisation, professional invited to the round, ervaringsdeskundige not
invited, programmateam. 302 = sent to the login page; 404 = not visible to this user.
"""

import pytest
from test_interventions_support import FAST_HASHERS, PASSWORD, build_world

from armoedemonitor.web.interventions import assessment
from armoedemonitor.web.interventions.models import BestPracticeSet, Perspectief

ROLES = ["anonymous", "burger", "redacteur", "buiten_redacteur", "prof1", "erv1", "team"]
A, T, N = 200, 403, 404  # allowed, forbidden, not found
L = 302  # login

GET_MATRIX = [
    # url template                                       anon burger red buiten prof1 erv1 team
    ("/interventies/",                                    [A, A, A, A, A, A, A]),
    ("/interventies/vroeg-eropaf/",                       [A, A, A, A, A, A, A]),
    ("/interventies/concept-aanpak/",                     [N, N, A, N, N, N, A]),
    ("/interventies/matrix/",                             [A, A, A, A, A, A, A]),
    ("/interventies/overzicht/",                          [A, A, A, A, A, A, A]),
    ("/interventies/werkende-interventies/",              [A, A, A, A, A, A, A]),
    ("/interventies/werkende-interventies/2026/nieuwsbrief.html", [L, T, T, T, T, T, A]),
    ("/interventies/werkende-interventies/2026/nieuwsbrief.pdf",  [L, T, T, T, T, T, A]),
    ("/interventies/nieuw/",                              [L, T, A, A, T, T, A]),
    ("/interventies/importeren/",                         [L, T, T, T, T, T, A]),
    ("/interventies/export.csv",                          [L, T, T, T, T, T, A]),
    ("/interventies/export.xlsx",                         [L, T, T, T, T, T, A]),
    ("/interventies/vroeg-eropaf/bewerken/",              [L, T, A, T, T, T, A]),
    ("/interventies/vroeg-eropaf/geschiedenis/",          [L, T, A, T, T, T, A]),
    ("/interventies/concept-aanpak/bewerken/",            [L, N, A, N, N, N, A]),
    ("/interventies/vroeg-eropaf/beoordelen-starten/",    [L, T, T, T, T, T, A]),
    ("/interventies/vroeg-eropaf/werkend-maken/",         [L, T, T, T, T, T, A]),
    ("/interventies/beoordelingen/",                      [L, A, A, A, A, A, A]),
    ("/interventies/beoordelingen/{round}/",              [L, T, T, T, A, T, A]),
    ("/interventies/beoordelingen/{round}/beoordelen/",   [L, N, N, N, A, N, N]),
    ("/interventies/beoordelingen/{round}/oordeel/ervaring/", [L, T, T, T, T, T, A]),
    ("/interventies/toetsingskader/",                     [L, T, T, T, T, T, A]),
    ("/interventies/toetsingskader/{framework}/",         [L, T, T, T, T, T, A]),
    ("/interventies/toetsingskader/vraag/{criterion}/",   [L, T, T, T, T, T, T]),  # adopted: nobody edits
]

POST_MATRIX = [
    # (url, data, anon burger red buiten prof1 erv1 team); team's 302 is the redirect after success
    ("/interventies/beoordelingen/{round}/uitnodigen/", {"user": "{erv2}", "perspectief": "ervaring"},
     [L, T, T, T, T, T, L]),
    ("/interventies/toetsingskader/{framework}/nieuwe-versie/", {}, [L, T, T, T, T, T, L]),
]


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    round = assessment.start_round(world["intervention"], world["framework"], world["users"]["team"])
    assessment.invite(round, world["users"]["prof1"], Perspectief.PROFESSIONAL)
    BestPracticeSet.objects.create(naam="Werkende interventies", jaar=2026)
    world["ids"] = {"round": round.pk, "framework": world["framework"].pk,
                    "criterion": world["framework"].criteria.first().pk, "erv2": world["users"]["erv2"].pk}
    return world


def _client_for(client, world, role):
    if role != "anonymous":
        assert client.login(username=role, password=PASSWORD)
    return client


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_get_matrix(client, world, role_index, role):
    _client_for(client, world, role)
    wrong = []
    for url, expected in GET_MATRIX:
        url = url.format(**world["ids"])
        status = client.get(url).status_code
        if status != expected[role_index]:
            wrong.append(f"{url}: {status}, expected {expected[role_index]}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_post_matrix(client, world, role_index, role):
    _client_for(client, world, role)
    for url, data, expected in POST_MATRIX:
        url = url.format(**world["ids"])
        data = {k: v.format(**world["ids"]) for k, v in data.items()}
        response = client.post(url, data)
        assert response.status_code == expected[role_index], url
        if role == "anonymous":
            assert "/account/inloggen/" in response["Location"]


def test_every_interventions_view_is_in_the_matrix(world):
    """A new view must be added to one of the matrices above."""
    from django.urls import resolve

    from armoedemonitor.web.interventions.urls import urlpatterns

    tested = {resolve(url.format(**world["ids"])).url_name for url, *_rest in GET_MATRIX + POST_MATRIX}
    assert tested == {p.name for p in urlpatterns}
