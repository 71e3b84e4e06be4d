"""The personal account over the years: consecutive calendar years before and after the reform.

A balance is a stock. One settled year says what the reform does to this year's cash and year-end
balance; this module settles a run of consecutive calendar years under both rule sets — the pre-reform
rules continued as if there had been no reform, and the reform rules — carrying each side's closing
balance into its next year's opening balance. Every year is settled by
:func:`calculator.settlement.settle_year` exactly as one year is (the tests check a year of the ledger
against :func:`calculator.comparison.compare` for that year's inputs), so the rules stay in the policy
files: age bands, the retiree credit, the deductibles all come from there.

What changes from year to year is the person, and only by the stated conventions:

* ages are whole years at the start of each calendar year, and rise by one a year;
* the person is retired for whole years from the first year whose age equals the retirement age they
  give (the policy documents set no retirement age, so there is no default: without one the person
  stays in service);
* the contribution base, the pension, the spending and family payments grow by rates the user gives
  (labelled assumptions, 0 by default), each year's amount is the start amount × (1 + rate)ⁿ rounded
  half up to the fen (from the start amount, so rounding never compounds); a year's spending may be
  given outright instead;
* interest on the balance (an assumption, 0 by default) is credited on 1 January on the previous
  year-end balance, rounded half up to the fen, and is part of that year's opening balance.

Where a credit rule needs a figure the source documents do not give and the user has not given it (a
regional reference amount, an account-statement credit, the pension at retirement), that side is
*unknown* from that year on — never a made-up number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .comparison import defaults_used
from .errors import CalculatorError, InputError, Problem, from_validation_error
from .money import HUNDRED, ZERO, fen, format_percent, format_yuan
from .policy_model import Policy
from .scenario import MAX_AGE, MIN_AGE_RETIRED, Amount, PositiveAmount, Scenario, parse_scenario
from .settlement import YearResult, settle_year

Side = Literal["before", "after"]
SIDES: tuple[Side, Side] = ("before", "after")
MAX_YEARS = 60
# The projection's own inputs beyond the person (CLI flags, the ledger page's URL keys): one list for both.
PROJECTION_INPUTS = (
    "years",
    "start_year",
    "retire_age",
    "retirement_pension",
    "base_growth",
    "pension_growth",
    "spending_growth",
    "family_growth",
    "interest",
)
TOTAL_FIELDS = ("cash_paid", "account_paid", "reimbursed_total")

Rate = Annotated[Decimal, Field(ge=-50, le=50, decimal_places=4, allow_inf_nan=False)]
InterestRate = Annotated[Decimal, Field(ge=0, le=20, decimal_places=4, allow_inf_nan=False)]

# The projection's own inputs, named in messages in the user's language (the scenario's fields are
# named by calculator.errors).
PROJECTION_LABELS: dict[str, tuple[str, str]] = {
    "years": ("测算年数", "years"),
    "start_year": ("起始年份", "start year"),
    "retire_age": ("退休年龄", "retirement age"),
    "retirement_pension": ("退休当年月养老金", "monthly pension in the first year of retirement"),
    "base_growth": ("缴费基数年增长率", "contribution base growth"),
    "pension_growth": ("养老金年增长率", "pension growth"),
    "spending_growth": ("门诊费用年增长率", "spending growth"),
    "family_growth": ("家庭共济金额年增长率", "family payments growth"),
    "interest": ("账户年利率", "interest rate"),
    "spending_by_year": ("逐年门诊费用", "spending by year"),
}


@dataclass(frozen=True)
class ProjectionProblem(Problem):
    """A problem with one of the projection's own inputs, named with its own label."""

    def text(self, lang: str) -> str:
        name, _, rest = self.field.partition("[")
        if name not in PROJECTION_LABELS:
            return super().text(lang)
        zh, en = PROJECTION_LABELS[name]
        label = (en if lang == "en" else zh) + (f"[{rest}" if rest else "")
        if lang == "en":
            return f"{label} ({self.field}): {self.en}"
        return f"{label}（{self.field}）：{self.zh}"


