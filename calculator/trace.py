"""The explanation trace: the ordered steps of a settlement, each a formula in words with the person's
numbers substituted, in Chinese and English, and the article it rests on.

The dashboard's explanation panel, the training page and ``python -m calculator compare`` all print
these steps; the numbers in them are the engine's own, never recomputed for display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .money import fen
from .policy_model import Source


def num(amount: Decimal) -> str:
    """A money amount inside a formula: ``1,234.50``."""
    return f"{fen(amount):,.2f}"


def pct(percent: Decimal) -> str:
    return f"{Decimal(percent).normalize():f}%"


@dataclass(frozen=True)
class Step:
    """One step of a settlement. ``value`` is the amount the step produces (None for a pure note)."""

    key: str
    title_zh: str
    title_en: str
    formula_zh: str
    formula_en: str
    value: Decimal | None = None
    source: Source | None = None

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def formula(self, lang: str) -> str:
        return self.formula_en if lang == "en" else self.formula_zh

    def as_dict(self, lang: str | None = None) -> dict:
        data = {
            "key": self.key,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "formula_zh": self.formula_zh,
            "formula_en": self.formula_en,
            "value": None if self.value is None else f"{fen(self.value):.2f}",
            "source": None if self.source is None else self.source.model_dump(exclude_none=True),
        }
        if lang:
            data = {
                "key": self.key,
                "title": self.title(lang),
                "formula": self.formula(lang),
                **{k: data[k] for k in ("value", "source")},
            }
        return data


@dataclass
class Trace:
    steps: list[Step] = field(default_factory=list)

    def add(
        self,
        key: str,
        title: tuple[str, str],
        formula: tuple[str, str],
        value: Decimal | None = None,
        source: Source | None = None,
    ) -> None:
        self.steps.append(Step(key, title[0], title[1], formula[0], formula[1], value, source))
