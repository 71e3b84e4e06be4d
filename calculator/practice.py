"""Practice cases for training sessions: cases drawn by difficulty, the answer key, marking with the rule.

A trainer picks a region, a difficulty level (1–4), a seed and a count; :func:`generate` draws that many
cases with ``random.Random(seed)``, so the same seed, region and level give the same cases as long as
the policy files are the same. Every case is built through the engine's own input model
(:func:`calculator.scenario.parse_scenario`) and everything that differs between regions — deductibles,
rates, caps, tiers without an account, category counters and sub-caps, family use of the account, which
credits need a statement figure — is read from the region's policy files, never from the region's name.

The levels:

1. one annual total at one institution level, in service or retired;
2. other schemes paid first, retiree rates, the annual cap of the person's status and tier;
3. several visits at different levels, the deductible met part-way through a visit, the cap reached;
4. the policy's own categories (their deductible counters and sub-caps), the retiree deductible,
   tiers without an account, family use of the account.

The answer key is the engine's settlement (:func:`calculator.comparison.compare`); marking compares the
learner's figures with it and, for a wrong one, names the first step of the settlement's trace where the
working goes wrong, with its article and the step's plain-words sentence.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .citation import cite_in
from .comparison import Comparison, compare
from .errors import InputError
from .money import ZERO, fen, format_yuan
from .policy_model import (
    FixedAnnual,
    FixedMonthly,
    PercentOfBase,
    PercentOfPension,
    PercentOfReference,
    Policy,
    Source,
    StatementRequired,
)
from .registry import Registry, default_registry
from .scenario import Scenario, parse_scenario
from .settlement import YearResult
from .trace import Step
from .vocabulary import LEVELS
from .wording import KIND_NAMES, LEVEL_NAMES, RELATION_NAMES

DIFFICULTIES = (1, 2, 3, 4)
MAX_COUNT = 50
MAX_SEED = 2**31 - 1
SIDES = ("before", "after")

# What the learner works out for each side, in the order of the money flow (engine names where they exist).
ANSWER_FIELDS = ("deductible_used", "general_pooling_paid", "account_paid", "cash_paid", "closing_balance")
POOLING_FIELDS = ("deductible_used", "general_pooling_paid")
ANSWER_LABELS: dict[str, tuple[str, str]] = {
    "deductible_used": ("计入起付标准的费用", "Deductible used"),
    "general_pooling_paid": ("统筹支付", "Pooled payment"),
    "account_paid": ("个人账户支付", "Account payment"),
    "cash_paid": ("现金支付", "Cash outlay"),
    "closing_balance": ("年末账户余额", "Closing balance"),
}
SIDE_NAMES = {"before": ("改革前", "Before the reform"), "after": ("改革后", "After the reform")}
STATUS_WORDS = {"in_service": ("在职", "in service"), "retired": ("退休", "retired")}
TIER_WORDS = {
    "employer": ("单位职工", "employer-based"),
    "individual_tier1": ("灵活就业·个人一档", "individual, tier 1"),
    "individual_tier2": ("灵活就业·个人二档", "individual, tier 2"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


# -- the cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeCase:
    """One case of a set: its number (from 1), the person's year and the region's two policies."""

    number: int
    region: str
    difficulty: int
    scenario: Scenario
    before: Policy
    after: Policy

    def key(self) -> Comparison:
        """The answer key: the engine's settlement of the case under both policies."""
        return compare(self.scenario, self.before, self.after)

    def policy(self, side: str) -> Policy:
        return self.before if side == "before" else self.after


