"""A sandbox what-if as a link: ``?sandbox=<policy id>&change=deductible.retired:300,rates.in_service.2:70``.

A query string is untrusted. The starting policy must be one the sandbox offers; each change must name a
parameter of that policy and give a finite number within the parameter's range. Whatever fails is
refused and named (so the page can say so); everything else is kept, so one bad item never loses the
rest of a shared what-if. Values are kept as the engine's ``Decimal`` and validated again, with the
whole policy, by :func:`calculator.overrides.apply_overrides`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from calculator.overrides import Parameter

BASE_KEY = "sandbox"
CHANGE_KEY = "change"
URL_KEYS = (BASE_KEY, CHANGE_KEY)
MAX_LINK_CHARS = 4000
MAX_ITEMS = 100
MAX_NAME_CHARS = 40
PLAIN_NUMBER = re.compile(r"\d{1,9}(\.\d{1,2})?")


def number_text(value: Decimal) -> str:
    """``300.00`` → ``300``, ``12.50`` → ``12.5``: short and exact."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_query(base_id: str, changes: Mapping[str, Decimal | None]) -> dict[str, str]:
    """The query keys that reproduce a what-if (no ``change`` key when nothing is changed)."""
    query = {BASE_KEY: base_id}
    items = [f"{path}:{number_text(value)}" for path, value in changes.items() if value is not None]
    if items:
        query[CHANGE_KEY] = ",".join(items)
    return query


def _shown(text: str) -> str:
    return text[:MAX_NAME_CHARS] + ("…" if len(text) > MAX_NAME_CHARS else "")


def read_base(params: Mapping[str, object], offered: Sequence[str]) -> tuple[str | None, list[str]]:
    """The starting policy a link names, if the sandbox offers it; otherwise None and its name refused."""
    value = params.get(BASE_KEY)
    if value is None:
        return None, []
    text = str(value[-1] if isinstance(value, list | tuple) and value else value)
    if text in offered:
        return text, []
    return None, [f"{BASE_KEY}={_shown(text)}"]


def read_changes(params: Mapping[str, object], parameters: Sequence[Parameter]) -> tuple[dict[str, Decimal], list[str]]:
    """The changes a link gives for ``parameters`` (the starting policy's): kept ones and refused names."""
    value = params.get(CHANGE_KEY)
    if value is None:
        return {}, []
    text = str(value[-1] if isinstance(value, list | tuple) and value else value)
    if len(text) > MAX_LINK_CHARS:
        return {}, [f"{CHANGE_KEY} (> {MAX_LINK_CHARS})"]
    by_path = {parameter.path: parameter for parameter in parameters}
    kept: dict[str, Decimal] = {}
    refused: list[str] = []
    items = [item for item in text.split(",") if item.strip()]
    for item in items[:MAX_ITEMS]:
        path, _, raw = item.strip().partition(":")
        parameter = by_path.get(path)
        number = _number(raw)
        if (
            parameter is None
            or number is None
            or number < 0
            or (parameter.maximum is not None and number > parameter.maximum)
        ):
            refused.append(_shown(item.strip()))
            continue
        kept[path] = number
    if len(items) > MAX_ITEMS:
        refused.append(f"{CHANGE_KEY} (> {MAX_ITEMS})")
    return kept, refused


def _number(text: str) -> Decimal | None:
    """A plain non-negative number (at most nine digits, two decimals; no exponent, sign or NaN), or None."""
    text = text.strip()
    if not PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
        return None
