"""A synthetic insured population and what the reform does to it: who gains, who loses, where money moves.

The national bureau describes the reform as "待遇置换、资金平移" (国家医保局答记者问 问题3): money that used to be
credited to personal accounts is moved into pooling and paid back out as outpatient reimbursement. This
module makes that picture for a whole population: it draws person-years from editable, labelled
assumptions (:class:`PopulationAssumptions`), settles each one under the policy before and after with the
vectorised engine (:mod:`calculator.vectorised`, which agrees with the exact engine to the fen), and
accumulates shares of gainers and losers and the aggregate money flow.

Every assumption carries a bilingual label and its origin: a policy document, a cited secondary source, or the
word "assumption" (a modelling choice the user should vary). Nothing here is a rule of any policy.

Scale: the population is drawn and settled in chunks, so memory grows with the chunk size and not with the
population. Each block of :data:`BLOCK` persons has its own seeded random stream, so a seed gives the same
population whatever the chunk size.

Spending deciles: deciles over the whole population cannot be known before all chunks are seen. They are
fixed in advance as the spending thresholds of a seeded pilot sample (:data:`PILOT_SIZE` persons drawn
from the same assumptions on a stream of its own), computed among persons with some spending; persons with
no outpatient spending form a group of their own ("no spending") because they would otherwise fill several
tied deciles at zero. Each decile therefore holds about, not exactly, a tenth of the spenders.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import InputError, Problem
from .policy_model import Policy
from .vectorised import STATUS_CODE, TIER_CODE, CompiledPolicy, PersonYears, compile_policy, settle
from .vocabulary import STATUSES, TIERS

BLOCK = 1 << 16  # persons per seeded random stream (chunks are whole numbers of blocks)
PILOT_SIZE = 200_000  # persons in the pilot sample that fixes the spending-decile thresholds
PILOT_STREAM = 1 << 40  # spawn key of the pilot stream, far from any block index
MAX_SPENDING_FEN = 1_000_000_000  # 10 million yuan: the exact engine's input bound (scenario.MAX_AMOUNT)
DEFAULT_CHUNK = 1 << 18  # ~70 MiB peak; memory follows this, not the population
AGE_BANDS = (0, 30, 40, 50, 60, 70, 80)  # lower edges; the last band is open
# change in cash outlay, in yuan: bins are [edge_i, edge_i+1); exactly 0 is a bin of its own
CASH_CHANGE_EDGES = (-2000, -1000, -500, -200, -100, -50, 0, 50, 100, 200, 500, 1000, 2000)
OUTCOMES = ("gainers", "losers", "unchanged")
MEASURES = ("cash", "balance", "combined")

ASSUMPTION = ("假设（可调整）", "assumption (adjust it)")
RUN_SETTING = ("运行设置", "run setting")
SEED_004_RATIOS = (
    "国家医保局有关司负责人答记者问 问题1：2021年退休人员人均门诊就诊次数为在职职工的2.17倍、次均费用1.15倍",
    "National Healthcare Security Administration press Q&A, Q1",
)
NATIONAL_2022 = (
    "二手资料：全国2022年退休职工占职工医保参保人数的26.6%（出处为国家医保局《2022年全国医疗保障事业发展统计公报》，"
    "公报载职工医保参保36243万人，本项目未能在本地核对在职/退休分项）",
    "secondary: national 2022, 26.6% of employee insured are retired (from the NHSA 2022 national "
    "statistical bulletin, 362.43 million employee insured; the in-service/retired split was not checked locally)",
)
REFERENCE_DEFAULTS = (
    "默认按政策文件为各参考金额标注的公开数值（二手资料，注明年份与发布机构，如重庆市统计局公布的2022年平均工资）",
    "by default the published figure each policy file gives for a reference it leaves open (secondary, with its year "
    "and publisher, e.g. the Chongqing statistics bureau's 2022 average wage)",
)

Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


def _info(zh: str, en: str, source: tuple[str, str] = ASSUMPTION) -> dict[str, Any]:
    """Field metadata: the bilingual label and the origin every assumption must show."""
    return {"json_schema_extra": {"zh": zh, "en": en, "source_zh": source[0], "source_en": source[1]}}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelMix(_Strict):
    """Share of persons whose outpatient care is at institutions of level 1, 2 and 3 (sums to 1)."""

    level1: Share
    level2: Share
    level3: Share

    @model_validator(mode="after")
    def _sums_to_one(self) -> LevelMix:
        if abs(self.level1 + self.level2 + self.level3 - 1) > 1e-9:
            raise ValueError("level1 + level2 + level3 must add up to 1")
        return self

    def cumulative(self) -> tuple[float, float]:
        return self.level1, self.level1 + self.level2


class TierMix(_Strict):
    """Share of insured by contribution tier (sums to 1)."""

    employer: Share
    individual_tier1: Share
    individual_tier2: Share

    @model_validator(mode="after")
    def _sums_to_one(self) -> TierMix:
        if abs(self.employer + self.individual_tier1 + self.individual_tier2 - 1) > 1e-9:
            raise ValueError("employer + individual_tier1 + individual_tier2 must add up to 1")
        return self

    def probabilities(self) -> list[float]:
        return [getattr(self, tier) for tier in TIERS]


class PopulationAssumptions(_Strict):
    """Everything the synthetic population rests on; each field says what it is and where it comes from."""

    size: int = Field(1_000_000, ge=1, le=100_000_000, **_info("模拟人数", "persons simulated", RUN_SETTING))
    seed: int = Field(
        1,
        ge=0,
        le=2**63 - 1,
        **_info("随机种子（相同种子得到相同人群）", "random seed (same seed, same population)", RUN_SETTING),
    )
    retired_share: Share = Field(0.266, **_info("退休人员占比", "share retired", NATIONAL_2022))
    in_service_age_mean: float = Field(40.0, ge=16, le=70, **_info("在职人员平均年龄", "in-service mean age"))
    in_service_age_sd: float = Field(10.0, gt=0, le=30, **_info("在职人员年龄标准差", "in-service age s.d."))
    in_service_age_min: int = Field(18, ge=16, le=70, **_info("在职人员最小年龄", "in-service minimum age"))
    in_service_age_max: int = Field(64, ge=16, le=80, **_info("在职人员最大年龄", "in-service maximum age"))
    retired_age_mean: float = Field(68.0, ge=45, le=100, **_info("退休人员平均年龄", "retired mean age"))
    retired_age_sd: float = Field(8.0, gt=0, le=30, **_info("退休人员年龄标准差", "retired age s.d."))
    retired_age_min: int = Field(50, ge=45, le=100, **_info("退休人员最小年龄", "retired minimum age"))
    retired_age_max: int = Field(100, ge=45, le=120, **_info("退休人员最大年龄", "retired maximum age"))
    base_median: float = Field(
        72_000, gt=0, le=10_000_000, **_info("年缴费基数中位数（元）", "median annual contribution base (yuan)")
    )
    base_sigma: float = Field(0.45, ge=0, le=3, **_info("缴费基数对数标准差", "contribution base log s.d."))
    base_min: float = Field(
        40_000, gt=0, le=10_000_000, **_info("年缴费基数下限（元）", "minimum annual contribution base (yuan)")
    )
    base_max: float = Field(
        320_000, gt=0, le=10_000_000, **_info("年缴费基数上限（元）", "maximum annual contribution base (yuan)")
    )
    pension_median: float = Field(
        3_000, gt=0, le=1_000_000, **_info("月养老金中位数（元）", "median monthly pension (yuan)")
    )
    pension_sigma: float = Field(0.35, ge=0, le=3, **_info("养老金对数标准差", "pension log s.d."))
    zero_spending_in_service: Share = Field(
        0.30, **_info("在职人员全年无门诊费用的比例", "share of in-service members with no outpatient spending")
    )
    zero_spending_retired: Share = Field(
        0.10, **_info("退休人员全年无门诊费用的比例", "share of retirees with no outpatient spending")
    )
    in_service_visits: float = Field(
        5.0, gt=0, le=365, **_info("在职人员人均年门诊次数", "in-service outpatient visits per person a year")
    )
    in_service_cost_per_visit: float = Field(
        220.0, gt=0, le=100_000, **_info("在职人员门诊次均费用（元）", "in-service cost per visit (yuan)")
    )
    retired_visit_ratio: float = Field(
        2.17,
        gt=0,
        le=20,
        **_info("退休/在职人均就诊次数之比", "retired / in-service visits per person", SEED_004_RATIOS),
    )
    retired_cost_ratio: float = Field(
        1.15, gt=0, le=20, **_info("退休/在职次均费用之比", "retired / in-service cost per visit", SEED_004_RATIOS)
    )
    spending_sigma: float = Field(
        1.1,
        ge=0,
        le=3,
        **_info("有费用者年门诊费用对数标准差（对数正态）", "log s.d. of spenders' annual spending (log-normal)"),
    )
    level_mix_in_service: LevelMix = Field(
        LevelMix(level1=0.3, level2=0.3, level3=0.4),
        **_info("在职人员就医机构等级构成（一/二/三级）", "in-service institution level mix (1/2/3)"),
    )
    level_mix_retired: LevelMix = Field(
        LevelMix(level1=0.4, level2=0.3, level3=0.3),
        **_info("退休人员就医机构等级构成（一/二/三级）", "retired institution level mix (1/2/3)"),
    )
    other_schemes_in_service: Share = Field(
        0.03,
        **_info(
            "在职有费用者中由两病/特病/国谈等先行支付的比例", "in-service spenders with other schemes paying first"
        ),
    )
    other_schemes_retired: Share = Field(
        0.15,
        **_info("退休有费用者中由两病/特病/国谈等先行支付的比例", "retired spenders with other schemes paying first"),
    )
    other_paid_min: Share = Field(
        0.5, **_info("其他保障支付占其费用的最低比例", "lowest fraction of spending other schemes pay")
    )
    other_paid_max: Share = Field(
        0.9, **_info("其他保障支付占其费用的最高比例", "highest fraction of spending other schemes pay")
    )
    tier_mix: TierMix = Field(
        TierMix(employer=0.85, individual_tier1=0.05, individual_tier2=0.10),
        **_info("参保档次构成（单位/个人一档/个人二档）", "contribution tier mix (employer / individual 1 / 2)"),
    )
    opening_zero_share: Share = Field(
        0.2, **_info("年初个人账户余额为 0 的比例", "share with an empty account at the start of the year")
    )
    opening_median: float = Field(
        1_500, ge=0, le=10_000_000, **_info("年初个人账户余额中位数（元）", "median opening account balance (yuan)")
    )
    opening_sigma: float = Field(1.0, ge=0, le=3, **_info("年初余额对数标准差", "opening balance log s.d."))
    references: dict[str, Decimal] = Field(
        {},
        **_info(
            "地区参考金额（政策文件中未给出的数值，如改革前重庆退休人员划入所依据的上年度平均工资）",
            "regional reference amounts the policy files leave open (e.g. the wage behind Chongqing's pre-reform "
            "retiree credit)",
            REFERENCE_DEFAULTS,
        ),
    )
    insured_population: int | None = Field(
        None,
        ge=1,
        le=2_000_000_000,
        **_info(
            "换算到的参保人数（政策文件未给出重庆职工医保参保人数，请填写；留空则按模拟人数）",
            "insured population to scale to (Chongqing's employee insured count is not in the policy documents: enter it; "
            "empty means the simulated size)",
            ("须由用户填写", "to be entered by the user"),
        ),
    )

    @model_validator(mode="after")
    def _ranges(self) -> PopulationAssumptions:
        pairs = (
            ("in_service_age_min", "in_service_age_max"),
            ("retired_age_min", "retired_age_max"),
            ("base_min", "base_max"),
            ("other_paid_min", "other_paid_max"),
        )
        for low, high in pairs:
            if getattr(self, low) > getattr(self, high):
                raise ValueError(f"{low} must not exceed {high}")
        for name, value in self.references.items():
            if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
                raise ValueError(f"references.{name} must be a positive amount with at most two decimals")
        return self

    def mean_spending(self, status: str) -> float:
        """Mean annual outpatient spending per person (spenders and non-spenders) of ``status``, in yuan."""
        mean = self.in_service_visits * self.in_service_cost_per_visit
        return mean * self.retired_visit_ratio * self.retired_cost_ratio if status == "retired" else mean


def assumption_rows(assumptions: PopulationAssumptions, lang: str = "zh") -> list[dict[str, Any]]:
    """Each assumption with its label, value and origin, for tables and the dashboard."""
    rows = []
    for name, info in PopulationAssumptions.model_fields.items():
        extra = info.json_schema_extra or {}
        value = getattr(assumptions, name)
        rows.append(
            {
                "name": name,
                "label": extra["en" if lang == "en" else "zh"],
                "value": value.model_dump() if isinstance(value, BaseModel) else value,
                "source": extra["source_en" if lang == "en" else "source_zh"],
                "is_assumption": extra["source_zh"] == ASSUMPTION[0],
            }
        )
    return rows


def parse_assumptions(data: dict | None = None) -> PopulationAssumptions:
    """Validate assumptions given as plain data; every problem names the field with its label, in both languages."""
    try:
        return PopulationAssumptions.model_validate(data or {})
    except ValidationError as exc:
        from .errors import _describe, _path

        problems = []
        for error in exc.errors(include_url=False):
            path = _path(tuple(error.get("loc", ())))
            top = path.split(".")[0].split("[")[0]
            extra = (
                (PopulationAssumptions.model_fields[top].json_schema_extra or {})
                if top in PopulationAssumptions.model_fields
                else {}
            )
            zh, en = _describe(error)
            label_zh = f"{extra['zh']}（{path}）" if extra else path or "假设"
            label_en = f"{extra['en']} ({path})" if extra else path or "assumptions"
            problems.append(Problem("", f"人群假设 {label_zh}：{zh}", f"population assumption {label_en}: {en}"))
        raise InputError(problems) from None


# --------------------------------------------------------------------------------------------- the generator


def _block_rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=(stream,)))


def _lognormal_fen(rng: np.random.Generator, median: float, sigma: float, n: int, unit_fen: int) -> np.ndarray:
    """Log-normal amounts rounded to ``unit_fen`` (100 = whole yuan, 1 = fen)."""
    values = median * np.exp(sigma * rng.standard_normal(n))
    return np.rint(values * 100 / unit_fen).astype(np.int64) * unit_fen


def draw_people(
    assumptions: PopulationAssumptions, n: int, rng: np.random.Generator, no_account_tiers: frozenset[str] = frozenset()
) -> PersonYears:
    """``n`` person-years drawn from ``assumptions`` (a tier in ``no_account_tiers`` starts with no balance)."""
    a = assumptions
    retired = rng.random(n) < a.retired_share
    status = retired.astype(np.int8) * np.int8(STATUS_CODE["retired"])
    age_in = np.clip(
        np.rint(rng.normal(a.in_service_age_mean, a.in_service_age_sd, n)), a.in_service_age_min, a.in_service_age_max
    )
    age_re = np.clip(np.rint(rng.normal(a.retired_age_mean, a.retired_age_sd, n)), a.retired_age_min, a.retired_age_max)
    age = np.where(retired, age_re, age_in).astype(np.int16)
    tier = rng.choice(len(TIERS), size=n, p=a.tier_mix.probabilities()).astype(np.int8)
    u = rng.random(n)
    c1 = np.where(retired, a.level_mix_retired.cumulative()[0], a.level_mix_in_service.cumulative()[0])
    c2 = np.where(retired, a.level_mix_retired.cumulative()[1], a.level_mix_in_service.cumulative()[1])
    level = (1 + (u >= c1) + (u >= c2)).astype(np.int8)
    base = np.clip(
        _lognormal_fen(rng, a.base_median, a.base_sigma, n, 100), round(a.base_min * 100), round(a.base_max * 100)
    )
    base = np.where(retired, 0, base).astype(np.int64)
    pension = np.maximum(_lognormal_fen(rng, a.pension_median, a.pension_sigma, n, 100), 100)
    pension = np.where(retired, pension, 0).astype(np.int64)
    # spending: mean per person = visits × cost per visit (× the national bureau's ratios for retirees), spread over spenders
    zero = np.where(retired, a.zero_spending_retired, a.zero_spending_in_service)
    spender = rng.random(n) >= zero
    spender_mean = np.where(
        retired,
        a.mean_spending("retired") / max(1e-12, 1 - a.zero_spending_retired),
        a.mean_spending("in_service") / max(1e-12, 1 - a.zero_spending_in_service),
    )
    log_mean = np.log(spender_mean) - a.spending_sigma**2 / 2
    amount = np.exp(log_mean + a.spending_sigma * rng.standard_normal(n))
    spending = np.where(spender, np.minimum(np.rint(amount * 100), MAX_SPENDING_FEN), 0).astype(np.int64)
    other_share = np.where(retired, a.other_schemes_retired, a.other_schemes_in_service)
    has_other = spender & (rng.random(n) < other_share)
    fraction = rng.uniform(a.other_paid_min, a.other_paid_max, n)
    other = np.where(has_other, np.floor(spending * fraction), 0).astype(np.int64)
    no_account = np.array([t in no_account_tiers for t in TIERS], dtype=bool)[tier]
    opening = _lognormal_fen(rng, max(a.opening_median, 0.01), a.opening_sigma, n, 1)
    opening = np.where(no_account | (rng.random(n) < a.opening_zero_share), 0, opening).astype(np.int64)
    return PersonYears(status, tier, age, level, base, pension, spending, other, opening)


def generate_chunks(
    assumptions: PopulationAssumptions, chunk_size: int = DEFAULT_CHUNK, no_account_tiers: frozenset[str] = frozenset()
) -> Iterator[PersonYears]:
    """The population in chunks of about ``chunk_size`` persons (rounded up to whole blocks).

    Block ``k`` is drawn from its own stream ``SeedSequence(seed, spawn_key=(k,))``, so the persons do not
    depend on the chunk size, only on the seed and the assumptions.
    """
    blocks_per_chunk = max(1, -(-chunk_size // BLOCK))
    total_blocks = -(-assumptions.size // BLOCK)
    for first in range(0, total_blocks, blocks_per_chunk):
        parts = []
        for block in range(first, min(first + blocks_per_chunk, total_blocks)):
            n = min(BLOCK, assumptions.size - block * BLOCK)
            parts.append(draw_people(assumptions, n, _block_rng(assumptions.seed, block), no_account_tiers))
        yield _concat(parts)


def _concat(parts: list[PersonYears]) -> PersonYears:
    if len(parts) == 1:
        return parts[0]
    names = PersonYears.__dataclass_fields__
    return PersonYears(**{name: np.concatenate([getattr(p, name) for p in parts]) for name in names})


def decile_thresholds(assumptions: PopulationAssumptions) -> np.ndarray:
    """Nine spending thresholds (fen) splitting spenders into deciles, from the seeded pilot sample."""
    pilot = draw_people(assumptions, PILOT_SIZE, _block_rng(assumptions.seed, PILOT_STREAM))
    spent = pilot.spending[pilot.spending > 0]
    if spent.size == 0:
        return np.zeros(9, dtype=np.int64)
    return np.quantile(spent, np.linspace(0.1, 0.9, 9), method="inverted_cdf").astype(np.int64)


def spending_group(spending: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """0 for no spending, 1–10 for the decile among spenders (a threshold amount belongs to the lower decile)."""
    return np.where(spending > 0, 1 + np.searchsorted(thresholds, spending, side="left"), 0)


# --------------------------------------------------------------------------------------------- the report


def cash_change_bins() -> list[dict[str, Any]]:
    """Bins of the change in cash outlay (yuan): [low, high) below 0, exactly 0, (low, high] above 0."""
    edges = CASH_CHANGE_EDGES
    bins: list[dict[str, Any]] = [{"low": None, "high": edges[0], "label": f"< {edges[0]}"}]
    for low, high in pairwise(edges):
        if high <= 0:
            bins.append({"low": low, "high": high, "label": f"[{low}, {high})"})
        else:
            if low == 0:
                bins.append({"low": 0, "high": 0, "label": "0"})  # exactly no change
            bins.append({"low": low, "high": high, "label": f"({low}, {high}]"})
    bins.append({"low": edges[-1], "high": None, "label": f"> {edges[-1]}"})
    return bins


def cash_change_bin(change_fen: np.ndarray, edges_fen: np.ndarray, zero_bin: int) -> np.ndarray:
    """The bin index of each change (see :func:`cash_change_bins`); ``zero_bin`` is the index of edge 0."""
    below = np.searchsorted(edges_fen, change_fen, side="right")  # edges ≤ change: [low, high) bins
    above = np.searchsorted(edges_fen, change_fen, side="left") + 1  # edges < change, after the zero bin
    return np.where(change_fen < 0, below, np.where(change_fen > 0, above, zero_bin + 1))


def integer_bin_edges(edges_fen: np.ndarray) -> np.ndarray:
    """Boundaries that give :func:`cash_change_bin`'s bins in one ``searchsorted(…, side="right")`` over
    whole fen: below zero the bins are [low, high); exactly 0 is [0, 1); above zero (low, high] is
    [low + 1, high + 1) in whole fen."""
    negative = edges_fen[edges_fen <= 0]
    return np.concatenate([negative, [1], edges_fen[edges_fen > 0] + 1]).astype(np.int64)


@dataclass
class GroupTable:
    """Counts of gainers, losers and unchanged for each group of one breakdown, for each measure."""

    keys: list[str]
    persons: np.ndarray  # [group]
    counts: dict[str, np.ndarray]  # measure → [group, outcome]
    cash_change_fen: np.ndarray  # [group] sum of (cash after − cash before)
    combined_change_fen: np.ndarray  # [group] sum of (balance change − cash change)

    def add(self, group: np.ndarray, outcomes: dict[str, np.ndarray], cash_change: np.ndarray, combined: np.ndarray):
        groups = len(self.keys)
        self.persons += np.bincount(group, minlength=groups)
        for measure, outcome in outcomes.items():
            self.counts[measure] += np.bincount(group * 3 + outcome, minlength=groups * 3).reshape(groups, 3)
        self.cash_change_fen += np.bincount(group, weights=cash_change, minlength=groups).astype(np.int64)
        self.combined_change_fen += np.bincount(group, weights=combined, minlength=groups).astype(np.int64)

    def shares(self, measure: str) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.persons[:, None] > 0, self.counts[measure] / self.persons[:, None], 0.0)


def _empty_table(keys: list[str]) -> GroupTable:
    n = len(keys)
    return GroupTable(
        keys,
        np.zeros(n, dtype=np.int64),
        {m: np.zeros((n, 3), dtype=np.int64) for m in MEASURES},
        np.zeros(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
    )


_OUTCOME_BY_SIGN = {True: np.array([1, 2, 0], dtype=np.int64), False: np.array([0, 2, 1], dtype=np.int64)}


def _outcome(change: np.ndarray, gain_if_positive: bool) -> np.ndarray:
    """0 gainer, 1 loser, 2 unchanged (looked up by the sign of the change: one pass over the array)."""
    return _OUTCOME_BY_SIGN[gain_if_positive][np.sign(change) + 1]


def _yuan(fen_amount: int | Decimal) -> Decimal:
    return (Decimal(fen_amount) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class PopulationReport:
    """What the reform does to the synthetic population. Money totals are exact integer fen sums."""

    before: Policy
    after: Policy
    assumptions: PopulationAssumptions
    size: int
    thresholds_fen: np.ndarray
    by_age: GroupTable
    by_status: GroupTable
    by_decile: GroupTable
    by_tier: GroupTable
    totals_fen: dict[str, int]  # "<field>_before" / "<field>_after"
    outcome_totals: dict[str, np.ndarray]  # measure → [gainers, losers, unchanged]
    histogram: np.ndarray  # counts per CASH_CHANGE bin
    seconds: float = 0.0
    references_used: dict[str, Decimal] = field(default_factory=dict)
    # measure → counts per bin of that measure's change (cash: after − before; balance: after − before;
    # combined: balance change − cash change), on the CASH_CHANGE edges
    change_histograms: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def scale_to(self) -> int:
        return self.assumptions.insured_population or self.size

    def flow_fen(self) -> dict[str, int]:
        """The money flow over the whole simulated population (fen): credits removed − pooled added = net."""
        removed = self.totals_fen["account_credit_before"] - self.totals_fen["account_credit_after"]
        added = self.totals_fen["general_pooling_paid_after"] - self.totals_fen["general_pooling_paid_before"]
        return {"credits_removed": removed, "pooled_added": added, "net": removed - added}

    def flow(self, per: int) -> dict[str, Decimal]:
        """The flow in yuan for ``per`` insured persons (10,000, or the population to scale to), half up to the fen."""
        return {key: _yuan(Decimal(value) * per / self.size) for key, value in self.flow_fen().items()}

    def histogram_bins(self) -> list[dict[str, Any]]:
        """The bins of :func:`cash_change_bin` with their bounds in yuan and a readable label."""
        return [{**b, "persons": int(c)} for b, c in zip(cash_change_bins(), self.histogram, strict=True)]

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``python -m calculator population --json``: money in yuan to the fen."""

        def table(t: GroupTable) -> list[dict[str, Any]]:
            rows = []
            for i, key in enumerate(t.keys):
                row: dict[str, Any] = {"group": key, "persons": int(t.persons[i])}
                for measure in MEASURES:
                    row[measure] = {o: int(t.counts[measure][i, j]) for j, o in enumerate(OUTCOMES)}
                    row[measure]["shares"] = {o: float(t.shares(measure)[i, j]) for j, o in enumerate(OUTCOMES)}
                persons = max(int(t.persons[i]), 1)
                row["mean_cash_change"] = _yuan(Decimal(int(t.cash_change_fen[i])) / persons)
                row["mean_combined_change"] = _yuan(Decimal(int(t.combined_change_fen[i])) / persons)
                rows.append(row)
            return rows

        totals = {}
        for measure in MEASURES:
            counts = self.outcome_totals[measure]
            totals[measure] = {o: int(counts[j]) for j, o in enumerate(OUTCOMES)}
            totals[measure]["shares"] = {o: float(counts[j] / self.size) for j, o in enumerate(OUTCOMES)}
        return {
            "before": self.before.id,
            "after": self.after.id,
            "size": self.size,
            "seed": self.assumptions.seed,
            "scale_to": self.scale_to,
            "scale_basis": "insured_population" if self.assumptions.insured_population else "simulated_size",
            "references": dict(self.references_used),
            "outcomes": totals,
            "flow": {
                "total": {key: _yuan(value) for key, value in self.flow_fen().items()},
                "per_10000": self.flow(10_000),
                "scaled": self.flow(self.scale_to),
            },
            "totals": {key: _yuan(value) for key, value in self.totals_fen.items()},
            "by_age": table(self.by_age),
            "by_status": table(self.by_status),
            "by_tier": table(self.by_tier),
            "by_decile": table(self.by_decile),
            "decile_thresholds": [_yuan(int(v)) for v in self.thresholds_fen],
            "cash_change_histogram": self.histogram_bins(),
            "change_histograms": {
                measure: [{**b, "persons": int(c)} for b, c in zip(cash_change_bins(), counts, strict=True)]
                for measure, counts in self.change_histograms.items()
            },
            "seconds": round(self.seconds, 3),
        }


