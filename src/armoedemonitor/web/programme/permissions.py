"""Who may do what: the programme team edits everything and approves; redacteuren
enter measurements; everyone may read the tree and adopted reports."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from armoedemonitor.web.accounts.roles import is_programme_team

from .services.workflow import can_enter


def _requires(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


team_required = _requires(is_programme_team)
entry_required = _requires(can_enter)