def _problem(field_name: str, zh: str, en: str) -> InputError:
    return InputError([ProjectionProblem(field_name, zh, en)])


class ProjectionInput(BaseModel):
    """The projection's own inputs beside the starting year's person (a :class:`Scenario`).

    Rates are percent per year. ``spending_by_year`` gives a year's annual outpatient spending outright
    (calendar year → amount), replacing the grown amount (and any visit list) for that year.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    years: int = Field(ge=1, le=MAX_YEARS)
    start_year: int | None = Field(default=None, ge=1990, le=2100)
    retire_age: int | None = Field(default=None, ge=MIN_AGE_RETIRED, le=MAX_AGE)
    retirement_pension: PositiveAmount | None = None
    base_growth: Rate = Decimal(0)
    pension_growth: Rate = Decimal(0)
    spending_growth: Rate = Decimal(0)
    family_growth: Rate = Decimal(0)
    interest: InterestRate = Decimal(0)
    spending_by_year: dict[int, Amount] = {}


def parse_projection_input(data: dict) -> ProjectionInput:
    """Validate plain data (CLI flags, query string) into :class:`ProjectionInput`, naming the field."""
    try:
        return ProjectionInput.model_validate(data)
    except ValidationError as exc:
        error = from_validation_error(exc)
        raise InputError([ProjectionProblem(p.field, p.zh, p.en) for p in error.problems]) from None


@dataclass(frozen=True)
class SideYear:
    """One side's year: the settled result, or why it is unknown (then every amount is None)."""

    scenario: Scenario | None
    result: YearResult | None
    interest: Decimal | None
    unknown: tuple[str, str] | None = None

    @property
    def known(self) -> bool:
        return self.result is not None


@dataclass(frozen=True)
class LedgerYear:
    year: int
    age: int
    status: str
    before: SideYear
    after: SideYear

    def side(self, name: Side) -> SideYear:
        return self.before if name == "before" else self.after

    @property
    def change(self) -> dict[str, Decimal] | None:
        """after − before for each output of the year, or None when either side is unknown."""
        if not (self.before.known and self.after.known):
            return None
        before, after = self.before.result.outputs(), self.after.result.outputs()
        return {name: after[name] - before[name] for name in before}


@dataclass(frozen=True)
class Assumption:
    """A convention or an assumption the ledger rests on, in both languages, with its value."""

    name: str
    value: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Ledger:
    before_policy: Policy
    after_policy: Policy
    settings: ProjectionInput
    start_year: int
    years: list[LedgerYear]
    assumptions: list[Assumption] = field(default_factory=list)

    def total(self, side: Side, name: str) -> Decimal | None:
        """A side's sum of one output over all the years (None if any year of that side is unknown)."""
        rows = [row.side(side) for row in self.years]
        if not all(row.known for row in rows):
            return None
        return sum((getattr(row.result, name) for row in rows), ZERO)

    def final_balance(self, side: Side) -> Decimal | None:
        last = self.years[-1].side(side)
        return last.result.closing_balance if last.known else None

    def cumulative_cash(self, side: Side) -> list[Decimal | None]:
        """Cash out of pocket summed from the first year to each year (None from the first unknown year)."""
        running: Decimal | None = ZERO
        out: list[Decimal | None] = []
        for row in self.years:
            one = row.side(side)
            running = running + one.result.cash_paid if (running is not None and one.known) else None
            out.append(running)
        return out

    def cumulative_net(self) -> list[Decimal | None]:
        """What the reform has left the person with by the end of each year, cash and account together:
        cash saved so far (before − after) plus the year-end balance gained (after − before)."""
        cash_before, cash_after = self.cumulative_cash("before"), self.cumulative_cash("after")
        out: list[Decimal | None] = []
        for row, cb, ca in zip(self.years, cash_before, cash_after, strict=True):
            if cb is None or ca is None:
                out.append(None)
            else:
                out.append(cb - ca + row.after.result.closing_balance - row.before.result.closing_balance)
        return out

    def turn_year(self) -> int | None:
        """The first year in which the cumulative net difference changes sign (zero years skipped)."""
        previous = 0
        for row, net in zip(self.years, self.cumulative_net(), strict=True):
            if net is None:
                return None
            sign = (net > 0) - (net < 0)
            if sign and previous and sign != previous:
                return row.year
            previous = sign or previous
        return None

    def retirement_year(self) -> int | None:
        """The first year the person is retired within the horizon (None if they never are, or always were)."""
        for before, row in zip(self.years, self.years[1:], strict=False):
            if before.status != "retired" and row.status == "retired":
                return row.year
        return None

    def year_of_age(self, age: int) -> int | None:
        return next((row.year for row in self.years if row.age == age), None)


