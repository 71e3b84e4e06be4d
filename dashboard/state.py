"""The person being calculated, kept in the session and mirrored in the URL.

The *form* is the dashboard's record of what the user entered: the scenario fields of
:class:`calculator.scenario.Scenario` plus the region (and, from a link, optional policy ids). It lives
in ``st.session_state["person"]`` so every page sees the same person, and the My-case page writes it to
``st.query_params`` so a copied link reproduces the case exactly.

A query string is untrusted. Unknown keys are ignored and named; everything else is validated by the
engine (:func:`calculator.scenario.parse_scenario`, :meth:`Registry.get`, :meth:`Registry.pair`). If it
does not validate, the user is told why (in their language, escaped) and sees the default case — never
a traceback, never a partially applied link.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import streamlit as st

from calculator.comparison import resolve_pair
from calculator.errors import CalculatorError, InputError
from calculator.policy_model import Policy
from calculator.projection import PROJECTION_INPUTS
from calculator.registry import default_registry
from calculator.scenario import Scenario, parse_scenario

MONEY_KEYS = ("contribution_base", "pension", "spending")
OPTIONAL_MONEY_KEYS = ("other_schemes_paid", "opening_balance", "credit_before", "credit_after")
SCENARIO_KEYS = ("status", "tier", "age", "level", *MONEY_KEYS, *OPTIONAL_MONEY_KEYS, "visits", "family")
POLICY_KEYS = ("region", "before", "after")
PAGE_KEYS = (
    "lang",
    "ex",
    # the examples and sandbox pages (slide mode, a shared what-if)
    "present",
    "sandbox",
    "change",
    # the practice page's set (app_pages/practice.py); its region is the shared "region"
    "seed",
    "difficulty",
    "count",
    "sb_size",  # the sandbox's population block: persons simulated and the insured count to scale to
    "sb_insured",
    # the ledger page's assumptions (app_pages/ledger.py)
    *PROJECTION_INPUTS,
    "spending_by_year",
)  # read by app.py and the pages that own them, not part of the person
REFERENCE_PREFIX = "ref."
MAX_QUERY_KEYS = 40
MAX_VALUE_CHARS = 80
MAX_VISITS_CHARS = 20_000
MAX_DROPPED = 12  # a link is repaired field by field at most this many times

DEFAULT_FORM: dict = {
    "region": "chongqing",
    "before": None,
    "after": None,
    "status": "in_service",
    "tier": "employer",
    "age": 40,
    "contribution_base": Decimal("80000"),
    "pension": None,
    "spending": Decimal("3000"),
    "level": 2,
    "other_schemes_paid": None,  # None: not given (the rule's 0 applies); 0 given is kept as 0
    "opening_balance": None,
    "credit_before": None,
    "credit_after": None,
    "visits": None,
    "family": [],
    "references": {},
}


@dataclass
class QueryNote:
    """Something to tell the user about the link they opened (rendered in their language later)."""

    key: str
    values: dict[str, str] = field(default_factory=dict)
    error: CalculatorError | None = None


def default_form() -> dict:
    return {**DEFAULT_FORM, "references": {}, "family": []}


def scenario_input(form: Mapping) -> dict:
    """The form as the engine's input: only the fields that apply to this person, empty ones left out.

    The contribution base belongs to an in-service member and the pension to a retiree; with a visit
    list, the annual total, its level and the annual other-schemes amount give way to the visits. An
    empty optional box is left out, so the engine's rule (or default) applies, never a 0 in its place.
    """
    data: dict = {"status": form["status"], "tier": form["tier"], "age": form["age"]}
    if form["status"] == "in_service" and form.get("contribution_base") is not None:
        data["contribution_base"] = form["contribution_base"]
    if form["status"] == "retired" and form.get("pension") is not None:
        data["pension"] = form["pension"]
    if form.get("visits"):
        data["visits"] = [dict(visit) for visit in form["visits"]]
    else:
        data["spending"] = form["spending"]
        data["level"] = form["level"]
        if form.get("other_schemes_paid") is not None:
            data["other_schemes_paid"] = form["other_schemes_paid"]
    for key in ("opening_balance", "credit_before", "credit_after"):
        if form.get(key) is not None:
            data[key] = form[key]
    if form.get("family"):
        data["family"] = [dict(payment) for payment in form["family"]]
    if form.get("references"):
        data["references"] = dict(form["references"])
    return data


def to_scenario(form: Mapping) -> Scenario:
    """Validate the form through the engine (raises :class:`InputError`)."""
    return parse_scenario(scenario_input(form))


def policies(form: Mapping) -> tuple[Policy, Policy]:
    """The (before, after) policies of the form: the region's pair, either side replaceable by id."""
    return resolve_pair(form["region"], form.get("before"), form.get("after"), registry=default_registry())