def check_request(region: str, difficulty: object, count: object, seed: object, registry: Registry) -> None:
    """Refuse a set the generator cannot draw, naming the field (never clamped into range)."""
    registry.pair(region)  # names the known regions when the region is unknown
    if not isinstance(difficulty, int) or difficulty not in DIFFICULTIES:
        raise InputError.one(
            "", "练习难度（level）应为 1、2、3 或 4", "the practice level (level) must be 1, 2, 3 or 4"
        )
    if not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise InputError.one(
            "", f"题目数量（count）应为 1 到 {MAX_COUNT}", f"the number of cases (count) must be 1 to {MAX_COUNT}"
        )
    if not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InputError.one(
            "",
            f"随机种子（seed）应为 0 到 {MAX_SEED} 的整数",
            f"the random seed (seed) must be a whole number 0 to {MAX_SEED}",
        )


def generate(
    region: str, difficulty: int, count: int, seed: int, registry: Registry | None = None
) -> list[PracticeCase]:
    """``count`` cases of ``difficulty`` in ``region``, the same for the same seed and policy files."""
    registry = registry or default_registry()
    check_request(region, difficulty, count, seed, registry)
    before, after = registry.pair(region)
    rng = random.Random(seed)
    draw = _DRAWERS[difficulty]
    cases = []
    for number in range(1, count + 1):
        scenario = parse_scenario(draw(_Drawer(rng, before, after)))
        cases.append(PracticeCase(number, region, difficulty, scenario, before, after))
    return cases


