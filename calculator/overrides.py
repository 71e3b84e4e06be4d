"""What-if policies: a base policy with some parameters changed, for the sandbox and ``--set``.

A change names a parameter by its path in the policy file (``pooling.deductible.in_service``) or by a
short path (``deductible.in_service``, ``rates.retired.3``, ``cap.in_service``, ``credit.retired.amount``).
The changed copy is validated by the same models as a policy file, so a rate of 130 % or a negative cap
is refused with the parameter named, never clamped. The result carries a new id (``<base>~sandbox``),
its title says it is hypothetical, and a note lists every change, so a what-if figure can never pass
for an official one. Only parameters (numbers, switches, credit rules) can change; identity, dates and
sources cannot.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from pydantic import ValidationError

from .errors import InputError, PolicyError, Problem, _describe, _path
from .policy_model import Policy, Source
from .registry import Document, validate_policy

SANDBOX_SUFFIX = "~sandbox"
MAX_OVERRIDE_FILE_BYTES = 64 * 1024
MAX_CHANGES = 200

#: short path prefix → path in the policy file
SHORT_PATHS: dict[str, str] = {
    "deductible": "pooling.deductible",
    "rates": "pooling.rates_percent",
    "cap": "pooling.annual_cap",
    "categories": "pooling.categories",
    "credit": "account.credit",
    "sharing": "account.family_sharing",
}
#: the parts of a policy a what-if may change
CHANGEABLE_ROOTS = ("pooling", "account", "references")
#: keys below those roots that are not parameters (citations, labels)
UNCHANGEABLE_KEYS = frozenset({"source", "label", "unit", "other_schemes_first"})


def full_path(path: str) -> str:
    """``deductible.in_service`` → ``pooling.deductible.in_service``; full paths are returned as given."""
    head, _, rest = path.partition(".")
    if head in SHORT_PATHS:
        return f"{SHORT_PATHS[head]}.{rest}" if rest else SHORT_PATHS[head]
    return path


def short_path(path: str) -> str:
    """The inverse of :func:`full_path`, for display."""
    for short, full in SHORT_PATHS.items():
        if path == full or path.startswith(full + "."):
            return short + path[len(full) :]
    return path


def _refuse(path: str, zh: str, en: str) -> InputError:
    return InputError([Problem("", f"政策参数 {path[:80]}：{zh}", f"policy parameter {path[:80]}: {en}")])


def _parse_value(path: str, current: object, value: object) -> object:
    """Read ``value`` as the same type as the parameter it replaces (text from the CLI or a widget)."""
    if isinstance(current, bool):
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "是"):
            return True
        if text in ("false", "0", "no", "否"):
            return False
        raise _refuse(path, "应为 true 或 false", "must be true or false")
    if isinstance(current, Decimal | int) or current is None:
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "none")):
            if current is None:
                return None
            raise _refuse(path, "不能为空", "cannot be empty")
        if isinstance(value, bool):
            raise _refuse(path, "应为数字", "must be a number")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise _refuse(path, f"「{str(value)[:30]}」不是有效数字", f"'{str(value)[:30]}' is not a number") from None
        if not number.is_finite():
            raise _refuse(path, "必须是有限数字", "must be a finite number")
        return number
    if isinstance(current, Mapping | list):
        if not isinstance(value, Mapping | list):
            raise _refuse(path, "这是一组参数，请逐项修改或在覆盖文件中给出完整结构", "is a group; change its items")
        return value
    return value if isinstance(value, str) else str(value)


def _locate(raw: dict, path: str, given: str) -> tuple[object, object]:
    """The container holding the parameter at ``path`` and its key there; refuses unknown paths."""
    parts = path.split(".")
    if parts[0] not in CHANGEABLE_ROOTS or any(part in UNCHANGEABLE_KEYS for part in parts):
        raise _refuse(given, "不可修改（只能修改起付标准、比例、限额、划入规则等参数）", "cannot be changed")
    node: object = raw
    for depth, part in enumerate(parts):
        key: object = part
        if isinstance(node, list):
            key = int(part) if part.isdigit() else None
            if key is None or key >= len(node):
                raise _refuse(given, "没有这个参数", "no such parameter")
        elif isinstance(node, dict):
            if part not in node and part.isdigit() and int(part) in node:
                key = int(part)
            if key not in node:
                raise _refuse(given, "没有这个参数", "no such parameter")
        else:
            raise _refuse(given, "没有这个参数", "no such parameter")
        if depth == len(parts) - 1:
            return node, key
        node = node[key]
    raise _refuse(given, "没有这个参数", "no such parameter")  # pragma: no cover - loop always returns


def apply_overrides(policy: Policy, changes: Mapping[str, object], documents: Mapping[str, Document]) -> Policy:
    """``policy`` with ``changes`` applied and validated; the base policy is not modified.

    The overridden copy's id is ``<base id>~sandbox`` and a bilingual note lists the changes. A change
    that makes the policy invalid raises :class:`PolicyError` naming the parameter as the user wrote it.
    """
    if len(changes) > MAX_CHANGES:
        raise _refuse("*", f"修改过多（最多 {MAX_CHANGES} 项）", f"too many changes (at most {MAX_CHANGES})")
    raw = policy.model_dump()
    listed = []
    for given, value in changes.items():
        name = str(given).strip()
        container, key = _locate(raw, full_path(name), name)
        container[key] = _parse_value(name, container[key], value)
        listed.append(f"{name} = {value}")
    raw["id"] = policy.id.split("~", 1)[0] + SANDBOX_SUFFIX
    raw["title"] = {"zh": f"{policy.title.zh}（沙盘假设）", "en": f"{policy.title.en} (what-if)"}
    if listed:
        raw["notes"] = [
            *raw.get("notes", []),
            {
                "zh": f"沙盘假设，非正式政策。修改：{'；'.join(listed)}",
                "en": f"What-if, not an official policy. Changed: {'; '.join(listed)}",
            },
        ]
    try:
        Policy.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            zh, en = _describe(error)
            where = short_path(_path(tuple(error.get("loc", ()))).replace("[", ".").replace("]", ""))
            problems.append(Problem("", f"政策参数 {where}：{zh}", f"policy parameter {where}: {en}"))
        raise PolicyError(problems) from None
    return validate_policy(raw, "what-if", documents)


def load_override_file(path: Path) -> dict[str, object]:
    """A YAML or JSON mapping of ``path: value`` changes (nested mappings are flattened to dotted paths)."""
    label = path.name[:60]
    try:
        if path.stat().st_size > MAX_OVERRIDE_FILE_BYTES:
            raise InputError.one("override_file", f"文件 {label} 过大", f"file {label} is too large")
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.one("override_file", f"无法读取 {label}（{exc}）", f"cannot read {label} ({exc})") from None
    except (yaml.YAMLError, json.JSONDecodeError):
        raise InputError.one(
            "override_file", f"{label} 不是有效的 YAML/JSON", f"{label} is not valid YAML/JSON"
        ) from None
    if not isinstance(data, dict):
        raise InputError.one(
            "override_file", f"{label} 应为「参数路径: 数值」的键值表", f"{label} must map parameter paths to values"
        )
    return flatten(data)


def flatten(data: Mapping, prefix: str = "") -> dict[str, object]:
    """``{deductible: {retired: 50}}`` → ``{"deductible.retired": 50}``; credit rules stay whole."""
    flat: dict[str, object] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping) and "method" not in value:
            flat.update(flatten(value, path))
        else:
            flat[path] = value
    return flat


# -- what the sandbox can offer ------------------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "deductible": ("起付标准", "deductible"),
    "rates": ("支付比例", "rate"),
    "cap": ("年度支付限额", "annual cap"),
    "credit": ("个人账户划入", "account credit"),
    "sharing": ("家庭共济", "family sharing"),
    "categories": ("专项", "category"),
    "in_service": ("在职", "in service"),
    "retired": ("退休", "retired"),
    "by_tier": ("档次", "tier"),
    "employer": ("单位职工", "employer-based"),
    "individual_tier1": ("个人一档", "individual tier 1"),
    "individual_tier2": ("个人二档", "individual tier 2"),
    "tcm": ("中医", "TCM"),
    "hypertension": ("高血压用药", "hypertension drugs"),
    "diabetes": ("糖尿病用药", "diabetes drugs"),
    "rate_bonus_points": ("比例加成", "rate bonus"),
    "sub_cap": ("单项限额", "own cap"),
    "percent": ("比例", "percent"),
    "amount": ("金额", "amount"),
    "min_balance_after": ("共济后最低余额", "minimum balance after"),
    "no_account_tiers": ("不设个人账户的参保档次", "tiers without a personal account"),
    "no_pooling": ("改革前普通门诊统筹", "general pooling before the reform"),
    "other_schemes_first": ("其他保障先行支付", "other schemes pay first"),
    "pooling": ("普通门诊统筹", "general pooling"),
    "account": ("个人账户", "personal account"),
    "bands": ("年龄段", "age bands"),
    "1": ("一级及以下", "level 1"),
    "2": ("二级", "level 2"),
    "3": ("三级", "level 3"),
}


def words(path: str, age: int | None = None, below: int | None = None) -> tuple[str, str]:
    """A parameter path in words, both languages: ``deductible.retired`` → (起付标准 · 退休, deductible ·
    retired). Band indexes are dropped (the age a band starts at names it instead)."""
    parts = short_path(path.replace("[", ".").replace("]", "")).split(".")
    if "bands" in parts:
        at = parts.index("bands")
        del parts[at : at + 2]
    if len(parts) > 1 and parts[0] in ("account", "pooling"):
        parts = parts[1:]
    named = [_WORDS.get(part, (part, part.replace("_", " "))) for part in parts if part != "by_tier"]
    zh = " · ".join(w[0] for w in named)
    en = " · ".join(w[1] for w in named)
    if below is not None:
        return f"{zh}（{below}岁以下）", f"{en} (under {below})"
    if age is not None:
        return f"{zh}（{age}岁起）", f"{en} (from age {age})"
    return zh, en


def source_label(policy: Policy, path: str, lang: str) -> str:
    """The words for a path :meth:`Policy.sources` yields (a reference by its own label, a band by its age)."""
    if path.startswith("references."):  # the reference itself or one of its fields ("….default")
        reference = policy.references.get(path.split(".")[1])
        if reference is not None:
            return reference.label.in_lang(lang)
    age = None
    if "bands[" in path:
        node: object = policy
        for part in path.replace("[", ".").replace("]", "").split("."):
            node = node[int(part)] if part.isdigit() else getattr(node, part, None)
        age = getattr(node, "min_age", None)
    zh, en = words(path, age)
    return en if lang == "en" else zh


@dataclass(frozen=True)
class Parameter:
    """One number a what-if may change, as the sandbox shows it."""

    path: str
    label_zh: str
    label_en: str
    value: Decimal | None
    unit: str  # "yuan", "yuan_per_month", "yuan_per_year", "percent" or "points"
    source: Source

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh

    @property
    def maximum(self) -> Decimal | None:
        return Decimal(100) if self.unit in ("percent", "points") else None


def _unit(parts: list[str], rule_method: str | None) -> str:
    last = parts[-1]
    if last == "rate_bonus_points":
        return "points"
    if last == "percent" or parts[0] == "rates":
        return "percent"
    if rule_method == "fixed_monthly":
        return "yuan_per_month"
    if rule_method == "fixed_annual":
        return "yuan_per_year"
    return "yuan"


def overridable_parameters(policy: Policy) -> list[Parameter]:
    """Every numeric parameter of ``policy`` a sandbox can change, with a label and its source."""
    found: list[Parameter] = []

    def add(
        path: str,
        value: Decimal | None,
        source: Source,
        method: str | None = None,
        age: int | None = None,
        below: int | None = None,
    ) -> None:
        parts = short_path(path).split(".")
        if "bands" in parts:  # the band index is not a word: the age it starts at is
            at = parts.index("bands")
            del parts[at : at + 2]
        zh, en = words(path, age, below)
        found.append(Parameter(short_path(path), zh, en, value, _unit(parts, method), source))

    pooling = policy.pooling
    if pooling is not None:
        for status in ("in_service", "retired"):
            add(f"pooling.deductible.{status}", pooling.deductible.for_status(status), pooling.deductible.source)
        for status in ("in_service", "retired"):
            for level, rate in getattr(pooling.rates_percent, status).items():
                add(f"pooling.rates_percent.{status}.{level}", rate, pooling.rates_percent.source)
        cap = pooling.annual_cap
        for status in ("in_service", "retired"):
            add(f"pooling.annual_cap.{status}", getattr(cap, status), cap.source)
        for tier, table in cap.by_tier.items():
            for status in ("in_service", "retired"):
                add(f"pooling.annual_cap.by_tier.{tier}.{status}", getattr(table, status), cap.source)
        for kind, category in pooling.categories.items():
            if category.deductible != "shared":
                for status in ("in_service", "retired"):
                    add(
                        f"pooling.categories.{kind}.deductible.{status}",
                        category.deductible.for_status(status),
                        category.source,
                    )
            add(f"pooling.categories.{kind}.rate_bonus_points", category.rate_bonus_points, category.source)
            if category.sub_cap is not None:
                add(f"pooling.categories.{kind}.sub_cap", category.sub_cap, category.source)
    for status in ("in_service", "retired"):
        rule = getattr(policy.account.credit, status)
        base = f"account.credit.{status}"
        if hasattr(rule, "bands"):
            field = "percent" if rule.method == "percent_of_base" else "amount"
            for index, band in enumerate(rule.bands):
                age = band.min_age if len(rule.bands) > 1 else None
                below = rule.bands[index + 1].min_age if age == 0 and index + 1 < len(rule.bands) else None
                add(
                    f"{base}.bands.{index}.{field}",
                    getattr(band, field),
                    band.source or rule.source,
                    rule.method,
                    age,
                    below,
                )
        elif hasattr(rule, "percent"):
            add(f"{base}.percent", rule.percent, rule.source, rule.method)
        elif hasattr(rule, "amount"):
            add(f"{base}.amount", rule.amount, rule.source, rule.method)
    sharing = policy.account.family_sharing
    if sharing.allowed:
        add("account.family_sharing.min_balance_after", sharing.min_balance_after, sharing.source)
    for name, reference in policy.references.items():
        found.append(
            Parameter(
                f"references.{name}.value",
                reference.label.zh,
                reference.label.en,
                reference.value,
                reference.unit,
                reference.source,
            )
        )
    return found
