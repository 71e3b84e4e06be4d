"""The official worked examples, as data, checked against the engine.

``examples/*.yaml`` holds each example once: its inputs, the figures the source prints (``official``)
and the same figures worked by hand to the fen (``exact``). The tests, ``python -m calculator
examples`` and the dashboard's gallery all read them through :func:`run_examples`, so the acceptance
set lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .comparison import Comparison, resolve_pair
from .errors import PolicyError, from_validation_error
from .policy_model import Bilingual, Policy, Source
from .registry import Registry, default_registry, read_yaml
from .scenario import Scenario, parse_scenario
from .settlement import OUTPUT_FIELDS, YearResult, settle_year

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
TOLERANCE = Decimal(1)  # the sources print whole yuan and round before deriving cash

Side = Literal["before", "after"]
Figures = dict[Literal[OUTPUT_FIELDS], Decimal]  # type: ignore[valid-type]


class VisitFigures(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    pooled: Decimal
    own_share: Decimal


class ExampleFigures(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    before: Figures = {}
    after: Figures = {}
    visits_after: list[VisitFigures] = []


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: Bilingual
    story: Bilingual
    sources: list[Source]
    sides: list[Side]
    input: dict
    official: ExampleFigures
    exact: ExampleFigures
    arithmetic: str
    notes: list[Bilingual] = []
    errata: list[Bilingual] = []

    def scenario(self) -> Scenario:
        return parse_scenario(self.input)


class ExampleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: Literal[1]
    region: str
    examples: list[Example]


@dataclass(frozen=True)
class FigureCheck:
    """One printed figure next to the engine's."""

    side: str  # "before", "after" or "visit N"
    field: str
    official: Decimal
    exact: Decimal | None
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.computed - self.official

    @property
    def matches(self) -> bool:
        exact_ok = self.exact is None or self.computed == self.exact
        return exact_ok and abs(self.difference) <= TOLERANCE


@dataclass(frozen=True)
class ExampleRun:
    """An example settled on the sides its source describes (some give only the reformed year)."""

    example: Example
    region: str
    results: dict[str, YearResult]
    checks: list[FigureCheck]

    @property
    def matches(self) -> bool:
        return all(check.matches for check in self.checks)

    @property
    def comparison(self) -> Comparison | None:
        if "before" in self.results and "after" in self.results:
            return Comparison(self.results["before"], self.results["after"])
        return None


def _checks(example: Example, results: dict[str, YearResult]) -> list[FigureCheck]:
    checks = []
    for side, result in results.items():
        exact = getattr(example.exact, side)
        for name, official in getattr(example.official, side).items():
            checks.append(FigureCheck(side, name, official, exact.get(name), getattr(result, name)))
    for index, official in enumerate(example.official.visits_after):
        line = results["after"].visits[index]
        exact = example.exact.visits_after[index] if index < len(example.exact.visits_after) else None
        checks.append(FigureCheck(f"visit {index + 1}", "pooled", official.pooled, exact and exact.pooled, line.pooled))
        checks.append(
            FigureCheck(
                f"visit {index + 1}", "own_share", official.own_share, exact and exact.own_share, line.own_share
            )
        )
    return checks


def load_examples(path: Path) -> ExampleFile:
    try:
        return ExampleFile.model_validate(read_yaml(path, path.name))
    except ValidationError as exc:
        raise from_validation_error(exc, PolicyError, prefix=path.name) from None


@lru_cache(maxsize=4)
def example_files(directory: Path = EXAMPLES_DIR) -> tuple[ExampleFile, ...]:
    return tuple(load_examples(path) for path in sorted(directory.glob("*.yaml")))


def run_example(
    example: Example, region: str, registry: Registry | None = None, pair: tuple[Policy, Policy] | None = None
) -> ExampleRun:
    """Settle one example under its region's pair, or under ``pair`` (the sandbox's modified policies)."""
    policies = dict(zip(("before", "after"), pair or resolve_pair(region, registry=registry), strict=True))
    scenario = example.scenario()
    credits = {"before": scenario.credit_before, "after": scenario.credit_after}
    results = {side: settle_year(policies[side], scenario, credits[side]) for side in example.sides}
    return ExampleRun(example, region, results, _checks(example, results))


def run_examples(registry: Registry | None = None) -> list[ExampleRun]:
    """Every official example settled by the engine, with each printed figure checked."""
    registry = registry or default_registry()
    return [run_example(example, file.region, registry) for file in example_files() for example in file.examples]


def example_flags(example_id: str) -> list[str]:
    """An official example's inputs as ``compare`` flags (``--region chongqing --status retired …``): the
    command line of a case that lives once, in the examples file (list inputs such as visits are left out)."""
    for file in example_files():
        for example in file.examples:
            if example.id == example_id:
                flags = ["--region", file.region]
                for name, value in example.input.items():
                    if not isinstance(value, list | dict):
                        flags += [f"--{name.replace('_', '-')}", str(value)]
                return flags
    raise KeyError(example_id)
