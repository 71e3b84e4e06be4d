"""An input named as the form names it, never by its field.

The engine's messages and notes are shared with the command line, where ``(credit_before)`` or
``references.cq_prior_year_average_wage`` tells which flag to give. A page names the same input by the label
of its box instead (「改革前年度划入」, “Monthly basic pension”), in the page's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from calculator.errors import CalculatorError
from calculator.policy_model import Reference
from calculator.registry import default_registry

from .i18n import TEXT

#: field → the i18n key of the box that asks for it
FIELD_LABEL = {
    "other_schemes_paid": "person.other",
    "other_paid": "visit.other_paid",
    "credit_before": "person.credit_before",
    "credit_after": "person.credit_after",
    "contribution_base": "person.base",
    "pension": "person.pension",
}
# a field written bare in a sentence (only names no English sentence uses), or any field in brackets
_BARE = r"references\.[a-z0-9_]+|other_schemes_paid|other_paid|credit_before|credit_after|contribution_base"
_FIELD = re.compile(rf"[（(]\s*(references\.[a-z0-9_]+|{'|'.join(FIELD_LABEL)})\s*[)）]|\b({_BARE})\b")
_UNIT = re.compile(r"\s*[（(][^（）()]*(?:元|yuan)[)）]$")


def _all_references() -> dict[str, Reference]:
    found: dict[str, Reference] = {}
    for policy in default_registry().policies.values():
        for name, reference in policy.references.items():
            found.setdefault(name, reference)
    return found


def field_name(field: str, code: str, references: Mapping[str, Reference] | None = None) -> str | None:
    """The words of the box that asks for ``field`` (no unit), or None for a field no box asks for."""
    if field.startswith("references."):
        reference = (references if references is not None else _all_references()).get(field.split(".", 1)[1])
        return reference.label.in_lang(code) if reference else None
    key = FIELD_LABEL.get(field)
    return _UNIT.sub("", TEXT[key][code == "en"]) if key else None


def in_words(text: str, code: str, references: Mapping[str, Reference] | None = None) -> str:
    """``text`` with every input's field name replaced by the form's label for it, in quotes."""

    def label(match: re.Match) -> str:
        field = match.group(1) or match.group(2)
        words = field_name(field, code, references)
        if words is None:
            return match.group(0)
        quoted = f"“{words}”" if code == "en" else f"「{words}」"
        return (f" ({quoted})" if code == "en" else f"（{quoted}）") if match.group(1) else quoted

    return _FIELD.sub(label, text).replace("  (", " (")


def problem_words(error: CalculatorError, code: str, title: str = "") -> str:
    """An engine error as a page says it: each problem's box by its label, never by its field, and the
    policy's ``title`` not said twice when the caller puts it in front."""
    parts = []
    for problem in error.problems:
        body = (problem.en if code == "en" else problem.zh).strip()
        if title and body.startswith(title):
            body = body.removeprefix(title).lstrip("：: ")
        name = field_name(problem.field.split("[", 1)[0], code) if problem.field else None
        colon = ": " if code == "en" else "："
        parts.append(in_words(f"{name}{colon}{body}" if name else body, code))
    return ("; " if code == "en" else "；").join(parts)