# -- the query string -----------------------------------------------------------------------------


def _money_text(amount: Decimal) -> str:
    return f"{Decimal(amount):f}"


def _visits_text(visits: list[Mapping]) -> str:
    parts = []
    for visit in visits:
        parts.append(
            ":".join(
                (
                    _money_text(visit["amount"]),
                    str(visit["level"]),
                    str(visit.get("kind", "general")),
                    _money_text(visit.get("other_paid", Decimal(0))),
                    "1" if visit.get("pharmacy") else "0",
                )
            )
        )
    return ",".join(parts)


def _family_text(family: list[Mapping]) -> str:
    return ",".join(f"{payment['relation']}:{_money_text(payment['amount'])}" for payment in family)


def form_to_query(form: Mapping, lang: str = "zh") -> dict[str, str]:
    """The query string that reproduces ``form`` (only what is set, so links stay short; an optional
    amount given as 0 is written, one not given is not)."""
    query: dict[str, str] = {"region": form["region"]}
    for key in ("before", "after"):
        if form.get(key):
            query[key] = form[key]
    data = scenario_input(form)
    for key in SCENARIO_KEYS:
        if key not in data:
            continue
        value = data[key]
        if key == "visits":
            query[key] = _visits_text(value)
        elif key == "family":
            query[key] = _family_text(value)
        elif isinstance(value, Decimal):
            query[key] = _money_text(value)
        else:
            query[key] = str(value)
    for name, amount in sorted((form.get("references") or {}).items()):
        query[f"{REFERENCE_PREFIX}{name}"] = _money_text(amount)
    if lang == "en":
        query["lang"] = "en"
    return query


def _single(value: object) -> str:
    """A query value as one string (the last, when a key is repeated, as ``st.query_params`` does)."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value)


VISITS_FORMAT = InputError.one(
    "visits",
    "格式应为 金额:等级[:类别[:其他已付[:药店1/0]]]，以逗号分隔",
    "must look like amount:level[:kind[:other_paid[:pharmacy 1/0]]], separated by commas",
)
FAMILY_FORMAT = InputError.one(
    "family",
    "格式应为 亲属:金额，以逗号分隔（亲属为 spouse、parent 或 child）",
    "must look like relation:amount, separated by commas (relation spouse, parent or child)",
)


def _parse_visits(text: str) -> list[dict]:
    visits = []
    for item in text.split(","):
        parts = item.strip().split(":")
        if not parts[0] or len(parts) < 2 or len(parts) > 5:
            raise VISITS_FORMAT
        visit: dict = {"amount": parts[0], "level": int(parts[1]) if parts[1].isdigit() else parts[1]}
        if len(parts) > 2 and parts[2]:
            visit["kind"] = parts[2]
        if len(parts) > 3 and parts[3]:
            visit["other_paid"] = parts[3]
        if len(parts) > 4:
            if parts[4] not in ("0", "1"):
                raise VISITS_FORMAT
            visit["pharmacy"] = parts[4] == "1"
        visits.append(visit)
    return visits


def _parse_family(text: str) -> list[dict]:
    family = []
    for item in text.split(","):
        relation, colon, amount = item.strip().partition(":")
        if not colon or not relation or not amount:
            raise FAMILY_FORMAT
        family.append({"relation": relation, "amount": amount})
    return family


def _too_long(key: str) -> InputError:
    return InputError.one(key, "过长", "is too long")


def _query_key(problem_field: str) -> str:
    """The query key a problem belongs to: ``visits[2].amount`` → ``visits``, ``references.x`` → ``ref.x``."""
    head = problem_field.split("[", 1)[0]
    if head.startswith("references."):
        return REFERENCE_PREFIX + head.split(".", 1)[1]
    return head.split(".", 1)[0]


def _reference_names(form: Mapping) -> set[str]:
    """The regional references the form's two policies use (the only ``ref.`` keys a link may set)."""
    try:
        pair = policies(form)
    except CalculatorError:
        return set()
    return {name for policy in pair for name in policy.references}