def _grown(amount: Decimal, rate: Decimal, years: int) -> Decimal:
    """``amount`` × (1 + rate %)ⁿ, rounded half up to the fen once, from the start amount."""
    if not rate or not years:
        return amount
    return fen(amount * (1 + rate / HUNDRED) ** years)


def refuse_unknown_references(scenario: Scenario, before: Policy, after: Policy) -> None:
    """A reference amount neither policy uses, refused by name rather than ignored: a mistyped name would
    otherwise leave the published default (or an unknown side) in place without a word. For typed input
    (the command line); the dashboard offers only the pair's own references."""
    known = sorted({*before.references, *after.references})
    for name in scenario.references:
        if name not in known:
            listed = ", ".join(known) or "—"
            raise InputError(
                [
                    Problem(
                        f"references.{name}",
                        f"这两项政策都不使用该参考金额；可填写的有：{listed}",
                        f"neither policy uses this reference amount; the ones they use: {listed}",
                    )
                ]
            )


def _check(scenario: Scenario, settings: ProjectionInput, after: Policy) -> int:
    """Cross-field checks of the person and the projection; returns the start year."""
    start = settings.start_year
    if start is None:
        if after.effective_from is None:
            raise _problem(
                "start_year",
                f"{after.title.zh}没有生效日期，请填写起始年份",
                f"{after.title.en} has no start date; give the start year",
            )
        start = after.effective_from.year
    last_age = scenario.age + settings.years - 1
    if last_age > MAX_AGE:
        raise _problem(
            "years",
            f"到最后一年年龄将达 {last_age} 岁，超过 {MAX_AGE} 岁；请减少年数",
            f"the age would reach {last_age} in the last year, beyond {MAX_AGE}; give fewer years",
        )
    if scenario.status == "retired":
        if settings.retire_age is not None:
            raise _problem(
                "retire_age", "已退休人员不需要填写退休年龄", "the person is already retired; leave it empty"
            )
        if settings.retirement_pension is not None:
            raise _problem(
                "retirement_pension",
                "已退休人员请填写当前月养老金（pension）",
                "the person is already retired: give the current monthly pension (pension) instead",
            )
    else:
        if settings.retire_age is not None and settings.retire_age <= scenario.age:
            raise _problem(
                "retire_age",
                f"须大于当前年龄 {scenario.age} 岁（在职人员）",
                f"must be above the current age {scenario.age} (the person is in service)",
            )
        if settings.retirement_pension is not None and settings.retire_age is None:
            raise _problem(
                "retirement_pension",
                "请同时填写退休年龄",
                "needs the retirement age (retire_age)",
            )
    for year in settings.spending_by_year:
        if not start <= year < start + settings.years:
            raise _problem(
                f"spending_by_year[{year}]",
                f"年份须在 {start}–{start + settings.years - 1} 之间",
                f"the year must be within {start}–{start + settings.years - 1}",
            )
    return start