TOTAL_FIELDS = (
    "account_credit",
    "general_pooling_paid",
    "other_schemes_paid",
    "account_paid",
    "cash_paid",
    "closing_balance",
)


def _age_keys() -> list[str]:
    keys = [f"{low}–{high - 1}" for low, high in pairwise(AGE_BANDS[1:])]
    return [f"<{AGE_BANDS[1]}", *keys, f"{AGE_BANDS[-1]}+"]


def _references_for(policies: list[Policy], assumptions: PopulationAssumptions) -> dict[str, Decimal]:
    """The reference amounts the two policies' credit rules use (the assumption wins over the file's value)."""
    used = {}
    for policy in policies:
        for status in STATUSES:
            rule = getattr(policy.account.credit, status)
            name = getattr(rule, "reference", None)
            if name is None:
                continue
            value, _ = policy.references[name].resolve(assumptions.references.get(name))
            if value is not None:
                used[name] = value
    return used


BREAKDOWNS = ("by_age", "by_status", "by_tier", "by_decile")
MAX_KEPT_PERSONS = 4_000_000  # a drawn population kept for many what-ifs: ~45 bytes a person, +16 a remembered policy


def no_account_tiers(*policies: Policy) -> frozenset[str]:
    """The tiers without a personal account under any of ``policies``: the draw gives them no opening balance."""
    return frozenset(tier for policy in policies for tier in policy.account.no_account_tiers.tiers)