def form_from_query(params: Mapping[str, object]) -> tuple[dict, list[QueryNote]]:
    """Read a person from a query string: the validated form and what to tell the user about the link.

    A link is repaired, not thrown away: each field that does not validate is left out and named with
    its value, the others are kept; unknown keys are named; a before/after policy of another region is
    refused (the comparison would otherwise silently mix two regions' rules).
    """
    notes: list[QueryNote] = []
    known = set(SCENARIO_KEYS) | set(POLICY_KEYS) | set(PAGE_KEYS)
    unknown = [key for key in params if key not in known and not str(key).startswith(REFERENCE_PREFIX)]
    relevant = {key: _single(value) for key, value in params.items() if key not in unknown and key not in PAGE_KEYS}
    form = default_form()
    if len(params) > MAX_QUERY_KEYS:
        error = InputError.one("", "链接参数过多", "the link has too many parameters")
        return form, [QueryNote("query.invalid", error=error)]

    def drop(key: str, error: CalculatorError) -> None:
        relevant.pop(key, None)
        text = _single(params.get(key, ""))
        shown = text[:40] + ("…" if len(text) > 40 else "")
        notes.append(QueryNote("query.dropped", {"name": str(key)[:40], "value": shown}, error))

    for key in [
        key for key, text in relevant.items() if len(text) > (MAX_VISITS_CHARS if key == "visits" else MAX_VALUE_CHARS)
    ]:
        drop(key, _too_long(key))

    registry = default_registry()
    if "region" in relevant:
        try:
            registry.pair(relevant["region"])
            form["region"] = relevant["region"]
        except CalculatorError as error:
            drop("region", error)
    for key in ("before", "after"):
        if key not in relevant:
            continue
        try:
            policy = registry.get(relevant[key])
        except CalculatorError as error:
            drop(key, error)
            continue
        wrong_side = (key == "after") == (policy.kind == "pre_reform")
        if policy.region.key != form["region"] or wrong_side:
            relevant.pop(key)
            notes.append(QueryNote("query.cross_region", {"name": key, "value": policy.id}))
        else:
            form[key] = policy.id

    allowed_references = _reference_names(form)
    for key in [key for key in relevant if key.startswith(REFERENCE_PREFIX)]:
        if key[len(REFERENCE_PREFIX) :] not in allowed_references:
            relevant.pop(key)
            unknown.append(key)
    if unknown:
        shown = ", ".join(str(key)[:30] for key in unknown[:8]) + (" …" if len(unknown) > 8 else "")
        notes.append(QueryNote("query.unknown", {"keys": shown}))

    for key, text in list(relevant.items()):
        if key in POLICY_KEYS:
            continue
        if key.startswith(REFERENCE_PREFIX):
            form["references"][key[len(REFERENCE_PREFIX) :]] = text
        elif key == "visits":
            try:
                form["visits"] = _parse_visits(text)
            except InputError:
                drop(key, VISITS_FORMAT)
        elif key == "family":
            try:
                form["family"] = _parse_family(text)
            except InputError:
                drop(key, FAMILY_FORMAT)
        elif key == "level":
            form["level"] = int(text) if text.isdigit() and len(text) < 3 else text
        else:
            form[key] = text
    if form["status"] == "retired" and "contribution_base" not in relevant:
        form["contribution_base"] = None

    for _ in range(MAX_DROPPED):
        try:
            scenario = to_scenario(form)
        except CalculatorError as error:
            given = [key for key in dict.fromkeys(_query_key(p.field) for p in error.problems) if key in relevant]
            if not given:
                notes.append(QueryNote("query.invalid", error=error))
                return default_form(), notes
            for key in given:
                drop(key, InputError([p for p in error.problems if _query_key(p.field) == key]))
                _reset(form, key)
            continue
        return _form_from_scenario(form, scenario, relevant), notes
    notes.append(
        QueryNote("query.invalid", error=InputError.one("", "链接参数过多", "the link has too many parameters"))
    )
    return default_form(), notes