def _year_data(scenario: Scenario, settings: ProjectionInput, index: int, year: int, retire_index: int | None) -> dict:
    """The person's inputs in the ``index``-th year (0 = the start year), opening balance left out."""
    data = scenario.model_dump(
        exclude={"opening_balance", "credit_before", "credit_after", "contribution_base", "pension"}
    )
    retired = scenario.status == "retired" or (retire_index is not None and index >= retire_index)
    data["status"] = "retired" if retired else "in_service"
    data["age"] = scenario.age + index
    if not retired and scenario.contribution_base is not None:
        data["contribution_base"] = _grown(scenario.contribution_base, settings.base_growth, index)
    if retired:
        if scenario.status == "retired" and scenario.pension is not None:
            data["pension"] = _grown(scenario.pension, settings.pension_growth, index)
        elif scenario.status != "retired" and settings.retirement_pension is not None:
            data["pension"] = _grown(settings.retirement_pension, settings.pension_growth, index - retire_index)
    if data["status"] == scenario.status:  # a statement credit belongs to the status it was printed for
        for name in ("credit_before", "credit_after"):
            if getattr(scenario, name) is not None:
                data[name] = getattr(scenario, name)
    rate = settings.spending_growth
    if data.get("spending") is not None:
        data["spending"] = _grown(scenario.spending, rate, index)
    data["other_schemes_paid"] = _grown(scenario.other_schemes_paid, rate, index)
    if scenario.spending_by_kind is not None:
        data["spending_by_kind"] = {k: _grown(v, rate, index) for k, v in scenario.spending_by_kind.items()}
    if scenario.visits is not None:
        data["visits"] = [
            {
                **visit.model_dump(),
                "amount": _grown(visit.amount, rate, index),
                "other_paid": _grown(visit.other_paid, rate, index),
            }
            for visit in scenario.visits
        ]
    data["family"] = [
        {"relation": f.relation, "amount": _grown(f.amount, settings.family_growth, index)} for f in scenario.family
    ]
    if year in settings.spending_by_year:
        level = scenario.level or (scenario.visits[0].level if scenario.visits else 2)
        for name in ("visits", "spending_by_kind"):
            data[name] = None
        data["spending"] = settings.spending_by_year[year]
        data["level"] = level
        if scenario.visits is not None:
            data["other_schemes_paid"] = ZERO
    return data


def _settle(policy: Policy, scenario: Scenario, statement: Decimal | None) -> YearResult:
    """The one call into the settlement engine (the ledger never reads the explanation trace)."""
    return settle_year(policy, scenario, statement)


def _missing_figure(
    error: CalculatorError, policy: Policy, scenario: Scenario, side: Side, retired_already: bool
) -> tuple[str, str] | None:
    """If settling failed only because the credit rule needs a figure nobody gave, say which, in words
    (and by the name of the input that gives it: a retiree's own pension, or the pension on retiring)."""
    fields = {problem.field for problem in error.problems}
    statement_field = f"credit_{side}"
    if fields == {"references"}:
        rule = getattr(policy.account.credit, scenario.status)
        reference = policy.references[rule.reference]
        return (
            f"{policy.title.zh}：划入规则需要「{reference.label.zh}」，政策文件未给出该金额；"
            f"填写该金额（references.{rule.reference}）或对账单划入额后即可计算",
            f"{policy.title.en}: the credit rule needs '{reference.label.en}', which the policy documents do not "
            f"give; enter it (references.{rule.reference}) or the credit from the account statement",
        )
    if fields == {statement_field} and getattr(scenario, statement_field) is None:
        return (
            f"{policy.title.zh}：政策文件未给出该期间的划入标准；填写对账单上的年度划入额（{statement_field}）后即可计算",
            f"{policy.title.en}: the policy documents do not give this period's credit rule; enter the annual "
            f"credit from the account statement ({statement_field})",
        )
    if fields == {"pension"} and scenario.pension is None:
        if retired_already:  # the person's own pension is one of their inputs, not the projection's
            return (
                f"{policy.title.zh}：退休人员划入按本人养老金计算，请填写本人月养老金（pension）",
                f"{policy.title.en}: the retiree credit is a share of the person's pension; give the monthly "
                "pension (pension)",
            )
        return (
            f"{policy.title.zh}：退休人员划入按本人养老金计算，请填写退休当年月养老金（retirement_pension）",
            f"{policy.title.en}: the retiree credit is a share of the person's pension; give the monthly pension "
            "in the first year of retirement (retirement_pension)",
        )
    return None


