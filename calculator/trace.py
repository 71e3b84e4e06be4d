"""The explanation trace: the ordered steps of a settlement, each told as a plain sentence with the
person's numbers, in Chinese and English, with the article it rests on.

The dashboard's explanation panel, the examples page and ``python -m calculator compare --steps`` all
print these steps; the numbers in them are the engine's own, never recomputed for display.

Most settlements are never explained (a batch file, a population sample, a sweep of the spending), so
a step records only its key, its amount, its source and the facts its sentence needs; the words are
rendered by :mod:`calculator.wording` the first time they are asked for, and kept. The text is the same
whether it is rendered at once or later: the facts are immutable snapshots taken during the settlement.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .money import fen
from .policy_model import Source

# title_zh, title_en, sentence_zh, sentence_en
Texts = tuple[str, str, str, str]
Renderer = Callable[..., Texts]


def num(amount: Decimal) -> str:
    """A money amount inside a sentence: ``1,234.50``."""
    return f"{fen(amount):,.2f}"


def pct(percent: Decimal) -> str:
    """A rate as the policies print it: ``70%``, ``2.5%``."""
    return f"{Decimal(percent).normalize():f}%"


class Step:
    """One step of a settlement. ``value`` is the amount the step produces (None for a pure note).

    ``title(lang)`` names the step; ``sentence(lang)`` tells it in plain words with the numbers
    (``formula(lang)`` is the same text, under the name older callers use).
    """

    __slots__ = ("_facts", "_render", "_texts", "key", "source", "value")

    def __init__(self, key: str, value: Decimal | None, source: Source | None, render: Renderer, facts: tuple) -> None:
        self.key = key
        self.value = value
        self.source = source
        self._render = render
        self._facts = facts
        self._texts: Texts | None = None

    def texts(self) -> Texts:
        """(title_zh, title_en, sentence_zh, sentence_en), rendered once on first use."""
        if self._texts is None:
            self._texts = self._render(*self._facts)
        return self._texts

    def title(self, lang: str) -> str:
        return self.texts()[1 if lang == "en" else 0]

    def sentence(self, lang: str) -> str:
        return self.texts()[3 if lang == "en" else 2]

    formula = sentence

    @property
    def title_zh(self) -> str:
        return self.texts()[0]

    @property
    def title_en(self) -> str:
        return self.texts()[1]

    @property
    def sentence_zh(self) -> str:
        return self.texts()[2]

    @property
    def sentence_en(self) -> str:
        return self.texts()[3]

    formula_zh = sentence_zh
    formula_en = sentence_en

    def as_dict(self, lang: str | None = None) -> dict:
        """The step in the JSON contract. ``sentence_*`` is the plain-words working; ``formula_*`` carries
        the same text under its older name (kept so existing readers of the contract keep working)."""
        value = None if self.value is None else f"{fen(self.value):.2f}"
        source = None if self.source is None else self.source.model_dump(exclude_none=True)
        title_zh, title_en, sentence_zh, sentence_en = self.texts()
        if lang:
            return {
                "key": self.key,
                "title": self.title(lang),
                "sentence": self.sentence(lang),
                "formula": self.sentence(lang),
                "value": value,
                "source": source,
            }
        return {
            "key": self.key,
            "title_zh": title_zh,
            "title_en": title_en,
            "sentence_zh": sentence_zh,
            "sentence_en": sentence_en,
            "formula_zh": sentence_zh,
            "formula_en": sentence_en,
            "value": value,
            "source": source,
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Step):
            return NotImplemented
        return (self.key, self.value, self.source, self.texts()) == (
            other.key,
            other.value,
            other.source,
            other.texts(),
        )

    __hash__ = None  # type: ignore[assignment]  # mutable cache inside; equality is by content

    def __repr__(self) -> str:
        return f"Step({self.key!r}, {self.value!r}, {self.title_zh!r})"

    def __getstate__(self) -> tuple:
        return (self.key, self.value, self.source, self._render, self._facts, self._texts)

    def __setstate__(self, state: tuple) -> None:
        self.key, self.value, self.source, self._render, self._facts, self._texts = state
