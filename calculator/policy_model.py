"""The shape of a policy file, checked by pydantic when the file is loaded.

A policy file is data: every number in it is a parameter of one of the general mechanisms of
:mod:`calculator.settlement`, and every parameter group carries the :class:`Source` it rests on (a
seed document and its article, or a secondary source marked as such). The models refuse unknown keys,
rates outside 0–100 %, negative amounts and citations of documents nobody registered, so a typo in a
policy file fails at load time with the file, the field and the problem named.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .vocabulary import Kind, Level, Relation, Status, Tier

Money = Annotated[Decimal, Field(ge=0, le=Decimal("100000000"), decimal_places=2, allow_inf_nan=False)]
Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=4, allow_inf_nan=False)]
Age = Annotated[int, Field(ge=0, le=150)]


class Strict(BaseModel):
    """Base of every policy model: unknown keys are errors, values are frozen once loaded.

    Each model's validator is built when a policy is first validated, not when this module is imported:
    a command that reads the policies from the prepared copy (:mod:`calculator.registry`) never builds
    them."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bilingual(Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Source(Strict):
    """Where a parameter comes from.

    ``doc`` names an entry of ``policies/documents.yaml``; ``ref`` is the article or question. A number
    that is not in the policy documents is ``secondary: true`` and must say in ``origin`` where it was found.
    """

    doc: str
    ref: str
    note: str | None = None
    secondary: bool = False
    origin: str | None = None

    @model_validator(mode="after")
    def _secondary_needs_origin(self) -> Source:
        if self.secondary and not self.origin:
            raise ValueError("a secondary-source parameter must say where it comes from (origin)")
        return self


class ByStatus(Strict):
    in_service: Money
    retired: Money

    def for_status(self, status: Status) -> Decimal:
        return getattr(self, status)


class CitedByStatus(ByStatus):
    source: Source


def _check_levels(table: dict[int, Decimal]) -> dict[int, Decimal]:
    if sorted(table) != [1, 2, 3]:
        raise ValueError("rates must be given for levels 1, 2 and 3")
    return table


class Rates(Strict):
    """Pooled payment rate in percent, by status and institution level."""

    in_service: dict[Level, Percent]
    retired: dict[Level, Percent]
    source: Source

    _levels = field_validator("in_service", "retired")(_check_levels)

    def rate(self, status: Status, level: int) -> Decimal:
        return getattr(self, status)[level]


class AnnualCap(Strict):
    """The shared annual cap of general pooling; ``by_tier`` overrides it for some contribution tiers."""

    in_service: Money
    retired: Money
    by_tier: dict[Tier, ByStatus] = {}
    source: Source

    def cap(self, status: Status, tier: Tier) -> Decimal:
        table = self.by_tier.get(tier)
        return getattr(table if table is not None else self, status)


class Category(Strict):
    """A kind of outpatient spending with rules of its own, inside the shared annual cap.

    ``deductible`` is ``shared`` (it fills the general deductible counter) or the amounts of a counter
    of its own (0 for none). ``rate_bonus_points`` is added to the general rate of the level;
    ``sub_cap`` bounds what pooling pays for this kind in a year.
    """

    deductible: Literal["shared"] | ByStatus
    rate_bonus_points: Percent = Decimal(0)
    sub_cap: Money | None = None
    source: Source


class Pooling(Strict):
    """General outpatient pooling (普通门诊统筹).

    ``other_schemes_first`` cites the rule that other schemes (两病, special diseases, negotiated
    drugs) settle first and only the remainder enters general pooling.
    """

    other_schemes_first: Source
    deductible: CitedByStatus
    rates_percent: Rates
    annual_cap: AnnualCap
    categories: dict[Kind, Category] = {}

    @field_validator("categories")
    @classmethod
    def _general_is_the_default(cls, value: dict[str, Category]) -> dict[str, Category]:
        if "general" in value:
            raise ValueError("'general' is the default kind and takes the pooling's own parameters")
        return value


class PercentBand(Strict):
    """One age band; a band may cite a source of its own when it rests on other evidence than its rule."""

    min_age: Age = 0
    percent: Percent
    source: Source | None = None


class AmountBand(Strict):
    min_age: Age = 0
    amount: Money
    source: Source | None = None


def _sorted_bands(bands: list) -> list:
    if not bands:
        raise ValueError("at least one age band is needed")
    ages = [band.min_age for band in bands]
    if ages != sorted(set(ages)):
        raise ValueError("age bands must be in increasing order of min_age, without repeats")
    if ages[0] != 0:
        raise ValueError("the first age band must start at min_age 0")
    return bands


class PercentOfBase(Strict):
    """Credit = percent of the contribution base, the percent chosen by age band."""

    method: Literal["percent_of_base"]
    bands: list[PercentBand]
    source: Source
    _bands = field_validator("bands")(_sorted_bands)