def project(scenario: Scenario, before: Policy, after: Policy, settings: ProjectionInput) -> Ledger:
    """Settle ``settings.years`` consecutive calendar years under both policies, each carrying its balance."""
    start = _check(scenario, settings, after)
    retire_index = (
        settings.retire_age - scenario.age if scenario.status != "retired" and settings.retire_age is not None else None
    )
    policies = {"before": before, "after": after}
    closing: dict[Side, Decimal | None] = {side: scenario.opening_balance for side in SIDES}
    unknown: dict[Side, tuple[str, str] | None] = {side: None for side in SIDES}
    rate = settings.interest / HUNDRED
    rows = []
    for index in range(settings.years):
        year = start + index
        data = _year_data(scenario, settings, index, year, retire_index)
        sides: dict[Side, SideYear] = {}
        for side in SIDES:
            if unknown[side] is not None:
                sides[side] = SideYear(None, None, None, unknown[side])
                continue
            interest = fen(closing[side] * rate) if index else ZERO
            try:
                year_scenario = parse_scenario({**data, "opening_balance": closing[side] + interest})
            except CalculatorError as error:
                raise _in_year(error, year, index) from None
            statement = getattr(year_scenario, f"credit_{side}")
            try:
                result = _settle(policies[side], year_scenario, statement)
            except CalculatorError as error:
                reason = _missing_figure(error, policies[side], year_scenario, side, scenario.status == "retired")
                if reason is None:
                    raise _in_year(error, year, index) from None
                unknown[side] = reason
                closing[side] = None
                sides[side] = SideYear(year_scenario, None, None, reason)
                continue
            closing[side] = result.closing_balance
            sides[side] = SideYear(year_scenario, result, interest)
        rows.append(LedgerYear(year, data["age"], data["status"], sides["before"], sides["after"]))
    ledger = Ledger(before, after, settings, start, rows)
    ledger.assumptions.extend(assumptions(scenario, settings, ledger))
    return ledger


def _in_year(error: CalculatorError, year: int, index: int) -> CalculatorError:
    """An input that becomes invalid in a later year: say which year (the first year's errors are the person's)."""
    if index == 0:
        return error
    problems = [
        Problem(p.field, f"{year} 年：{p.zh}", f"in {year}: {p.en}") if not isinstance(p, ProjectionProblem) else p
        for p in error.problems
    ]
    return type(error)(problems)


def _pct(rate: Decimal) -> str:
    return format_percent(rate)


