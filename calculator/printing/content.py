"""What a printed sheet says, gathered from the engine as plain text: the inputs, the figures, the working
with its numbered sources, the policy versions. The layouts (:mod:`.case_sheet`, :mod:`.deck`) only place it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..citation import reference_in
from ..cli.labels import OUTPUT_LABELS
from ..comparison import Comparison, defaults_used
from ..errors import field_label
from ..money import format_yuan
from ..policy_model import Policy
from ..registry import Registry
from ..scenario import Scenario
from ..settlement import YearResult
from ..trace import Step
from ..wording import KIND_NAMES, LEVEL_NAMES, RELATION_NAMES
from ..words import capitalised
from .words import word

TIER_NAMES = {
    "employer": ("单位职工", "employer-based"),
    "individual_tier1": ("灵活就业·个人一档", "individual, tier 1"),
    "individual_tier2": ("灵活就业·个人二档", "individual, tier 2"),
}
STATUS_SHORT = {"in_service": ("在职", "in service"), "retired": ("退休", "retired")}
MAX_VISIT_ROWS = 6  # a long visit list is summarised on the sheet (the link carries every visit)
FLOW_FIELDS = ("account_credit", "reimbursed_total", "account_paid", "cash_paid", "closing_balance")


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


VISIT_LABELS = {"pooled": ("统筹支付", "paid by the pool"), "own_share": ("个人负担", "own share")}


def output_label(name: str, lang: str) -> str:
    """An output's name (a visit's figures included), as the command line's tables print it."""
    text = pick(OUTPUT_LABELS.get(name) or VISIT_LABELS[name], lang)
    return capitalised(text)


def yuan(amount: Decimal) -> str:
    return format_yuan(amount)


def policy_dates(policy: Policy, lang: str) -> str:
    """``2024-01-01 起`` / ``to 2023-12-31`` / ``2021-01-01 – 2023-12-31``: the period the file is in force."""
    start, end = policy.effective_from, policy.effective_to
    if start and end:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start:
        return f"{start.isoformat()} 起" if lang == "zh" else f"from {start.isoformat()}"
    if end:
        return f"至 {end.isoformat()}" if lang == "zh" else f"to {end.isoformat()}"
    return ""


def policy_version(policy: Policy, lang: str) -> str:
    dates = policy_dates(policy, lang)
    return f"{policy.id}（{dates}）" if lang == "zh" and dates else (f"{policy.id} ({dates})" if dates else policy.id)


