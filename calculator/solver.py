"""Find the value of one sandbox parameter that meets a target over the synthetic population.

Targets: ``net_flow=X`` — the net fund flow of the changed policy against the pre-reform policy, credits
removed − pooled payments added, in yuan per 10,000 insured (``net_flow=0``: as much paid out in pooling as
moved out of the accounts, 资金平移); ``losers=S`` — the share of the population worse off (combined cash
and balance, by default against the pre-reform policy).

The parameter takes only values its policy file could hold: the range and the step come from the policy
model's validation of that field (e.g. an amount: 0 to 100,000,000 yuan in fen; a percent: 0 to 100 in
10⁻⁴ %), narrowed to what :func:`calculator.overrides.apply_overrides` accepts for the whole policy (a rate
plus a category's bonus may not pass 100 %). Bisection runs over that grid of values, so the answer is a
value the engine can settle exactly; each step settles the whole kept population with the vectorised
engine. When the target lies between two neighbouring values, the closer one is reported with its
residual, and the tolerance is the jump between the two (no value on the grid can do better). When the
target is outside what the whole range reaches, the solver says so, with the closest end.

The found policy is finally checked against the exact Decimal engine on a sample of the same persons.
"""

from __future__ import annotations

import time
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import numpy as np
from pydantic import BaseModel

from .errors import CalculatorError, InputError, Problem
from .overrides import apply_overrides, full_path, overridable_parameters, short_path
from .policy_model import Policy
from .population import DrawnPopulation, PopulationAssumptions, _Side, _side, _yuan, no_account_tiers
from .registry import Document
from .vectorised import compile_policy

TARGETS = ("net_flow", "losers")
AGAINST = ("pre_reform", "base")
MEASURES = ("cash", "balance", "combined")
#: the parameters the population's person-year depends on (general outpatient spending, credits)
SOLVABLE_PREFIXES = ("pooling.deductible.", "pooling.rates_percent.", "pooling.annual_cap.", "account.credit.")
EXACT_SAMPLE = 2_000


NAMES = {
    "target": ("求解目标", "target"),
    "parameter": ("求解参数", "parameter"),
    "against": ("比较对象", "compared against"),
    "measure": ("受损口径", "loss measure"),
    "size": ("模拟人数", "persons simulated"),
    "exact_sample": ("精确引擎抽查人数", "exact engine sample"),
    "step": ("搜索步长", "search step"),
}


def refuse(field: str, zh: str, en: str) -> InputError:
    """A bad solver input, named as the user wrote it (the flag or the JSON key)."""
    name_zh, name_en = NAMES[field]
    return InputError([Problem("", f"{name_zh}（{field}）：{zh}", f"{name_en} ({field}): {en}")])


@dataclass(frozen=True)
class Target:
    """What the parameter must achieve; ``value`` is yuan per 10,000 insured (net flow) or a share (losers)."""

    kind: str
    value: Decimal
    against: str = "pre_reform"
    measure: str = "combined"

    def text(self) -> str:
        return f"{self.kind}={self.value}"


def parse_target(text: str, against: str = "pre_reform", measure: str = "combined") -> Target:
    """``net_flow=0`` or ``losers=0.25``; anything else is refused with the field named."""
    name, sep, raw = str(text).partition("=")
    name = name.strip()
    if not sep or name not in TARGETS:
        raise refuse(
            "target",
            f"应为 net_flow=数值（每万名参保人，元）或 losers=比例（0–1），收到「{str(text)[:40]}」",
            f"must be net_flow=AMOUNT (yuan per 10,000 insured) or losers=SHARE (0–1), got '{str(text)[:40]}'",
        )
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or (name == "losers" and not 0 <= value <= 1) or abs(value) > Decimal("1e15"):
        raise refuse(
            "target",
            f"{name} 的目标值「{raw.strip()[:30]}」无效" + ("（应为 0 至 1 的比例）" if name == "losers" else ""),
            f"the {name} target '{raw.strip()[:30]}' is not valid"
            + (" (a share from 0 to 1)" if name == "losers" else ""),
        )
    if against not in AGAINST:
        raise refuse("against", "应为 pre_reform 或 base", "must be pre_reform or base")
    if measure not in MEASURES:
        raise refuse("measure", "应为 cash、balance 或 combined", "must be cash, balance or combined")
    return Target(name, value, against, measure)


# ------------------------------------------------------------------------------------------- the range