def assumptions(scenario: Scenario, settings: ProjectionInput, ledger: Ledger) -> list[Assumption]:
    """Every convention and assumption the ledger rests on, stated so the user can see and change it."""
    first, last = ledger.years[0].year, ledger.years[-1].year
    found = [
        Assumption(
            "years",
            f"{first}-{last}",
            f"测算 {first}–{last} 年共 {len(ledger.years)} 个自然年；改革前一方按改革前规则延续（假如没有改革），"
            "两方政策参数在整个期间保持现行数值。",
            f"{len(ledger.years)} calendar years, {first}–{last}; the before side continues the pre-reform rules "
            "as if there had been no reform, and both sides keep today's parameters throughout.",
        ),
        Assumption(
            "age",
            str(scenario.age),
            f"年龄按每个自然年年初的周岁计算，每年加一岁（{first} 年年初 {scenario.age} 岁）。",
            f"Ages are whole years at the start of each calendar year and rise by one a year "
            f"({scenario.age} at the start of {first}).",
        ),
    ]
    if scenario.status == "retired":
        found.append(
            Assumption("retire_age", "", "已退休：各年均按退休人员计算。", "Retired: every year is a retiree's year.")
        )
    elif settings.retire_age is None:
        found.append(
            Assumption(
                "retire_age",
                "",
                "未填写退休年龄：各年均按在职人员计算。政策文件未规定退休年龄，本工具不作默认。",
                "No retirement age given: every year is an in-service year. The policy documents set no "
                "retirement age, so none is assumed.",
            )
        )
    else:
        year = ledger.retirement_year()
        when_zh = f"，即 {year} 年起" if year else "（不在测算期内）"
        when_en = f", i.e. from {year}" if year else " (not within the horizon)"
        found.append(
            Assumption(
                "retire_age",
                str(settings.retire_age),
                f"退休年龄 {settings.retire_age} 岁（您填写的）：自年初年龄达到该岁数的那一年起按退休人员计算{when_zh}；"
                "退休后不再缴费，也不再有缴费基数。政策文件未规定退休年龄。",
                f"Retirement age {settings.retire_age} (as you gave it): retired for whole years from the year whose "
                f"start-of-year age reaches it{when_en}; no contributions and no contribution base after that. "
                "The policy documents set no retirement age.",
            )
        )
    for name, zh, en in (
        ("base_growth", "缴费基数", "the contribution base"),
        ("pension_growth", "养老金", "the pension"),
        (
            "spending_growth",
            "门诊费用（含其他保障已付与逐次明细）",
            "spending (with other schemes' payments and visits)",
        ),
        ("family_growth", "家庭共济金额", "family payments"),
    ):
        rate = getattr(settings, name)
        found.append(
            Assumption(
                name,
                str(rate),
                f"{zh}每年增长 {_pct(rate)}（假设）：第 n 年金额 = 起始金额 × (1 + 增长率)ⁿ，四舍五入到分。",
                f"Yearly growth of {en}: {_pct(rate)} (an assumption); year n's amount = the start amount × "
                "(1 + rate)ⁿ, rounded half up to the fen.",
            )
        )
    found.append(
        Assumption(
            "interest",
            str(settings.interest),
            f"个人账户年利率 {_pct(settings.interest)}（假设）：每年 1 月 1 日按上年末余额计息，四舍五入到分，计入当年年初余额。",
            f"Interest on the account {_pct(settings.interest)} a year (an assumption): credited on 1 January on "
            "the previous year-end balance, rounded half up to the fen, as part of that year's opening balance.",
        )
    )
    if settings.spending_by_year:
        years = ", ".join(str(year) for year in sorted(settings.spending_by_year))
        found.append(
            Assumption(
                "spending_by_year",
                years,
                f"以下年份的门诊费用按您逐年填写的金额计算：{years}。",
                f"Spending in these years is the amount you gave for the year: {years}.",
            )
        )
    if scenario.credit_before is not None or scenario.credit_after is not None:
        found.append(
            Assumption(
                "statement_credit",
                "",
                "对账单划入额只用于与填写时身份相同的年份，金额不变；身份改变后按政策规则计算。",
                "A credit from the account statement is used, unchanged, for the years in the status it was "
                "printed for; after a change of status the policy's rule applies.",
            )
        )
    known = {**ledger.before_policy.references, **ledger.after_policy.references}
    used = {name: amount for name, amount in sorted(scenario.references.items()) if name in known}
    if used:
        value = ", ".join(f"{name}={amount}" for name, amount in used.items())
        zh = "；".join(f"{known[name].label.zh} {format_yuan(amount)}" for name, amount in used.items())
        en = "; ".join(f"{known[name].label.en} {format_yuan(amount)}" for name, amount in used.items())
        found.append(
            Assumption(
                "references",
                value,
                f"您填写的地区参考金额每年保持不变（不按年增长）：{zh}。",
                f"The regional reference amounts you gave are held constant every year (not grown): {en}.",
            )
        )
    found.extend(_secondary_figures(ledger))
    for side, zh_side, en_side in (("before", "改革前", "before"), ("after", "改革后", "after")):
        row = next((row for row in ledger.years if not row.side(side).known), None)
        if row is not None:
            zh, en = row.side(side).unknown
            found.append(
                Assumption(
                    f"unknown_{side}",
                    str(row.year),
                    f"{zh_side}一方自 {row.year} 年起无法计算（不作估计）：{zh}。",
                    f"The {en_side} side is unknown from {row.year} on (no number is made up): {en}.",
                )
            )
    found.append(
        Assumption(
            "money",
            "",
            "金额精确到分，四舍五入（与单年测算相同）。",
            "Money is exact to the fen, rounded half up (as in the one-year comparison).",
        )
    )
    return found