GROUP_SIZES = {"by_age": len(AGE_BANDS), "by_status": len(STATUSES), "by_tier": len(TIERS), "by_decile": 11}
CELLS = int(np.prod(list(GROUP_SIZES.values())))  # one cell per combination of the four breakdowns' groups


def _cell_index(people: PersonYears, thresholds: np.ndarray) -> np.ndarray:
    """Each person's cell: age band, status, tier and spending group in one small integer, so a comparison
    counts every breakdown with one ``bincount`` and sums the cells afterwards."""
    cell = np.searchsorted(np.array(AGE_BANDS), people.age, side="right") - 1
    cell = cell * GROUP_SIZES["by_status"] + people.status
    cell = cell * GROUP_SIZES["by_tier"] + people.tier
    return (cell * GROUP_SIZES["by_decile"] + spending_group(people.spending, thresholds)).astype(np.int64)


def _cell_groups() -> dict[str, np.ndarray]:
    """For every breakdown, the group of each cell (the inverse of :func:`_cell_index`)."""
    shape = tuple(GROUP_SIZES.values())
    grids = np.unravel_index(np.arange(CELLS), shape)
    return dict(zip(GROUP_SIZES, grids, strict=True))


@dataclass
class _Side:
    """One policy's settlement of one chunk, reduced to what a comparison reads (int64 fen)."""

    cash_paid: np.ndarray
    closing_balance: np.ndarray
    totals: dict[str, int]