def _reset(form: dict, key: str) -> None:
    """Put one field of the form back to its default (a dropped link field)."""
    if key.startswith(REFERENCE_PREFIX):
        form["references"].pop(key[len(REFERENCE_PREFIX) :], None)
    elif key in DEFAULT_FORM:
        form[key] = default_form()[key]
        if key == "visits":
            form["spending"], form["level"] = DEFAULT_FORM["spending"], DEFAULT_FORM["level"]
    if key == "status" or (key == "contribution_base" and form["status"] == "retired"):
        form["contribution_base"] = DEFAULT_FORM["contribution_base"] if form["status"] == "in_service" else None


def form_from_scenario(region: str, scenario: Scenario) -> dict:
    """A form holding ``scenario`` in ``region`` (used to open an official example in My case)."""
    form = {**default_form(), "region": region, "contribution_base": None}
    given = {key for key in OPTIONAL_MONEY_KEYS if key in scenario.model_fields_set}
    return _form_from_scenario(form, scenario, given)


def _form_from_scenario(form: dict, scenario: Scenario, given: Mapping | set) -> dict:
    """The form with the engine's validated values (Decimal, int) in place of the query's text; an
    optional amount keeps "not given" (None) unless ``given`` names it."""
    validated = dict(form)
    for key in ("status", "tier", "age", *MONEY_KEYS, *OPTIONAL_MONEY_KEYS):
        value = getattr(scenario, key)
        if key in OPTIONAL_MONEY_KEYS:
            validated[key] = value if key in given else None
        elif value is not None or key == "pension":
            validated[key] = value
    if scenario.status == "retired":
        validated["contribution_base"] = form.get("contribution_base")
    if scenario.visits is not None:
        validated["visits"] = [visit.model_dump() for visit in scenario.visits]
        validated["spending"] = scenario.total_spending
        validated["level"] = scenario.visits[0].level
    else:
        validated["level"] = scenario.level
    validated["family"] = [payment.model_dump() for payment in scenario.family]
    validated["references"] = dict(scenario.references)
    return validated


# -- the session ----------------------------------------------------------------------------------


def person() -> dict:
    """The current person: from the session, or read once from the link the session was opened with."""
    if "person" not in st.session_state:
        form, notes = form_from_query(st.query_params.to_dict())
        st.session_state["person"] = form
        st.session_state["query_notes"] = notes
    return st.session_state["person"]


def set_person(form: dict) -> None:
    st.session_state["person"] = form


def replace_person(form: dict) -> None:
    """Make ``form`` the person and let the My-case widgets start again from it."""
    st.session_state["person"] = form
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and (key.startswith("w.") or key == "visits_table"):
            del st.session_state[key]


def query_notes() -> list[QueryNote]:
    return st.session_state.get("query_notes", [])
