"""Problems with inputs or policy files, told in the user's language and naming the field.

Every front end (command line, CSV batch, dashboard, query string) catches :class:`CalculatorError`
and prints :meth:`CalculatorError.message`; none of them ever shows a traceback. Pydantic's own
errors are translated here, so a message reads the same whichever edge the input came through.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import get_args

from pydantic import ValidationError

# field name → (zh, en). The names are the input contract (CLI flags, CSV columns, query keys).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "status": ("身份（在职/退休）", "status"),
    "tier": ("参保档次", "tier"),
    "age": ("年龄", "age"),
    "contribution_base": ("缴费基数", "contribution base"),
    "pension": ("月养老金", "monthly pension"),
    "spending": ("年度门诊费用", "annual outpatient spending"),
    "level": ("医疗机构等级", "institution level"),
    "visits": ("就诊明细", "visits"),
    "amount": ("金额", "amount"),
    "pharmacy": ("药店购药", "pharmacy"),
    "kind": ("费用类别", "kind"),
    "other_paid": ("其他保障已付", "paid by other schemes"),
    "other_schemes_paid": ("两病/特病/国谈等已支付", "paid by other schemes"),
    "opening_balance": ("年初个人账户余额", "opening account balance"),
    "credit_before": ("改革前年度划入（对账单）", "pre-reform annual credit (statement)"),
    "credit_after": ("改革后年度划入（对账单）", "post-reform annual credit (statement)"),
    "family": ("家庭共济支付", "family payments"),
    "relation": ("亲属关系", "relation"),
    "references": ("地区参考金额", "regional reference amounts"),
    "region": ("地区", "region"),
    "before": ("改革前政策", "policy before"),
    "after": ("改革后政策", "policy after"),
    "policy": ("政策", "policy"),
    "spending_by_kind": ("按类别的年度费用", "annual spending by kind"),
    "scenario_file": ("情景文件", "scenario file"),
    "override_file": ("政策假设文件", "override file"),
    "output": ("输出文件", "output file"),
}


def field_label(path: str, lang: str) -> str:
    """``visits[2].amount`` → ``就诊明细[2].金额`` (zh) or ``visits[2].amount`` (en)."""
    parts = []
    for raw in path.split("."):
        name, _, index = raw.partition("[")
        zh, en = FIELD_LABELS.get(name, (name, name.replace("_", " ")))
        label = en if lang == "en" else zh
        parts.append(f"{label}[{index}" if index else label)
    return ".".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, in both languages (the field is named by the message)."""

    field: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        label = field_label(self.field, lang) if self.field else ""
        body = self.en if lang == "en" else self.zh
        if not label:
            return body
        if lang == "en":
            return f"{label}: {body}" if label == self.field.replace("_", " ") else f"{label} ({self.field}): {body}"
        return f"{label}（{self.field}）：{body}"


class CalculatorError(Exception):
    """Base of every error a user can cause; carries one or more :class:`Problem`."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return (
            "；".join(p.text(lang) for p in self.problems)
            if lang != "en"
            else "; ".join(p.text(lang) for p in self.problems)
        )


class InputError(CalculatorError):
    """The person, the scenario or a query is not acceptable."""

    @classmethod
    def one(cls, field: str, zh: str, en: str) -> InputError:
        return cls([Problem(field, zh, en)])


class PolicyError(CalculatorError):
    """A policy file (or an override of one) is malformed; the file is named in the message."""


@cache
def union_tags() -> frozenset[str]:
    """The credit rules' ``method`` names: pydantic puts the tag of a tagged union into error locations,
    where it is not a field the user could recognise. Read from the policy model, not listed again."""
    from .policy_model import CreditRule  # imported late: the policy model's own errors come through here

    members = get_args(get_args(CreditRule)[0])
    return frozenset(tag for member in members for tag in get_args(member.model_fields["method"].annotation))


def _path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in ("function-after", "function-before", "function-wrap") or part in union_tags():
            continue
        else:
            text += f".{part}" if text else str(part)
    return text


def _clean(value: object) -> str:
    text = str(value)
    return text.replace("Decimal('", "").replace("')", "")


def _describe(error: dict) -> tuple[str, str]:
    """Pydantic error dict → (zh, en) explanation without the field name."""
    kind = error.get("type", "")
    ctx = {key: _clean(value) for key, value in (error.get("ctx") or {}).items()}
    if kind == "missing":
        return "必填", "is required"
    if kind == "extra_forbidden":
        return "不是可识别的字段", "is not a known field"
    if kind in ("greater_than_equal",):
        return f"不能小于 {ctx['ge']}", f"must be at least {ctx['ge']}"
    if kind in ("greater_than",):
        return f"必须大于 {ctx['gt']}", f"must be more than {ctx['gt']}"
    if kind in ("less_than_equal",):
        return f"不能大于 {ctx['le']}", f"must be at most {ctx['le']}"
    if kind in ("less_than",):
        return f"必须小于 {ctx['lt']}", f"must be less than {ctx['lt']}"
    if kind == "decimal_max_places":
        places = ctx.get("decimal_places", "2")
        return f"最多 {places} 位小数（金额精确到分）", f"has more than {places} decimal places"
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return "数字位数过多", "has too many digits"
    if kind in ("finite_number",):
        return "必须是有限数字", "must be a finite number"
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type", "int_parsing", "int_type"):
        return "不是有效数字", "is not a valid number"
    if kind in ("int_from_float",):
        return "必须是整数", "must be a whole number"
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        return f"取值应为 {expected.replace(' or ', ' 或 ')}", f"must be one of {expected}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        expected = ctx.get("expected_tags", "")
        return f"method 取值应为 {expected}", f"method must be one of {expected}"
    if kind in ("bool_parsing", "bool_type"):
        return "应为 是/否（true/false）", "must be true or false"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return "不是有效日期（YYYY-MM-DD）", "is not a valid date (YYYY-MM-DD)"
    if kind in ("string_pattern_mismatch",):
        return "格式不正确", "has the wrong format"
    if kind in ("string_too_long", "too_long"):
        return "过长", "is too long"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type", "string_type"):
        return "类型不正确", "has the wrong type"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"无效：{message}", message


def from_validation_error(
    exc: ValidationError, cls: type[CalculatorError] = InputError, prefix: str = ""
) -> CalculatorError:
    """Translate every problem pydantic found into one :class:`CalculatorError`."""
    problems = []
    for error in exc.errors(include_url=False):
        path = _path(tuple(error.get("loc", ())))
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        zh, en = _describe(error)
        problems.append(Problem(path, zh, en))
    return cls(problems)