def _side(compiled: CompiledPolicy, people: PersonYears) -> _Side:
    result = settle(compiled, people)
    totals = {name: int(getattr(result, name).sum()) for name in TOTAL_FIELDS}
    return _Side(result.cash_paid, result.closing_balance, totals)


@dataclass
class _Chunk:
    people: PersonYears
    cell: np.ndarray
    remembered: dict[str, _Side] = field(default_factory=dict)  # policy id → its settlement of this chunk


class DrawnPopulation:
    """A population drawn once and kept in memory, so that many what-ifs settle the same persons.

    Drawing is most of a report's time; a what-if only changes the policy, so the persons are drawn once
    per set of assumptions and settled again under each policy asked for. The settlements of policies
    from the policy files (ids without ``~``) are remembered chunk by chunk, since they do not change
    between what-ifs; a what-if policy (``<id>~sandbox``) is settled afresh every time. Memory grows with
    the population (about 45 bytes a person, 16 more per remembered policy), so only populations of up to
    :data:`MAX_KEPT_PERSONS` are kept; larger ones are drawn chunk by chunk as :func:`population_report` does.
    """

    def __init__(
        self, assumptions: PopulationAssumptions, tiers_without_account: frozenset[str], chunk_size: int = DEFAULT_CHUNK
    ) -> None:
        if assumptions.size > MAX_KEPT_PERSONS:
            raise InputError.one(
                "size",
                f"保留在内存中的人群最多 {MAX_KEPT_PERSONS:,} 人",
                f"a population kept in memory holds at most {MAX_KEPT_PERSONS:,} persons",
            )
        self.assumptions = assumptions
        self.no_account_tiers = tiers_without_account
        self.thresholds = decile_thresholds(assumptions)
        self.reports: dict[tuple[str, str], PopulationReport] = {}  # finished reports of two policy files
        self.chunks = [
            _Chunk(people, _cell_index(people, self.thresholds))
            for people in generate_chunks(assumptions, chunk_size, tiers_without_account)
        ]

    def nbytes(self) -> int:
        """Bytes held by the persons, their groups and the remembered settlements."""
        total = 0
        for chunk in self.chunks:
            total += sum(getattr(chunk.people, name).nbytes for name in PersonYears.__dataclass_fields__)
            total += chunk.cell.nbytes
            total += sum(side.cash_paid.nbytes + side.closing_balance.nbytes for side in chunk.remembered.values())
        return total