@dataclass(frozen=True)
class Grid:
    """The values a parameter can take: ``low + k × step`` for k = 0 … ``count``."""

    low: Decimal
    high: Decimal
    step: Decimal

    @property
    def count(self) -> int:
        return int((self.high - self.low) / self.step)

    def value(self, k: int) -> Decimal:
        return self.low + k * self.step

    def index(self, value: Decimal) -> int:
        return int((value - self.low) / self.step)


def _metadata(annotation: object) -> list[object]:
    """The constraint objects of a field's type (``Annotated[Decimal, Field(ge=…)]``, possibly ``| None``)."""
    found: list[object] = []
    if typing.get_origin(annotation) is typing.Annotated:
        for extra in typing.get_args(annotation)[1:]:
            found.extend(getattr(extra, "metadata", []))
    elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found.extend(_metadata(arg))
    return found


def _field_constraints(policy: Policy, path: str) -> tuple[Decimal, list[object]]:
    """The current value at ``path`` and the validation constraints of its field in the policy model."""
    node: object = policy
    annotation: object = None
    constraints: list[object] = []
    for part in path.split("."):
        if isinstance(node, BaseModel):
            info = type(node).model_fields.get(part)
            if info is None:
                raise KeyError(part)
            annotation, constraints = info.annotation, list(info.metadata)
            node = getattr(node, part)
        elif isinstance(node, Mapping):
            key: object = int(part) if part.isdigit() and int(part) in node else part
            annotation = typing.get_args(annotation)[1]
            constraints = []
            node = node[key]
        elif isinstance(node, list):
            annotation = typing.get_args(annotation)[0]
            constraints = []
            node = node[int(part)]
        else:
            raise KeyError(part)
    if not isinstance(node, Decimal):
        raise KeyError(path)
    return node, constraints + _metadata(annotation)


