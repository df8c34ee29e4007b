"""The CBS Remote Access codes (``cbs_codes.toml``): read by the mapping, which turns
them into canonical values, and by the validator, which refuses "unknown" codes that
reach canonical input as amounts."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files


@cache
def codes() -> dict:
    return tomllib.loads(files(__package__).joinpath("cbs_codes.toml").read_text("utf-8"))


def sentinel_amounts() -> tuple[float, ...]:
    """Amounts that mean "unknown" in CBS files (9999999999, ...)."""
    return tuple(codes()["sentinels"]["amounts"])