class _BinTable:
    """Each whole-fen change's bin, looked up in a table over the span of the edges (a change beyond them
    is clipped onto the outermost value, which lies in the open-ended bin): one pass instead of a search."""

    def __init__(self, boundaries: np.ndarray) -> None:
        self.low, self.high = int(boundaries[0]) - 1, int(boundaries[-1])
        span = np.arange(self.low, self.high + 1, dtype=np.int64)
        self.table = np.searchsorted(boundaries, span, side="right").astype(np.int8)

    def of(self, change: np.ndarray) -> np.ndarray:
        return self.table[np.clip(change, self.low, self.high) - self.low]


class _Accumulator:
    """The running counts and sums of one comparison (reference policy → candidate policy), by cell."""

    def __init__(self) -> None:
        self.counts = np.zeros((CELLS, 27), dtype=np.int64)  # [cell, cash × 9 + balance × 3 + combined outcome]
        self.cash_change = np.zeros(CELLS, dtype=np.int64)
        self.combined_change = np.zeros(CELLS, dtype=np.int64)
        self.totals = {f"{name}_{side}": 0 for name in TOTAL_FIELDS for side in ("before", "after")}
        self.histograms = {m: np.zeros(len(CASH_CHANGE_EDGES) + 2, dtype=np.int64) for m in MEASURES}

    def add(self, cell: np.ndarray, before: _Side, after: _Side, bins: _BinTable) -> None:
        for name in TOTAL_FIELDS:
            self.totals[f"{name}_before"] += before.totals[name]
            self.totals[f"{name}_after"] += after.totals[name]
        cash_change = after.cash_paid - before.cash_paid
        balance_change = after.closing_balance - before.closing_balance
        combined = balance_change - cash_change
        code = (
            _outcome(cash_change, gain_if_positive=False) * 9
            + _outcome(balance_change, gain_if_positive=True) * 3
            + _outcome(combined, gain_if_positive=True)
        )
        self.counts += np.bincount(cell * 27 + code, minlength=CELLS * 27).reshape(CELLS, 27)
        # whole fen below 2^53 in every cell of a chunk, so the float sums are exact
        self.cash_change += np.bincount(cell, weights=cash_change, minlength=CELLS).astype(np.int64)
        self.combined_change += np.bincount(cell, weights=combined, minlength=CELLS).astype(np.int64)
        for measure, change in (("cash", cash_change), ("balance", balance_change), ("combined", combined)):
            self.histograms[measure] += np.bincount(bins.of(change), minlength=self.histograms[measure].size)

    def outcome_counts(self) -> dict[str, np.ndarray]:
        """measure → [cell, outcome]."""
        cube = self.counts.reshape(CELLS, 3, 3, 3)
        return {"cash": cube.sum(axis=(2, 3)), "balance": cube.sum(axis=(1, 3)), "combined": cube.sum(axis=(1, 2))}

    def tables(self) -> dict[str, GroupTable]:
        counts = self.outcome_counts()
        persons = self.counts.sum(axis=1)
        keys = {
            "by_age": _age_keys(),
            "by_status": list(STATUSES),
            "by_tier": list(TIERS),
            "by_decile": ["none", *[f"D{i}" for i in range(1, 11)]],
        }
        tables = {}
        for name, group in _cell_groups().items():
            n = GROUP_SIZES[name]

            def total(values: np.ndarray, group: np.ndarray = group, n: int = n) -> np.ndarray:
                return np.stack([values[group == g].sum(axis=0) for g in range(n)]).astype(np.int64)

            tables[name] = GroupTable(
                keys[name],
                total(persons),
                {measure: total(by_cell) for measure, by_cell in counts.items()},
                total(self.cash_change),
                total(self.combined_change),
            )
        return tables

    def outcome_totals(self) -> dict[str, np.ndarray]:
        return {measure: by_cell.sum(axis=0) for measure, by_cell in self.outcome_counts().items()}


