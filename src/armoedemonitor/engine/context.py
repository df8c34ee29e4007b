"""Parameters of a run and the context every indicator family reads from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import count

import ibis

from armoedemonitor import definitions
from armoedemonitor.engine.backend import materialize
from armoedemonitor.engine.blocks import (
    HOUSEHOLD_YEAR_COLUMNS,
    PERSON_YEAR_COLUMNS,
    computed_by_years,
    household_years,
    input_regions,
    person_years,
)
from armoedemonitor.engine.regions import region_membership
from armoedemonitor.errors import UserError

POVERTY_LINES = ("lage_inkomensgrens", "arop60")


def default_region_sets() -> dict[str, tuple[str, ...]]:
    return {name: rs.gemeenten for name, rs in definitions.region_sets().items()}


@dataclass(frozen=True)
class Params:
    """The configurable parameters of docs/spec/indicators.md (the *italics*), with defaults.

    poverty_line: 'lage_inkomensgrens', 'arop60', or the path of a CSV with columns
    year, household_type, amount (household_type '' applies to every type).
    extra_thresholds: lage-inkomensgrens amounts {year: EUR} for years the reference
    file lacks (they also override it).
    wealth_limits: huurtoeslag vermogensgrens {year: (alleen, samen)} in EUR for years
    definitions/data/huurtoeslag.toml lacks (they also override it).
    """

    poverty_line: str = "lage_inkomensgrens"
    extra_thresholds: Mapping[int, float] = field(default_factory=dict)
    wealth_limits: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    long_term_years: int = 4
    child_age: tuple[int, int] = (22, 26)
    region_of: str = "upbringing"
    region_sets: Mapping[str, tuple[str, ...]] = field(default_factory=default_region_sets)
    exclude_nonpositive_income: bool = True

    def __post_init__(self):
        if self.region_of not in ("upbringing", "current"):
            raise UserError(f"region_of moet 'upbringing' of 'current' zijn, niet {self.region_of!r}")
        if self.long_term_years < 1:
            raise UserError("long_term_years moet minstens 1 zijn")

    def thresholds(self) -> dict[int, float]:
        """Lage-inkomensgrens by year: the reference file, overridden by the user's."""
        return {**definitions.low_income_thresholds(), **{int(y): float(v) for y, v in self.extra_thresholds.items()}}


_SERIALS = count()


@dataclass
class EngineContext:
    """Everything an indicator family needs: connection, input tables, parameters, years.

    input_years: every year present in ``households`` (earlier years feed long-term
    and life-course indicators even when they are not output).
    output_years: the years to report (the --years filter intersected with the input).
    household_years / person_years: the building blocks (see ``blocks``), built once
    and cached in the backend; ``blocks`` holds the other blocks computed so far.
    fine_regions / regions: the numbered (gemeente, wijk, buurt) combinations the units
    carry, and every region each belongs to (``regions``); both small.
    person_year_columns / household_year_columns: the columns person_years and
    household_years hold (``blocks``): those the run's families read; by default all.
    """

    con: ibis.BaseBackend
    tables: dict[str, ibis.Table]
    params: Params
    input_years: tuple[int, ...]
    output_years: tuple[int, ...]
    person_year_columns: frozenset[str] = PERSON_YEAR_COLUMNS
    household_year_columns: frozenset[str] = HOUSEHOLD_YEAR_COLUMNS
    blocks: dict[str, ibis.Table] = field(default_factory=dict)
    # Names this context's tables in the engine. Not id(self): a connection outlives its
    # contexts (tests share one), and a new context can get a collected one's id.
    serial: int = field(default_factory=lambda: next(_SERIALS), init=False)

    @classmethod
    def build(cls, con, tables: dict[str, ibis.Table], params: Params | None = None,
              years: tuple[int, int] | None = None,
              person_year_columns: frozenset[str] = PERSON_YEAR_COLUMNS,
              household_year_columns: frozenset[str] = HOUSEHOLD_YEAR_COLUMNS) -> EngineContext:
        params = params or Params()
        found = tables["households"].select("year").distinct().to_pandas()["year"]
        input_years = tuple(sorted(int(y) for y in found))
        if years is None:
            output_years = input_years
        else:
            first, last = years
            output_years = tuple(y for y in input_years if first <= y <= last)
            if not output_years:
                raise UserError(
                    f"geen invoerjaren in {first}-{last}; de invoer heeft de jaren "
                    f"{', '.join(map(str, input_years)) or '(geen)'}"
                )
        return cls(con=con, tables=tables, params=params, input_years=input_years,
                   output_years=output_years, person_year_columns=person_year_columns,
                   household_year_columns=household_year_columns)

    def years_with_history(self, span: int) -> tuple[int, ...]:
        """Output years t whose years t-span+1 .. t-1 are all in the input."""
        present = set(self.input_years)
        return tuple(t for t in self.output_years
                     if all(t - k in present for k in range(1, span)))

    @cached_property
    def fine_regions(self) -> ibis.Table:
        return materialize(self.con, input_regions(self), self.table_name("fine_regions"))

    @cached_property
    def regions(self) -> ibis.Table:
        return materialize(self.con, region_membership(self.fine_regions, self.params.region_sets),
                           self.table_name("regions"))

    @cached_property
    def household_years(self) -> ibis.Table:
        return materialize(self.con, household_years(self), self.table_name("household_years"))

    @cached_property
    def person_years(self) -> ibis.Table:
        return computed_by_years(self, lambda years: person_years(self, years), "person_years",
                                 self.input_years)

    @cached_property
    def person_year_rows(self) -> int:
        """The size of the population over all years (its members rows), which sets how
        many years one query can take (``blocks.years_per_part``)."""
        return int(self.tables["members"].count().to_pyarrow().as_py())

    def table_name(self, block: str) -> str:
        return f"armoedemonitor_{block}_{self.serial}"
