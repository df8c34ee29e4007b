"""Who may do what: the programme team edits everything and approves; redacteuren
enter measurements; everyone may read the tree and adopted reports."""

from armoedemonitor.web.accounts.access import requires
from armoedemonitor.web.accounts.roles import is_programme_team

from .services.workflow import can_enter

team_required = requires(is_programme_team)
entry_required = requires(can_enter)