def population_reports(
    pairs: list[tuple[Policy, Policy]],
    assumptions: PopulationAssumptions,
    chunk_size: int = DEFAULT_CHUNK,
    drawn: DrawnPopulation | None = None,
) -> list[PopulationReport]:
    """One report per (before, after) pair, all from the same persons, each policy settled once per chunk.

    Without ``drawn`` the persons are drawn chunk by chunk and dropped (memory follows the chunk); with it,
    the kept persons are settled (see :class:`DrawnPopulation`). A what-if's reports against the policy it
    changes and against the pre-reform policy therefore describe exactly the same people. A kept
    population also keeps the finished report of a pair of policy files (ids without ``~``): only the
    pairs with a what-if in them are settled again.
    """
    if drawn is None:
        return _settle_pairs(pairs, assumptions, chunk_size, None)
    if _persons_key(drawn.assumptions) != _persons_key(assumptions):
        raise ValueError("the drawn population was drawn for other assumptions")
    kept = {i: drawn.reports.get((b.id, a.id)) for i, (b, a) in enumerate(pairs) if "~" not in b.id + a.id}
    todo = [i for i in range(len(pairs)) if kept.get(i) is None]
    fresh = dict(zip(todo, _settle_pairs([pairs[i] for i in todo], assumptions, chunk_size, drawn), strict=True))
    for i in todo:
        if i in kept:
            drawn.reports[(pairs[i][0].id, pairs[i][1].id)] = fresh[i]
    # a kept report takes this call's insured count (it only scales the flows, computed when read)
    return [fresh[i] if i in fresh else replace(kept[i], assumptions=assumptions) for i in range(len(pairs))]


