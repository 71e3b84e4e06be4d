"""Scenario files: one person's case saved as JSON and loaded back, by the dashboard and the CLI.

The file is versioned (``format`` and ``version``) so that a file saved today still loads, or is refused
with a clear message, after the input contract grows. Amounts are written as strings ("1527.50"), which
keeps them exact to the fen through any JSON tool. Loading checks the size, the JSON, the envelope and
then the scenario through the same :func:`calculator.scenario.parse_scenario` as every other edge, and
looks policy ids up in the registry (never as paths).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError, Problem, from_validation_error
from .registry import Registry, default_registry
from .scenario import Scenario, parse_scenario

FORMAT = "menzhen-gongji-scenario"
VERSION = 1
MAX_FILE_BYTES = 256 * 1024
PolicyId = Field(default=None, max_length=64, pattern=r"^[a-z][a-z0-9-]*[a-z0-9]$")
RegionKey = Field(default=None, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")


class PolicyChoice(BaseModel):
    """Which policies the case is settled under: a region's default pair, or explicit ids."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    region: str | None = RegionKey
    before: str | None = PolicyId
    after: str | None = PolicyId


class ScenarioFile(BaseModel):
    """The envelope of a saved case; ``scenario`` is validated separately, as at every edge."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["menzhen-gongji-scenario"]
    version: int
    saved_by: str | None = Field(default=None, max_length=200)
    policies: PolicyChoice = PolicyChoice()
    scenario: dict


def _plain(value: object) -> object:
    """Decimals as exact strings; everything else as JSON already knows it."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def dump_scenario(scenario: Scenario, choice: PolicyChoice | None = None, saved_by: str | None = None) -> str:
    """The JSON text of a scenario file (UTF-8, indented, only the inputs that were given)."""
    envelope = {
        "format": FORMAT,
        "version": VERSION,
        **({"saved_by": saved_by} if saved_by else {}),
        "policies": (choice or PolicyChoice()).model_dump(exclude_none=True),
        "scenario": _plain(scenario.model_dump(exclude_defaults=True, exclude_none=True)),
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


def _refuse(zh: str, en: str) -> InputError:
    return InputError([Problem("scenario_file", zh, en)])


def load_scenario(data: bytes | str, registry: Registry | None = None) -> tuple[Scenario, PolicyChoice]:
    """Read a scenario file's bytes; refuse anything else with a message saying what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            f"文件过大（上限 {MAX_FILE_BYTES // 1024} KB）", f"file too large (limit {MAX_FILE_BYTES // 1024} KB)"
        )
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        raw = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _refuse("不是有效的 JSON 文件（UTF-8）", "is not a valid JSON file (UTF-8)") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _refuse(
            "不是门诊共济测算的情景文件（缺少 format 字段）",
            "is not a scenario file of this calculator (no format field)",
        )
    version = raw.get("version")
    if version != VERSION:
        raise _refuse(
            f"文件版本 {str(version)[:10]} 不受支持（当前支持版本 {VERSION}）",
            f"file version {str(version)[:10]} is not supported (this version reads {VERSION})",
        )
    try:
        envelope = ScenarioFile.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(exc, prefix="scenario_file") from None
    scenario = parse_scenario(envelope.scenario)
    registry = registry or default_registry()
    choice = envelope.policies
    if choice.region is not None:
        registry.pair(choice.region)
    for policy_id in (choice.before, choice.after):
        if policy_id is not None:
            registry.get(policy_id)
    return scenario, choice
