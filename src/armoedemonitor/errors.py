"""Errors that users cause and can fix: the CLI prints them plainly, without a traceback."""


class UserError(Exception):
    """Something the user can fix (bad input, missing file, refused option)."""


class InputError(UserError):
    """Input data breaks a rule of the canonical schema (docs/spec/microdata.md).

    ``problems`` lists every violation found; each names table, column, rule, count
    and the first offending keys, so one run tells the user everything to fix.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