def parameter_grid(
    policy: Policy, path: str, documents: Mapping[str, Document], step: Decimal | None = None
) -> tuple[Grid, Decimal]:
    """The grid of values ``path`` may take in ``policy`` (from the policy model's validation), and its value now.

    ``step`` asks for a coarser grid than the field's own (the sandbox types amounts and percents to two
    decimals, so its solver searches in hundredths and its answer can be typed and shared as a link)."""
    given = path
    full = full_path(path.strip())
    offered = {full_path(p.path) for p in overridable_parameters(policy)}
    if full not in offered or not full.startswith(SOLVABLE_PREFIXES):
        raise refuse(
            "parameter",
            f"「{given[:60]}」不是可求解的参数（起付标准、支付比例、年度限额或个人账户划入中的一个数值）",
            f"'{given[:60]}' is not a parameter the solver can vary (a deductible, rate, annual cap or account "
            "credit number of the policy)",
        )
    try:
        current, constraints = _field_constraints(policy, full)
    except (KeyError, IndexError, ValueError):
        raise refuse("parameter", f"「{given[:60]}」没有数值", f"'{given[:60]}' has no value") from None
    bounds: dict[str, Decimal] = {}
    places = 2
    for item in constraints:
        for name in ("ge", "gt", "le", "lt"):
            if getattr(item, name, None) is not None:
                bounds[name] = Decimal(str(getattr(item, name)))
        if getattr(item, "decimal_places", None) is not None:
            places = item.decimal_places
    finest = Decimal(1).scaleb(-places)
    step = max(step or finest, finest)
    low = bounds.get("ge", bounds["gt"] + finest if "gt" in bounds else Decimal(0))
    high = bounds.get("le", bounds["lt"] - finest if "lt" in bounds else Decimal("100000000"))
    low = -((-low) // step) * step  # onto the coarser grid, inside the field's bounds
    high = low + ((high - low) // step) * step
    grid = Grid(low, high, step)

    def valid(k: int) -> bool:
        try:
            apply_overrides(policy, {short_path(full): f"{grid.value(k):f}"}, documents)
        except CalculatorError:
            return False
        return True

    # the whole policy must still validate (e.g. a rate plus a category's bonus ≤ 100 %): narrow each end
    # toward the current value, which is valid, by bisection on validity
    now = min(max(grid.index(current), 0), grid.count)
    top, bottom = grid.count, 0
    if not valid(top):
        good, bad = now, top
        while bad - good > 1:
            mid = (good + bad) // 2
            good, bad = (mid, bad) if valid(mid) else (good, mid)
        top = good
    if not valid(bottom):
        good, bad = now, bottom
        while good - bad > 1:
            mid = (good + bad) // 2
            good, bad = (mid, bad) if valid(mid) else (good, mid)
        bottom = good
    return Grid(grid.value(bottom), grid.value(top), step), current


# ------------------------------------------------------------------------------------------- evaluation


def _sides(drawn: DrawnPopulation, policy: Policy) -> Iterator[tuple[int, _Side]]:
    """Each chunk's settlement under ``policy`` (a policy file's settlement is remembered by the population)."""
    compiled = None
    for index, chunk in enumerate(drawn.chunks):
        if "~" not in policy.id and policy.id in chunk.remembered:
            yield index, chunk.remembered[policy.id]
            continue
        compiled = compiled or compile_policy(policy, drawn.assumptions.references)
        side = _side(compiled, chunk.people)
        if "~" not in policy.id:
            chunk.remembered[policy.id] = side
        yield index, side


def _net_fen(drawn: DrawnPopulation, pre_reform: Policy, policy: Policy) -> int:
    """Credits removed − pooled payments added, over the whole kept population, in fen."""
    net = 0
    for _, side in _sides(drawn, pre_reform):
        net += side.totals["account_credit"] + side.totals["general_pooling_paid"]
    for _, side in _sides(drawn, policy):
        net -= side.totals["account_credit"] + side.totals["general_pooling_paid"]
    return net


def _losers(drawn: DrawnPopulation, reference: Policy, policy: Policy, measure: str) -> int:
    """How many persons are worse off under ``policy`` than under ``reference``."""
    before = dict(_sides(drawn, reference))
    count = 0
    for index, after in _sides(drawn, policy):
        cash = after.cash_paid - before[index].cash_paid
        balance = after.closing_balance - before[index].closing_balance
        change = {"cash": -cash, "balance": balance, "combined": balance - cash}[measure]
        count += int(np.count_nonzero(change < 0))
    return count


@dataclass
class Solution:
    """The outcome of a solve; amounts in yuan to the fen."""

    parameter: str
    target: Target
    found: bool
    value: Decimal  # the found value, or the end of the range closest to the target
    start_value: Decimal
    grid: Grid
    iterations: int
    residual: Decimal  # result − target: yuan per 10,000 insured (net flow) or share (losers)
    tolerance: Decimal  # the jump across the final bracket: no grid value comes closer than this
    bracket: tuple[Decimal, Decimal]
    seconds: float
    size: int
    seed: int
    policy: Policy
    exact_check: dict[str, int] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        low, high = f"{self.grid.low:f}", f"{self.grid.high:f}"
        if self.found:
            if lang == "en":
                return (
                    f"{self.parameter} = {self.value:f} meets {self.target.text()} (residual {self.residual}, "
                    f"tolerance {self.tolerance}, {self.iterations} iterations)"
                )
            return (
                f"{self.parameter} = {self.value:f} 满足 {self.target.text()}（残差 {self.residual}，"
                f"容差 {self.tolerance}，迭代 {self.iterations} 次）"
            )
        if lang == "en":
            return (
                f"no value of {self.parameter} in its valid range [{low}, {high}] meets {self.target.text()}: "
                f"the closest is {self.value:f} (residual {self.residual})"
            )
        return (
            f"{self.parameter} 在有效范围 [{low}, {high}] 内没有满足 {self.target.text()} 的取值："
            f"最接近的是 {self.value:f}（残差 {self.residual}）"
        )

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON contract. Parameter values and shares are plain numbers (their shortest form is exact:
        at most four decimals); net flows are money, yuan to the fen."""
        money = self.target.kind == "net_flow"

        def amount(value: Decimal) -> Decimal | float:
            return value if money else float(value)

        return {
            "parameter": self.parameter,
            "target": {
                "kind": self.target.kind,
                "value": amount(self.target.value),
                "against": self.target.against,
                "measure": self.target.measure,
                "unit": "yuan_per_10000_insured" if money else "share",
            },
            "found": self.found,
            "value": float(self.value),
            "start_value": float(self.start_value),
            "valid_range": {"low": float(self.grid.low), "high": float(self.grid.high), "step": float(self.grid.step)},
            "iterations": self.iterations,
            "residual": amount(self.residual),
            "tolerance": amount(self.tolerance),
            "bracket": [float(value) for value in self.bracket],
            "size": self.size,
            "seed": self.seed,
            "policy": self.policy.id,
            "exact_check": self.exact_check,
            "message": self.message(lang),
            "seconds": round(self.seconds, 3),
        }


def _residual(target: Target, size: int) -> Callable[[Fraction], Decimal]:
    """How a residual (an exact fraction) is shown: yuan per 10,000 to the fen, or a share to 10⁻⁶."""
    if target.kind == "net_flow":
        return lambda value: _yuan(Decimal(value.numerator) / Decimal(value.denominator) * 100)
    return lambda value: (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.000001"))


def solve(
    pre_reform: Policy,
    base: Policy,
    parameter: str,
    target: Target,
    assumptions: PopulationAssumptions,
    documents: Mapping[str, Document],
    changes: Mapping[str, object] | None = None,
    drawn: DrawnPopulation | None = None,
    exact_sample: int = EXACT_SAMPLE,
    step: Decimal | None = None,
) -> Solution:
    """Bisect ``parameter`` of ``base`` (with ``changes`` applied too) until ``target`` is met (see the module)."""
    start = time.perf_counter()
    changes = dict(changes or {})
    changes.pop(parameter, None)
    start_policy = apply_overrides(base, changes, documents) if changes else base
    grid, current = parameter_grid(start_policy, parameter, documents, step)
    name = short_path(full_path(parameter.strip()))

    def policy_at(k: int) -> Policy:
        return apply_overrides(base, {**changes, name: f"{grid.value(k):f}"}, documents)

    if drawn is None:
        tiers = no_account_tiers(pre_reform, base, start_policy)
        drawn = DrawnPopulation(assumptions, tiers)
    size = assumptions.size
    reference = pre_reform if target.against == "pre_reform" else base

    def error(k: int) -> Fraction:
        """result − target at grid index ``k``, exact: yuan per 10,000 (net flow) or share (losers)."""
        policy = policy_at(k)
        if target.kind == "net_flow":
            return Fraction(_net_fen(drawn, pre_reform, policy) * 100, size) - Fraction(target.value)
        return Fraction(_losers(drawn, reference, policy, target.measure), size) - Fraction(target.value)

    lo, hi = 0, grid.count
    f_lo, f_hi = error(lo), error(hi)
    iterations = 2
    found = True
    if f_lo == 0:
        hi, f_hi = lo, f_lo
    elif f_hi == 0:
        lo, f_lo = hi, f_hi
    elif (f_lo > 0) == (f_hi > 0):
        found = False
    else:
        while hi - lo > 1:
            mid = (lo + hi) // 2
            f_mid = error(mid)
            iterations += 1
            if f_mid == 0:
                lo = hi = mid
                f_lo = f_hi = f_mid
                break
            if (f_mid > 0) == (f_lo > 0):
                lo, f_lo = mid, f_mid
            else:
                hi, f_hi = mid, f_mid
    best, f_best = (lo, f_lo) if abs(f_lo) <= abs(f_hi) else (hi, f_hi)
    show = _residual(target, size)
    policy = policy_at(best)
    solution = Solution(
        parameter=name,
        target=target,
        found=found,
        value=grid.value(best),
        start_value=current,
        grid=grid,
        iterations=iterations,
        residual=show(f_best),
        tolerance=show(abs(f_hi - f_lo)) if found else show(abs(f_best)),
        bracket=(grid.value(lo), grid.value(hi)),
        seconds=0.0,
        size=size,
        seed=assumptions.seed,
        policy=policy,
    )
    solution.exact_check = exact_check(policy, drawn, exact_sample)
    solution.seconds = time.perf_counter() - start
    return solution


def exact_check(policy: Policy, drawn: DrawnPopulation, sample: int = EXACT_SAMPLE) -> dict[str, int]:
    """Settle ``sample`` persons spread over the population with the exact Decimal engine and the vectorised
    engine under ``policy``; count the persons on whom any output differs by a fen."""
    from .scenario import parse_scenario
    from .settlement import OUTPUT_FIELDS, settle_year
    from .vectorised import PersonYears, settle

    if sample <= 0:
        return {"sample": 0, "mismatches": 0}
    people = drawn.chunks[0].people
    step = max(1, len(people) // sample)
    rows = np.arange(0, len(people), step)[:sample]
    subset = PersonYears(**{name: getattr(people, name)[rows] for name in PersonYears.__dataclass_fields__})
    vector = settle(compile_policy(policy, drawn.assumptions.references), subset)
    references = dict(drawn.assumptions.references)
    mismatches = 0
    for i in range(len(subset)):
        exact = settle_year(policy, parse_scenario(subset.scenario_data(i, references)))
        if any(int(getattr(exact, name).scaleb(2)) != int(getattr(vector, name)[i]) for name in OUTPUT_FIELDS):
            mismatches += 1
    return {"sample": len(subset), "mismatches": mismatches}