class _Drawer:
    """Draws one person for one case from the region's policies (every regional figure read from them)."""

    def __init__(self, rng: random.Random, before: Policy, after: Policy) -> None:
        self.rng, self.before, self.after = rng, before, after
        self.data: dict = {}

    # amounts a learner can work by hand: whole yuan, or one decimal now and then
    def amount(
        self, low: Decimal | float, high: Decimal | float, step: int = 1, decimal_chance: float = 0.0
    ) -> Decimal:
        low_units = max(1, int(Decimal(low) // step))
        high_units = max(low_units + 1, int(Decimal(high) // step))
        value = Decimal(self.rng.randrange(low_units, high_units) * step)
        if decimal_chance and self.rng.random() < decimal_chance:
            value += Decimal(self.rng.randrange(1, 10)) / 10
        return value

    def person(self, retired_weight: float = 0.5, tiers: tuple[str, ...] = (), tier_chance: float = 0.0) -> None:
        status = "retired" if self.rng.random() < retired_weight else "in_service"
        tier = "employer"
        if tiers and self.rng.random() < tier_chance:
            tier = self.rng.choice(sorted(tiers))
        age = self.rng.randint(60, 82) if status == "retired" else self.rng.randint(22, 59)
        self.data.update(status=status, tier=tier, age=age)

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def tier(self) -> str:
        return self.data["tier"]

    def has_account(self, policy: Policy) -> bool:
        return self.tier not in policy.account.no_account_tiers.tiers

    def any_account(self) -> bool:
        return self.has_account(self.before) or self.has_account(self.after)

    def credits(self) -> None:
        """What each side's credit rule needs: the base, the pension, or a statement figure where the
        policy documents leave the amount open."""
        for side, policy in (("before", self.before), ("after", self.after)):
            if not self.has_account(policy):
                continue
            rule = getattr(policy.account.credit, self.status)
            if isinstance(rule, PercentOfBase) and "contribution_base" not in self.data:
                self.data["contribution_base"] = self.amount(36_000, 150_000, step=1000)
            elif isinstance(rule, PercentOfPension) and "pension" not in self.data:
                self.data["pension"] = self.amount(2_000, 6_000, step=100)
            elif isinstance(rule, StatementRequired) or (
                isinstance(rule, PercentOfReference) and policy.references[rule.reference].value is None
            ):
                self.data[f"credit_{side}"] = self.amount(600, 4_000, step=10)
            elif not isinstance(
                rule, PercentOfBase | PercentOfPension | FixedMonthly | FixedAnnual | PercentOfReference
            ):
                raise AssertionError(f"unhandled credit rule {rule!r}")

    def opening(self, high: int = 2_000) -> None:
        if self.any_account() and self.rng.random() < 0.7:
            self.data["opening_balance"] = self.amount(0, high, step=10)

    # the after-policy's pooling figures for this person, to aim the spending at its thresholds (a reform
    # without pooling, none in the files today, gets amounts of an ordinary outpatient year: a range, not a rule)
    def deductible(self) -> Decimal:
        pooling = self.after.pooling
        return pooling.deductible.for_status(self.status) if pooling else Decimal(200)

    def cap_spending(self, level: int) -> Decimal:
        """The spending at which the annual cap is reached for this person at ``level``."""
        pooling = self.after.pooling
        if pooling is None:
            return Decimal(3000)
        rate = pooling.rates_percent.rate(self.status, level) or Decimal(100)
        return self.deductible() + pooling.annual_cap.cap(self.status, self.tier) * 100 / rate

    def reaches_thresholds(self) -> bool:
        return self.after.pooling is not None

    def categories(self) -> dict:
        return dict(sorted(self.after.pooling.categories.items())) if self.after.pooling else {}

    def retiree_weight(self) -> float:
        """Retirees more often where their rules differ most (a lower deductible of their own)."""
        pooling = self.after.pooling
        if pooling and pooling.deductible.retired != pooling.deductible.in_service:
            return 0.65
        return 0.5


def _level1(d: _Drawer) -> dict:
    d.person()
    level = d.rng.choice(LEVELS)
    full = d.cap_spending(level)
    d.data.update(spending=d.amount(d.deductible() * Decimal("0.5"), full * Decimal("0.95"), step=10), level=level)
    d.credits()
    d.opening()
    return d.data


def _level2(d: _Drawer) -> dict:
    tiers = tuple(d.after.pooling.annual_cap.by_tier) if d.after.pooling else ()
    d.person(retired_weight=0.6, tiers=tiers, tier_chance=0.35)
    level = d.rng.choice(LEVELS)
    full = d.cap_spending(level)
    spending = d.amount(full * Decimal("0.6"), full * Decimal("1.8"), step=10, decimal_chance=0.3)
    d.data.update(spending=spending, level=level)
    if d.rng.random() < 0.6:
        d.data["other_schemes_paid"] = d.amount(spending * Decimal("0.05"), spending * Decimal("0.4"), step=10)
    d.credits()
    d.opening()
    return d.data


def _level3(d: _Drawer) -> dict:
    d.person()
    levels = [d.rng.choice(LEVELS) for _ in range(d.rng.randint(3, 5))]
    deductible = d.deductible()
    visits = []
    if deductible > 0:
        first = d.amount(deductible * Decimal("0.3"), deductible * Decimal("0.8"), decimal_chance=0.3)
        # the second visit crosses the deductible: part of it fills what is left, the rest is paid at the rate
        second = d.amount(deductible - first + 20, deductible - first + 600, step=5, decimal_chance=0.3)
        visits += [first, second]
    while len(visits) < len(levels):
        visits.append(d.amount(50, 900, step=5, decimal_chance=0.3))
    if d.reaches_thresholds() and d.rng.random() < 0.5:  # a large visit late in the year reaches the cap
        index = d.rng.randrange(max(1, len(visits) - 2), len(visits))
        visits[index] = d.amount(d.cap_spending(levels[index]), d.cap_spending(levels[index]) * Decimal("1.4"), step=10)
    d.data["visits"] = [
        {"amount": amount, "level": level, "kind": "general"} for amount, level in zip(visits, levels, strict=True)
    ]
    d.credits()
    d.opening()
    return d.data


def _level4(d: _Drawer) -> dict:
    no_account = tuple(d.after.account.no_account_tiers.tiers)
    d.person(retired_weight=d.retiree_weight(), tiers=no_account, tier_chance=0.3)
    categories = d.categories()
    kinds = ["general", *categories]
    visits = []
    for _ in range(d.rng.randint(3, 6)):
        kind = d.rng.choice(kinds)
        level = d.rng.choice(LEVELS)
        category = categories.get(kind)
        if category is not None and category.sub_cap is not None and d.rng.random() < 0.4:
            rate = d.after.pooling.rates_percent.rate(d.status, level) + category.rate_bonus_points
            amount = d.amount(category.sub_cap * 100 / rate, category.sub_cap * 200 / rate, step=10)
        else:
            amount = d.amount(40, 1_200, step=5, decimal_chance=0.3)
        visits.append({"amount": amount, "level": level, "kind": kind})
    d.data["visits"] = visits
    d.credits()
    sharing = d.after.account.family_sharing
    floor = sharing.min_balance_after
    if d.has_account(d.after) and d.has_account(d.before) and floor is not None:
        # the balance the family rule keeps decides the payment: start near it
        d.data["opening_balance"] = d.amount(floor - 1_000, floor + 2_000, step=100)
    else:
        d.opening(high=3_000)
    if d.has_account(d.after) and sharing.allowed and sharing.relations and d.rng.random() < 0.7:
        relations = sorted(sharing.relations)
        d.data["family"] = [
            {"relation": d.rng.choice(relations), "amount": d.amount(100, 2_500, step=10)}
            for _ in range(d.rng.randint(1, 2))
        ]
    return d.data


_DRAWERS = {1: _level1, 2: _level2, 3: _level3, 4: _level4}


# -- the answers ----------------------------------------------------------------------------------


def side_fields(policy: Policy) -> tuple[str, ...]:
    """The figures a learner works out for one side: without pooling there is no deductible or pooled payment."""
    return ANSWER_FIELDS if policy.pooling is not None else tuple(f for f in ANSWER_FIELDS if f not in POOLING_FIELDS)


def expected(result: YearResult) -> dict[str, Decimal]:
    """The correct figures of one side, to the fen (the deductible used summed over every counter)."""
    used = sum((line.deductible_applied for line in result.visits), ZERO)
    figures = {
        "deductible_used": fen(used),
        "general_pooling_paid": result.general_pooling_paid,
        "account_paid": result.account_paid,
        "cash_paid": result.cash_paid,
        "closing_balance": result.closing_balance,
    }
    return {name: figures[name] for name in side_fields(result.policy)}


def read_amount(text: object) -> Decimal | None:
    """A learner's figure: ``1,234.5``, ``¥1234.50``, ``1234.50 元`` → Decimal; None when empty.

    Raises :class:`InputError` for text that is not an amount (the page says so beside the box)."""
    if text is None:
        return None
    if isinstance(text, Decimal | int):
        return Decimal(text)
    cleaned = str(text).strip()
    for mark in ("¥", "￥", ",", "，", "元", "yuan", " "):
        cleaned = cleaned.replace(mark, "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InputError.one("amount", "不是金额", "is not an amount") from None
    if not value.is_finite():
        raise InputError.one("amount", "不是金额", "is not an amount")
    return value


@dataclass(frozen=True)
class FieldMark:
    name: str
    given: Decimal | None  # None: left empty or unreadable
    expected: Decimal
    right: bool
    unreadable: bool = False


@dataclass(frozen=True)
class Diagnosis:
    """Where the working goes wrong: the step, the article it rests on (None when the step is the
    arithmetic of the steps before it) and the steps whose sentences show the correct working."""

    step: Step
    source: Source | None
    working: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class SideMark:
    side: str
    fields: list[FieldMark]
    diagnosis: Diagnosis | None

    @property
    def right(self) -> int:
        return sum(1 for mark in self.fields if mark.right)

    @property
    def all_right(self) -> bool:
        return all(mark.right for mark in self.fields)


def mark_side(result: YearResult, side: str, answers: dict[str, object]) -> SideMark:
    """Mark one side's figures against the engine; diagnose the first wrong one (in money-flow order)."""
    marks = []
    for name, correct in expected(result).items():
        try:
            given = read_amount(answers.get(name))
            unreadable = False
        except InputError:
            given, unreadable = None, True
        right = given is not None and fen(given) == correct
        marks.append(FieldMark(name, given, correct, right, unreadable))
    wrong = next((mark for mark in marks if not mark.right), None)
    diagnosis = None if wrong is None else diagnose(result, wrong, {mark.name: mark for mark in marks})
    return SideMark(side, marks, diagnosis)


def mark_case(case: PracticeCase, answers: dict[str, dict[str, object]]) -> dict[str, SideMark]:
    """Mark both sides of a case: ``answers`` is side → field → the learner's text."""
    comparison = case.key()
    return {side: mark_side(getattr(comparison, side), side, answers.get(side, {})) for side in SIDES}


def _steps(result: YearResult, key: str) -> list[Step]:
    return [step for step in result.steps if step.key == key or step.key.startswith(key + ".")]


def _counter_missed(result: YearResult, deductible_steps: list[Step], given: Decimal | None) -> Step:
    """The deductible counter a wrong total points to: one left out (the total without it), or one taken
    in full though the year's spending did not fill it; else the first counter."""
    used: dict[str, Decimal] = {}
    for line in result.visits:
        used[line.deductible_counter] = used.get(line.deductible_counter, ZERO) + line.deductible_applied
    by_counter = {step.key.removeprefix("deductible."): step for step in deductible_steps}
    if given is not None:
        total = sum(used.values(), ZERO)
        for counter, amount in used.items():
            if amount and fen(given) == fen(total - amount):
                return by_counter[counter]
        if fen(given) == fen(sum(result.deductibles.values(), ZERO)):
            for counter, size in result.deductibles.items():
                if used.get(counter, ZERO) < size:
                    return by_counter[counter]
    return deductible_steps[0]


def diagnose(result: YearResult, wrong: FieldMark, marks: dict[str, FieldMark]) -> Diagnosis:
    """The first step of the trace where a wrong figure goes wrong, its article and the correct working."""
    pooling = result.policy.pooling
    visit_steps = _steps(result, "visit")
    if wrong.name == "deductible_used":
        deductible_steps = _steps(result, "deductible")
        # the first visit that fills a deductible counter, or the counter itself when no visit reached one
        filling = [s for s, line in zip(visit_steps, result.visits, strict=True) if line.deductible_applied > 0]
        first = _counter_missed(result, deductible_steps, wrong.given)
        return Diagnosis(first, first.source, deductible_steps + (filling or visit_steps))
    if wrong.name == "general_pooling_paid":
        limited = [(s, line) for s, line in zip(visit_steps, result.visits, strict=True) if line.limited_by]
        over = wrong.given is not None and wrong.given > wrong.expected
        if limited and (over or wrong.given is None):
            step, line = limited[0]
            if line.limited_by == "annual_cap":
                source = pooling.annual_cap.source
            else:
                source = pooling.categories[line.kind].source
            return Diagnosis(step, source, [*visit_steps, _steps(result, "pooling")[0]])
        if result.other_schemes_paid and over:
            step = _steps(result, "other_schemes")[0]
            return Diagnosis(step, step.source, [step, *visit_steps])
        paying = [s for s, line in zip(visit_steps, result.visits, strict=True) if line.pooled > 0] or visit_steps
        return Diagnosis(paying[0], paying[0].source, [*visit_steps, _steps(result, "pooling")[0]])
    own = _steps(result, "own_share")[0]
    paid = _steps(result, "account_paid")[0]
    credit = _steps(result, "credit")[0]
    if wrong.name == "account_paid":
        if not result.has_account:
            return Diagnosis(paid, credit.source, [credit, paid])
        cash_mark = marks.get("cash_paid")
        both_given = wrong.given is not None and cash_mark is not None and cash_mark.given is not None
        if both_given and fen(wrong.given + cash_mark.given) != result.own_share:
            return Diagnosis(own, None, [own, paid])  # the account and cash do not add up to the own share
        exhausted = result.account_paid < result.own_share
        if exhausted:
            return Diagnosis(credit, credit.source, [credit, paid])
        return Diagnosis(paid, None, [own, paid])
    cash = _steps(result, "cash")[0]
    if wrong.name == "cash_paid":
        return Diagnosis(cash, None, [own, paid, cash])
    family = _steps(result, "family")
    closing = _steps(result, "closing_balance")[0]
    working = [credit, paid, *family, closing]
    refused = [s for s, line in zip(family, result.family, strict=True) if line.refused > 0]
    if family:  # the first request the account could not pay in full, where its rule decides the balance
        step = (refused or family)[0]
        return Diagnosis(step, step.source, working)
    return Diagnosis(closing, None, working)


# -- the worksheet and the answer key ---------------------------------------------------------------


def money_text(amount: Decimal) -> str:
    """An amount in the JSON and CSV files: a string to the fen (``1527.50``)."""
    return f"{fen(amount):.2f}"


def scenario_json(scenario: Scenario) -> dict:
    """The case's inputs under the names of ``compare``/``batch``; visits as ``{amount, level, kind}``."""
    data: dict = {}
    for name in scenario.model_fields_set | {"status", "tier", "age"}:
        value = getattr(scenario, name)
        if name == "visits":
            value = [{"amount": money_text(visit.amount), "level": visit.level, "kind": visit.kind} for visit in value]
        elif name == "family":
            value = [{"relation": item.relation, "amount": money_text(item.amount)} for item in value]
        elif isinstance(value, Decimal):
            value = money_text(value)
        data[name] = value
    order = list(Scenario.model_fields)
    return {name: data[name] for name in sorted(data, key=order.index)}


def answers_json(result: YearResult) -> dict:
    """One side of the key: compare's output fields, the deductible used, family lines when there are any."""
    data: dict = {"policy": result.policy.id}
    data.update({name: money_text(value) for name, value in result.outputs().items()})
    data["deductible_used"] = money_text(expected(result).get("deductible_used", ZERO))
    if result.family:
        data["family"] = [
            {"relation": line.relation, "requested": money_text(line.requested), "paid": money_text(line.paid)}
            for line in result.family
        ]
    return data


def practice_json(cases: list[PracticeCase], seed: int, with_answers: bool) -> dict:
    """``{"seed", "region", "level", "cases": [{"scenario", "answers"?}]}``, amounts as strings to the fen."""
    first = cases[0]
    items = []
    for case in cases:
        item: dict = {"scenario": scenario_json(case.scenario)}
        if with_answers:
            key = case.key()
            item["answers"] = {side: answers_json(getattr(key, side)) for side in SIDES}
        items.append(item)
    return {"seed": seed, "region": first.region, "level": first.difficulty, "cases": items}


def _visit_label(visit, lang: str) -> tuple[str, str]:
    return _pick(LEVEL_NAMES[visit.level], lang), _pick(KIND_NAMES[visit.kind], lang)


def case_lines(case: PracticeCase, lang: str) -> list[str]:
    """The case as a trainee reads it (Markdown): the person, the account, the year's outpatient costs."""
    s = case.scenario
    en = lang == "en"
    region = case.after.region.in_lang(lang)
    person = [region, _pick(STATUS_WORDS[s.status], lang), _pick(TIER_WORDS[s.tier], lang)]
    person.append(f"age {s.age}" if en else f"{s.age} 岁")
    if s.contribution_base is not None:
        person.append(("annual contribution base " if en else "年缴费基数 ") + format_yuan(s.contribution_base))
    if s.pension is not None:
        person.append(("monthly basic pension " if en else "月基本养老金 ") + format_yuan(s.pension))
    lines = [" · ".join(person) + "  "]
    account = []
    if "opening_balance" in s.model_fields_set:
        account.append(
            ("Account balance on 1 January " if en else "年初个人账户余额 ") + format_yuan(s.opening_balance)
        )
    for side in SIDES:
        credit = getattr(s, f"credit_{side}")
        if credit is not None:
            side_name = _pick(SIDE_NAMES[side], lang)
            account.append(
                f"{side_name}: annual credit on the account statement {format_yuan(credit)}"
                if en
                else f"{side_name}对账单上的年度划入 {format_yuan(credit)}"
            )
    if account:
        lines.append(("; " if en else "；").join(account) + "  ")
    if s.visits is None:
        level = _pick(LEVEL_NAMES[s.level], lang)
        if en:
            text = f"Outpatient spending for the year: {format_yuan(s.spending)}, at a {level} institution"
            if s.other_schemes_paid:
                text += f"; other schemes (两病/特病/国谈) paid {format_yuan(s.other_schemes_paid)} of it first"
        else:
            text = f"全年门诊费用 {format_yuan(s.spending)}，在{level}医疗机构就诊"
            if s.other_schemes_paid:
                text += f"；其中两病、特病、国谈等其他保障先行支付 {format_yuan(s.other_schemes_paid)}"
        lines.append(text + ("." if en else "。"))
    else:
        lines.append("Visits in date order:" if en else "按日期顺序的就诊：")
        lines.append("")
        for index, visit in enumerate(s.visits, 1):
            level, kind = _visit_label(visit, lang)
            where = f"{level} institution, {kind}" if en else f"{level}医疗机构，{kind}"
            lines.append(
                f"{index}. {where}: {format_yuan(visit.amount)}"
                if en
                else f"{index}. {where}：{format_yuan(visit.amount)}"
            )
        lines.append("")
    for payment in s.family:
        relation = _pick(RELATION_NAMES[payment.relation], lang)
        if lines[-1]:
            lines.append("")
        lines.append(
            f"After the holder's own costs, the account is asked to pay {format_yuan(payment.amount)} for a {relation}."
            if en
            else f"本人费用之后，申请用个人账户为{relation}支付 {format_yuan(payment.amount)}。"
        )
    return lines


def _asked(case: PracticeCase, lang: str) -> list[str]:
    """What the trainee works out, side by side (blank lines to fill in)."""
    lines = []
    for side in SIDES:
        names = "; ".join if lang == "en" else "、".join
        labels = [_pick(ANSWER_LABELS[name], lang) for name in side_fields(case.policy(side))]
        policy = case.policy(side).title.in_lang(lang)  # the title says before/after and the dates
        lines.append(f"- {policy}{': ' if lang == 'en' else '：'}{names(labels)}")
    return lines


def worksheet_markdown(cases: list[PracticeCase], seed: int, lang: str = "zh") -> str:
    """The worksheet: every case and what to work out, without the answers."""
    first = cases[0]
    region = first.after.region.in_lang(lang)
    if lang == "en":
        head = [
            f"# Practice: {region}, level {first.difficulty}, seed {seed}",
            "",
            "For each case, work out for each side the deductible used, the pooled payment, the account payment, "
            "the cash outlay and the account balance at year end (where the side has pooling; amounts to the fen).",
        ]
    else:
        head = [
            f"# 练习：{region}，难度 {first.difficulty}，随机种子 {seed}",
            "",
            "请按每题的情况，分别计算改革前、改革后的计入起付标准的费用、统筹支付、个人账户支付、现金支付和年末账户余额"
            "（该期有统筹时才计算前两项；金额精确到分）。",
        ]
    body = []
    for case in cases:
        body += ["", f"## {'Case' if lang == 'en' else '第'} {case.number}{'' if lang == 'en' else ' 题'}", ""]
        body += case_lines(case, lang)
        body += ["", "Work out:" if lang == "en" else "请计算：", *_asked(case, lang)]
    return "\n".join(head + body) + "\n"


def citation(source: Source | None, lang: str, registry: Registry | None = None) -> str:
    """The article as a citizen looks it up, or a plain word that the step is the arithmetic of the ones before."""
    if source is None:
        return (
            "arithmetic of the steps above (no article of its own)" if lang == "en" else "前面各步的算术（无单独条文）"
        )
    return cite_in(source, lang, registry)


def key_lines(case: PracticeCase, lang: str, registry: Registry | None = None) -> list[str]:
    """One case of the answer key: the figures of each side and the working, step by step with the articles."""
    key = case.key()
    lines = []
    for side in SIDES:
        result: YearResult = getattr(key, side)
        lines += ["", f"**{result.policy.title.in_lang(lang)}**", ""]  # the title says before/after and the dates
        lines.append("| item | answer |" if lang == "en" else "| 项目 | 答案 |")
        lines.append("|---|---:|")
        for name, value in expected(result).items():
            lines.append(f"| {_pick(ANSWER_LABELS[name], lang)} | {format_yuan(value)} |")
        lines += ["", "Working:" if lang == "en" else "计算过程：", ""]
        for number, step in enumerate(result.steps, 1):
            cite = citation(step.source, lang, registry) if step.source is not None else ""
            if lang == "en":
                lines.append(
                    f"{number}. **{step.title(lang)}**: {step.sentence(lang)}" + (f" ({cite})" if cite else "")
                )
            else:
                lines.append(
                    f"{number}. **{step.title(lang)}**：{step.sentence(lang)}" + (f"（依据：{cite}）" if cite else "")
                )
    return lines


def key_markdown(cases: list[PracticeCase], seed: int, lang: str = "zh", registry: Registry | None = None) -> str:
    """The answer key: for each case, the figures of both sides and the working with the articles."""
    first = cases[0]
    region = first.after.region.in_lang(lang)
    title = (
        f"# Answer key: {region}, level {first.difficulty}, seed {seed}"
        if lang == "en"
        else f"# 答案：{region}，难度 {first.difficulty}，随机种子 {seed}"
    )
    body = [title]
    for case in cases:
        body += ["", f"## {'Case' if lang == 'en' else '第'} {case.number}{'' if lang == 'en' else ' 题'}", ""]
        body += case_lines(case, lang)
        body += key_lines(case, lang, registry)
    return "\n".join(body) + "\n"


INPUT_COLUMNS = (
    "status",
    "tier",
    "age",
    "contribution_base",
    "pension",
    "spending",
    "level",
    "other_schemes_paid",
    "opening_balance",
    "credit_before",
    "credit_after",
    "visits",
    "family",
)


def _csv_inputs(scenario: Scenario) -> dict[str, str]:
    data = scenario_json(scenario)
    row = {name: "" for name in INPUT_COLUMNS}
    for name, value in data.items():
        if name == "visits":
            row[name] = " ".join(f"{v['amount']}@{v['level']}:{v['kind']}" for v in value)
        elif name == "family":
            row[name] = " ".join(f"{item['relation']}={item['amount']}" for item in value)
        elif name in row:
            row[name] = str(value)
    return row


def worksheet_csv(cases: list[PracticeCase]) -> str:
    """The worksheet as CSV: one row per case with its inputs (visits as ``AMOUNT@LEVEL:KIND``)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["case", "region", "level_of_difficulty", *INPUT_COLUMNS])
    writer.writeheader()
    for case in cases:
        writer.writerow(
            {"case": case.number, "region": case.region, "level_of_difficulty": case.difficulty}
            | _csv_inputs(case.scenario)
        )
    return out.getvalue()


def key_csv(cases: list[PracticeCase]) -> str:
    """The answer key as CSV: one row per case and side, the figures to the fen (empty where a side has no pooling)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["case", "side", "policy", *ANSWER_FIELDS])
    writer.writeheader()
    for case in cases:
        key = case.key()
        for side in SIDES:
            result = getattr(key, side)
            figures = {name: money_text(value) for name, value in expected(result).items()}
            writer.writerow(
                {"case": case.number, "side": side, "policy": result.policy.id}
                | {name: figures.get(name, "") for name in ANSWER_FIELDS}
            )
    return out.getvalue()
