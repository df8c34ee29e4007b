"""The one log-in-or-403 gate used by the interventions and programme views."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from armoedemonitor.web.accounts.access import requires


@requires(lambda user: user.username == "team")
def view(request):
    return HttpResponse("binnen")


def request_as(user):
    request = RequestFactory().get("/programma/?periode=2025")
    request.user = user
    return request


def test_anonymous_user_is_sent_to_log_in_and_back():
    response = view(request_as(SimpleNamespace(is_authenticated=False)))
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/programma/%3Fperiode%3D2025"


def test_wrong_role_is_refused_not_sent_to_log_in():
    with pytest.raises(PermissionDenied):
        view(request_as(SimpleNamespace(is_authenticated=True, username="gast")))


def test_right_role_gets_the_view():
    assert view(request_as(SimpleNamespace(is_authenticated=True, username="team"))).content == b"binnen"