class FixedMonthly(Strict):
    """Credit = a fixed monthly amount × 12, the amount chosen by age band."""

    method: Literal["fixed_monthly"]
    bands: list[AmountBand]
    source: Source
    _bands = field_validator("bands")(_sorted_bands)


class FixedAnnual(Strict):
    method: Literal["fixed_annual"]
    amount: Money
    source: Source


class PercentOfPension(Strict):
    """Credit = percent of the person's own monthly pension × 12."""

    method: Literal["percent_of_pension"]
    percent: Percent
    source: Source


class PercentOfReference(Strict):
    """Credit = percent of a regional reference amount (an average pension or wage) in ``references``."""

    method: Literal["percent_of_reference"]
    percent: Percent
    reference: str
    source: Source


class StatementRequired(Strict):
    """The policy documents do not give the rule: the credit must come from the person's account statement.

    Better than a made-up rate: the calculator asks for the figure instead of inventing one."""

    method: Literal["statement_required"]
    source: Source


CreditRule = Annotated[
    PercentOfBase | FixedMonthly | FixedAnnual | PercentOfPension | PercentOfReference | StatementRequired,
    Field(discriminator="method"),
]


class Credit(Strict):
    in_service: CreditRule
    retired: CreditRule


class NoAccountTiers(Strict):
    tiers: list[Tier]
    source: Source


class FamilySharing(Strict):
    """Whether the account may pay relatives' costs, and the balance it must keep when it does."""

    allowed: bool
    relations: list[Relation] = []
    min_balance_after: Money | None = None
    strictly_above: bool = False
    source: Source


class Account(Strict):
    credit: Credit
    no_account_tiers: NoAccountTiers
    family_sharing: FamilySharing


class ReferenceDefault(Strict):
    """A published figure used when the policy documents leave a reference open and the user gives none.

    It is never the rule itself: it is labelled as secondary, with its year and publisher, and the
    person is told to replace it with the credit on their account statement."""

    value: Money = Field(gt=0)
    year: int = Field(ge=1990, le=2100)
    publisher: Bilingual
    source: Source

    @field_validator("source")
    @classmethod
    def _secondary(cls, value: Source) -> Source:
        if not value.secondary:
            raise ValueError("a default figure is not in the policy documents: mark its source secondary: true")
        return value


class Reference(Strict):
    """A regional amount a credit rule refers to. ``value: null`` means the policy documents do not give
    it; ``default`` is then a published figure used until the person gives their own."""

    label: Bilingual
    unit: Literal["yuan_per_month", "yuan_per_year"]
    value: Money | None = None
    source: Source
    default: ReferenceDefault | None = None

    def resolve(self, given: Decimal | None) -> tuple[Decimal | None, bool]:
        """The amount to use and whether it is the labelled default: the person's figure, else the
        documents' value, else the published default (None when there is none)."""
        if given is not None:
            return given, False
        if self.value is not None:
            return self.value, False
        if self.default is not None:
            return self.default.value, True
        return None, False


class Region(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    zh: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Policy(Strict):
    """One region's rules in one period, as written in one file under ``policies/``."""

    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*[a-z0-9](~[a-z0-9-]+)?$", max_length=64)
    region: Region
    title: Bilingual
    kind: Literal["pre_reform", "reform", "template"]
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    replaces: str | None = None
    pooling: Pooling | None = None
    no_pooling: Source | None = None
    account: Account
    references: dict[str, Reference] = {}
    notes: list[Bilingual] = []

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        if (self.pooling is None) == (self.no_pooling is None):
            raise ValueError("give either 'pooling' or 'no_pooling' (with the source saying there is none)")
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        if self.pooling is not None:
            for kind, category in self.pooling.categories.items():
                for status in ("in_service", "retired"):
                    top = max(getattr(self.pooling.rates_percent, status).values()) + category.rate_bonus_points
                    if top > 100:
                        raise ValueError(f"the {kind} rate for {status} would exceed 100% ({top}%)")
        for status in ("in_service", "retired"):
            rule = getattr(self.account.credit, status)
            if isinstance(rule, PercentOfReference) and rule.reference not in self.references:
                raise ValueError(f"credit rule for {status} refers to unknown reference '{rule.reference}'")
        return self

    def sources(self) -> list[tuple[str, Source]]:
        """Every (parameter path, source) pair of the policy, for the sources page and the tests."""
        found: list[tuple[str, Source]] = []

        def walk(node: object, path: str) -> None:
            if isinstance(node, Source):
                found.append((path.rsplit(".", 1)[0] if path.endswith(".source") else path, node))
            elif isinstance(node, BaseModel):
                for name in type(node).model_fields:
                    walk(getattr(node, name), f"{path}.{name}" if path else name)
            elif isinstance(node, dict):
                for key, value in node.items():
                    walk(value, f"{path}.{key}")
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, f"{path}[{index}]")

        walk(self, "")
        return found