def _persons_key(assumptions: PopulationAssumptions) -> PopulationAssumptions:
    """The assumptions that decide who the persons are: all but the insured count, which only scales."""
    return assumptions.model_copy(update={"insured_population": None})


def _settle_pairs(
    pairs: list[tuple[Policy, Policy]],
    assumptions: PopulationAssumptions,
    chunk_size: int,
    drawn: DrawnPopulation | None,
) -> list[PopulationReport]:
    """The one pass of :func:`population_reports` over the persons, for the pairs given."""
    import time

    if not pairs:
        return []
    start = time.perf_counter()
    policies = {id(policy): policy for pair in pairs for policy in pair}
    tiers = no_account_tiers(*policies.values())
    if drawn is not None and not tiers <= drawn.no_account_tiers:
        raise ValueError("the drawn population was drawn for other tiers without an account")
    compiled = {key: compile_policy(policy, assumptions.references) for key, policy in policies.items()}
    accumulators = [_Accumulator() for _ in pairs]
    bin_edges = _BinTable(integer_bin_edges(np.array(CASH_CHANGE_EDGES, dtype=np.int64) * 100))
    if drawn is not None:
        thresholds = drawn.thresholds
        chunks: Iterator[_Chunk] = iter(drawn.chunks)
    else:
        thresholds = decile_thresholds(assumptions)
        chunks = (
            _Chunk(people, _cell_index(people, thresholds))
            for people in generate_chunks(assumptions, chunk_size, tiers)
        )
    for chunk in chunks:
        sides: dict[int, _Side] = {}
        for key, policy in policies.items():
            remember = drawn is not None and "~" not in policy.id
            if remember and policy.id in chunk.remembered:
                sides[key] = chunk.remembered[policy.id]
                continue
            sides[key] = _side(compiled[key], chunk.people)
            if remember:
                chunk.remembered[policy.id] = sides[key]
        for accumulator, (before, after) in zip(accumulators, pairs, strict=True):
            accumulator.add(chunk.cell, sides[id(before)], sides[id(after)], bin_edges)
        # a streamed chunk is dropped here, before the generator draws the next one
        del chunk, sides
    seconds = time.perf_counter() - start
    tables = [accumulator.tables() for accumulator in accumulators]
    return [
        PopulationReport(
            before=before,
            after=after,
            assumptions=assumptions,
            size=assumptions.size,
            thresholds_fen=thresholds,
            by_age=table["by_age"],
            by_status=table["by_status"],
            by_decile=table["by_decile"],
            by_tier=table["by_tier"],
            totals_fen=accumulator.totals,
            outcome_totals=accumulator.outcome_totals(),
            histogram=accumulator.histograms["cash"],
            seconds=seconds,
            references_used=_references_for([before, after], assumptions),
            change_histograms=accumulator.histograms,
        )
        for accumulator, table, (before, after) in zip(accumulators, tables, pairs, strict=True)
    ]


def population_report(
    before: Policy, after: Policy, assumptions: PopulationAssumptions, chunk_size: int = DEFAULT_CHUNK
) -> PopulationReport:
    """Draw the population chunk by chunk, settle each chunk before and after, and accumulate the report."""
    return population_reports([(before, after)], assumptions, chunk_size)[0]


__all__ = [
    "TIER_CODE",
    "DrawnPopulation",
    "PopulationAssumptions",
    "PopulationReport",
    "assumption_rows",
    "draw_people",
    "generate_chunks",
    "parse_assumptions",
    "population_report",
    "population_reports",
]