SIDE_WORDS: dict[Side, tuple[str, str]] = {"before": ("改革前", "before"), "after": ("改革后", "after")}


def _credit_source_secondary(policy: Policy, scenario: Scenario) -> bool:
    """Whether the credit figure this year's rule gives rests on a secondary source (the rule's own, or
    the age band that applies), rather than on the official documents."""
    rule = getattr(policy.account.credit, scenario.status)
    bands = [band for band in getattr(rule, "bands", None) or [] if band.min_age <= scenario.age]
    band_source = getattr(bands[-1], "source", None) if bands else None
    return bool((rule.source and rule.source.secondary) or (band_source and band_source.secondary))


def _secondary_figures(ledger: Ledger) -> list[Assumption]:
    """Where a side's credit rests on a figure outside the policy documents: a published default standing
    in for a reference amount nobody gave (held constant), or a rule or age band from secondary sources.
    Said once per side, from the first year it applies, as the one-year comparison says it."""
    found: list[Assumption] = []
    for side in SIDES:
        policy = ledger.before_policy if side == "before" else ledger.after_policy
        zh_side, en_side = SIDE_WORDS[side]
        defaults: dict[str, tuple[int, object]] = {}
        secondary_from: int | None = None
        for row in ledger.years:
            one = row.side(side)
            if not one.known or getattr(one.scenario, f"credit_{side}") is not None:
                continue
            if one.scenario.tier in policy.account.no_account_tiers.tiers:
                continue
            for used in defaults_used(one.scenario, ledger.before_policy, ledger.after_policy):
                if used.side == side:
                    defaults.setdefault(used.name, (row.year, used))
            if secondary_from is None and _credit_source_secondary(policy, one.scenario):
                secondary_from = row.year
        for name, (year, used) in defaults.items():
            published = used.reference.default
            amount = format_yuan(published.value)
            found.append(
                Assumption(
                    f"default_{side}",
                    f"{name}={published.value}",
                    f"{zh_side}一方自 {year} 年起按{published.publisher.zh}公布的 {published.year} 年"
                    f"「{used.reference.label.zh}」{amount}估算，各年不变（二手资料，政策文件未给出）——"
                    f"请以对账单上的划入额替换，或填写该金额（references.{name}）。",
                    f"The {en_side} side from {year} on is estimated with {published.publisher.en}'s "
                    f"{published.year} '{used.reference.label.en}', {amount}, held constant (a secondary source, "
                    f"not in the policy documents) — replace it with the credit on your account statement or give "
                    f"the figure (references.{name}).",
                )
            )
        if secondary_from is not None:
            found.append(
                Assumption(
                    f"secondary_{side}",
                    str(secondary_from),
                    f"{zh_side}一方自 {secondary_from} 年起的划入标准（{policy.title.zh}）引用公开二手资料，"
                    f"正式文件未载；有对账单时请以其上的划入额为准（credit_{side}）。",
                    f"From {secondary_from} the {en_side} side's credit rule ({policy.title.en}) comes from public "
                    f"secondary sources, not the official documents; the credit on your account statement, if you "
                    f"have it, takes precedence (credit_{side}).",
                )
            )
    return found


__all__ = [
    "PROJECTION_LABELS",
    "Assumption",
    "Ledger",
    "LedgerYear",
    "ProjectionInput",
    "SideYear",
    "parse_projection_input",
    "project",
    "refuse_unknown_references",
]
