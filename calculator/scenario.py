"""One insured person's year, as the user describes it: the input contract of every front end.

Field names are the contract (CLI flags are the names with dashes, CSV columns and query keys are the
names). Validation happens here, at the edge: impossible or contradictory inputs are refused with a
message naming the field, and nothing is clamped into range behind the user's back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import InputError, from_validation_error
from .vocabulary import KINDS, Kind, Level, Relation, Status, Tier

MAX_AMOUNT = Decimal("10000000")  # ten million yuan: far above any outpatient year, catches typos
MAX_VISITS = 2000
MAX_FAMILY_PAYMENTS = 50
MIN_AGE_IN_SERVICE = 16  # legal working age
MIN_AGE_RETIRED = 45  # the earliest statutory retirement (women in special jobs); a plausibility bound
MAX_AGE = 120

Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2, allow_inf_nan=False)]
PositiveAmount = Annotated[Decimal, Field(gt=0, le=MAX_AMOUNT, decimal_places=2, allow_inf_nan=False)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Visit(_Input):
    """One outpatient visit or pharmacy purchase, in date order.

    ``level`` is the level of the institution that treated the patient or, for a pharmacy filling an
    external prescription, of the institution that wrote it (Chongqing art. 12, Q13).
    """

    amount: Amount
    level: Level
    pharmacy: bool = False
    kind: Kind = "general"
    other_paid: Amount = Decimal(0)

    @model_validator(mode="after")
    def _other_within_amount(self) -> Visit:
        if self.other_paid > self.amount:
            raise InputError.one("other_paid", "不能大于本次费用", "cannot exceed the visit's amount")
        return self


class FamilyPayment(_Input):
    """A relative's own-share cost the holder asks the personal account to pay (after the holder's own)."""

    relation: Relation
    amount: PositiveAmount


class Scenario(_Input):
    """A person and their outpatient year. Give ``spending`` with ``level``, or ``visits``."""

    status: Status
    tier: Tier = "employer"
    age: int = Field(ge=0, le=MAX_AGE)
    contribution_base: PositiveAmount | None = None
    pension: PositiveAmount | None = None
    spending: Amount | None = None
    level: Level | None = None
    kind: Kind = "general"
    spending_by_kind: dict[Kind, Amount] | None = None
    visits: list[Visit] | None = Field(default=None, max_length=MAX_VISITS)
    other_schemes_paid: Amount = Decimal(0)
    opening_balance: Amount = Decimal(0)
    credit_before: Amount | None = None
    credit_after: Amount | None = None
    family: list[FamilyPayment] = Field(default_factory=list, max_length=MAX_FAMILY_PAYMENTS)
    references: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")], PositiveAmount] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _coherent(self) -> Scenario:
        if self.status == "retired":
            if self.contribution_base is not None:
                raise InputError.one(
                    "contribution_base",
                    "退休人员不缴费，不应填写缴费基数",
                    "retired members do not contribute; leave it empty",
                )
            if self.age < MIN_AGE_RETIRED:
                raise InputError.one(
                    "age",
                    f"退休人员年龄不能小于 {MIN_AGE_RETIRED} 岁（最早的法定退休年龄）",
                    f"a retired member cannot be younger than {MIN_AGE_RETIRED} (the earliest statutory retirement)",
                )
        else:
            if self.pension is not None:
                raise InputError.one(
                    "pension", "在职人员没有养老金，不应填写", "in-service members have no pension; leave it empty"
                )
            if self.age < MIN_AGE_IN_SERVICE:
                raise InputError.one(
                    "age",
                    f"在职参保人员年龄不能小于 {MIN_AGE_IN_SERVICE} 岁",
                    f"an employee cannot be younger than {MIN_AGE_IN_SERVICE}",
                )
        given = [name for name in ("spending", "spending_by_kind", "visits") if getattr(self, name) is not None]
        if len(given) != 1:
            raise InputError.one(
                "spending",
                "请填写年度门诊费用（及医疗机构等级）或逐次就诊明细，二者选一",
                "give either the annual spending (with its level) or the visits, not both and not neither",
            )
        if given[0] != "visits" and self.level is None:
            raise InputError.one(
                "level",
                "填写年度费用时须同时选择医疗机构等级（1、2 或 3）",
                "is required with the annual spending (1, 2 or 3)",
            )
        if self.visits is not None and self.other_schemes_paid:
            raise InputError.one(
                "other_schemes_paid",
                "按次录入时，请在每次就诊中填写其他保障已付（other_paid）",
                "with visits, give what other schemes paid per visit (other_paid)",
            )
        if self.spending is not None and self.other_schemes_paid > self.spending:
            raise InputError.one("other_schemes_paid", "不能大于年度门诊费用", "cannot exceed the annual spending")
        if self.spending_by_kind is not None:
            general = self.spending_by_kind.get("general", Decimal(0))
            if self.other_schemes_paid > general:
                raise InputError.one(
                    "other_schemes_paid",
                    "按类别录入时，其他保障已付从普通门诊费用中扣除，不能大于该费用",
                    "with spending by kind it is deducted from the general spending and cannot exceed it",
                )
        return self

    @property
    def total_spending(self) -> Decimal:
        return sum((visit.amount for visit in self.settlement_visits()), Decimal(0))

    def settlement_visits(self) -> list[Visit]:
        """The visits to settle, in order. An annual total is one visit at its level (the official
        examples' special case); amounts by kind are one visit per kind, in the order of KINDS."""
        if self.visits is not None:
            return list(self.visits)
        if self.spending is not None:
            return [Visit(amount=self.spending, level=self.level, kind=self.kind, other_paid=self.other_schemes_paid)]
        visits = []
        for kind in KINDS:
            amount = (self.spending_by_kind or {}).get(kind)
            if amount:
                other = self.other_schemes_paid if kind == "general" else Decimal(0)
                visits.append(Visit(amount=amount, level=self.level, kind=kind, other_paid=other))
        return visits


def parse_scenario(data: dict) -> Scenario:
    """Validate plain data (parsed JSON, CSV row, query string) into a :class:`Scenario`."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def with_annual_spending(scenario: Scenario, spending: Decimal, level: int | None = None) -> Scenario:
    """The same person with a different annual spending (at ``level``, else their own or level 2).

    Used by sweeps and curves: visits and amounts by kind give way to one annual total, and what other
    schemes paid is kept only while it fits inside the new total, so every point is a valid scenario.
    """
    visits = scenario.settlement_visits()
    level = level or scenario.level or (visits[0].level if visits else 2)
    other = scenario.other_schemes_paid if scenario.visits is None else Decimal(0)
    data = scenario.model_dump(exclude={"visits", "spending_by_kind", "spending", "level", "other_schemes_paid"})
    return parse_scenario(
        {**data, "spending": spending, "level": level, "other_schemes_paid": min(other, Decimal(spending))}
    )