def input_rows(
    scenario: Scenario,
    before: Policy,
    after: Policy,
    lang: str,
    changes: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """The case as (label, value) rows: what the person gave, nothing the engine filled in silently."""
    rows: list[tuple[str, str]] = [
        (word("input.region", lang), after.region.in_lang(lang)),
        (field_label("status", lang), pick(STATUS_SHORT[scenario.status], lang)),
        (field_label("age", lang), f"{scenario.age} 岁" if lang == "zh" else str(scenario.age)),
        (field_label("tier", lang), pick(TIER_NAMES[scenario.tier], lang)),
    ]
    if scenario.status == "in_service" and scenario.contribution_base is not None:
        rows.append((field_label("contribution_base", lang), yuan(scenario.contribution_base)))
    if scenario.status == "retired" and scenario.pension is not None:
        rows.append((field_label("pension", lang), yuan(scenario.pension)))
    if scenario.visits is not None:
        rows.append(
            (
                field_label("visits", lang),
                word("input.visits", lang, n=len(scenario.visits), amount=yuan(scenario.total_spending)),
            )
        )
        shown = scenario.visits if len(scenario.visits) <= MAX_VISIT_ROWS else scenario.visits[: MAX_VISIT_ROWS - 1]
        for number, visit in enumerate(shown, 1):
            extra = word("input.pharmacy", lang) if visit.pharmacy else ""
            if visit.kind != "general":
                extra += ("，" if lang == "zh" else ", ") + pick(KIND_NAMES[visit.kind], lang)
            if visit.other_paid:
                extra += word("input.other", lang, amount=yuan(visit.other_paid))
            rows.append(
                (
                    "",
                    word(
                        "input.visit",
                        lang,
                        n=number,
                        amount=yuan(visit.amount),
                        level=pick(LEVEL_NAMES[visit.level], lang),
                        extra=extra,
                    ),
                )
            )
        if len(shown) < len(scenario.visits):
            rows.append(("", word("input.more_visits", lang, n=len(scenario.visits) - len(shown))))
    else:
        rows.append((field_label("spending", lang), yuan(scenario.total_spending)))
        if scenario.level is not None:
            rows.append((field_label("level", lang), pick(LEVEL_NAMES[scenario.level], lang)))
        if scenario.kind != "general":
            rows.append((field_label("kind", lang), pick(KIND_NAMES[scenario.kind], lang)))
        if scenario.other_schemes_paid:
            rows.append((field_label("other_schemes_paid", lang), yuan(scenario.other_schemes_paid)))
    for key in ("opening_balance", "credit_before", "credit_after"):
        value = getattr(scenario, key)
        if key in scenario.model_fields_set and value is not None:
            rows.append((field_label(key, lang), yuan(value)))
    for payment in scenario.family:
        rows.append(
            (field_label("family", lang), f"{pick(RELATION_NAMES[payment.relation], lang)} {yuan(payment.amount)}")
        )
    for name, amount in sorted(scenario.references.items()):
        label = next((p.references[name].label.in_lang(lang) for p in (before, after) if name in p.references), name)
        rows.append((label, yuan(amount)))
    rows.append((word("input.policies", lang), f"{before.title.in_lang(lang)} → {after.title.in_lang(lang)}"))
    if changes:
        rows.append((word("sheet.what_if", lang), "；".join(f"{k} = {v}" for k, v in changes.items())))
    if lang == "en":
        rows = [(capitalised(label), value) for label, value in rows]
    return rows


def figure_rows(comparison: Comparison, lang: str) -> list[tuple[str, str, str, str]]:
    """Every output before, after and its change, as the CLI's table prints them."""
    from ..settlement import OUTPUT_FIELDS

    return [
        (
            output_label(name, lang),
            yuan(getattr(comparison.before, name)),
            yuan(getattr(comparison.after, name)),
            format_yuan(comparison.change[name], signed=True),
        )
        for name in OUTPUT_FIELDS
    ]


def default_notes(scenario: Scenario, before: Policy, after: Policy, lang: str) -> list[str]:
    """Where a published default stood in for a figure the documents leave open: said on the sheet."""
    notes = []
    for used in defaults_used(scenario, before, after):
        published = used.reference.default
        notes.append(
            word(
                "sheet.default_used",
                lang,
                side=word(f"side.{used.side}", lang),
                label=used.reference.label.in_lang(lang),
                amount=yuan(published.value),
                year=published.year,
                publisher=published.publisher.in_lang(lang),
            )
        )
    return notes


@dataclass
class Sources:
    """The documents the working cites, numbered in order of first citation, each with its articles."""

    registry: Registry
    lang: str
    order: list[str] = field(default_factory=list)
    refs: dict[str, list[str]] = field(default_factory=dict)
    secondary: dict[str, bool] = field(default_factory=dict)

    def cite(self, step: Step) -> str:
        """``[1] 第四条`` (``[1] Art. 4`` in English) for a step's source, registering the document, or ""
        for a step without one. The article is written as :func:`calculator.citation.cite_in` writes it, so
        the sheet cites exactly as the dashboard and the command line do."""
        source = step.source
        if source is None:
            return ""
        if source.doc not in self.refs:
            self.order.append(source.doc)
            self.refs[source.doc] = []
        ref = reference_in(source.ref, self.lang)
        if ref and ref not in self.refs[source.doc]:
            self.refs[source.doc].append(ref)
        self.secondary[source.doc] = self.secondary.get(source.doc, False) or source.secondary
        number = self.order.index(source.doc) + 1
        return f"[{number}] {ref}".strip()

    def lines(self) -> list[str]:
        """``[1] 《title》（issuer，文号，date）：第四条、第五条`` — as a citizen looks each one up."""
        out = []
        sep = "、" if self.lang == "zh" else ", "
        for number, doc in enumerate(self.order, 1):
            document = self.registry.documents.get(doc)
            name = document.name(self.lang) if document else doc
            refs = sep.join(self.refs[doc])
            colon = ("：" if self.lang == "zh" else ": ") if refs else ""
            note = ""
            if self.secondary.get(doc):
                note = (
                    "（二手资料，正式文件未载）"
                    if self.lang == "zh"
                    else " (secondary source, not in the official documents)"
                )
            out.append(f"[{number}] {name}{colon}{refs}{note}")
        return out


@dataclass(frozen=True)
class TraceLine:
    number: int
    title: str
    sentence: str
    value: Decimal | None
    cite: str

    def _cite(self, lang: str) -> str:
        if not self.cite:
            return ""
        return f"〔{self.cite}〕" if lang == "zh" else f" ({self.cite})"

    def full(self, lang: str) -> str:
        cite = self._cite(lang)
        colon = "：" if lang == "zh" else ": "
        return f"{self.number}. {self.title}{colon}{self.sentence}{cite}"

    def short(self, lang: str) -> str:
        cite = self._cite(lang)
        value = f" {yuan(self.value)}" if self.value is not None else ""
        colon = "：" if lang == "zh" else ":"
        return f"{self.number}. {self.title}{colon if value else ''}{value}{cite}"


def trace_lines(result: YearResult, sources: Sources, lang: str) -> list[TraceLine]:
    return [
        TraceLine(number, step.title(lang), step.sentence(lang), step.value, sources.cite(step))
        for number, step in enumerate(result.steps, 1)
    ]


def case_words(scenario: Scenario, lang: str) -> str:
    """``退休 · 62 岁 · 全年门诊 ¥2,800.00``: the case in a few words, for chart titles."""
    status = pick(STATUS_SHORT[scenario.status], lang)
    if lang == "zh":
        return f"{status} · {scenario.age} 岁 · 全年门诊 {yuan(scenario.total_spending)}"
    return f"{status.capitalize()} · age {scenario.age} · {yuan(scenario.total_spending)} a year"
