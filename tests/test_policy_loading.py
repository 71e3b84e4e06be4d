"""A malformed policy file fails at load with the file, the field and the problem named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from calculator.errors import PolicyError
from calculator.registry import POLICY_DIR, load_registry


@pytest.fixture
def policy_dir(tmp_path: Path) -> Path:
    target = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, target)
    return target


def edit(directory: Path, change) -> None:
    path = directory / "chongqing" / "2024.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def load_error(directory: Path) -> str:
    with pytest.raises(PolicyError) as caught:
        load_registry(directory)
    return caught.value.message("en") + "\n" + caught.value.message("zh")


def test_the_shipped_policies_load(policy_dir):
    assert "chongqing-2024" in load_registry(policy_dir).policies


def test_rate_above_100_percent(policy_dir):
    edit(policy_dir, lambda d: d["pooling"]["rates_percent"]["retired"].__setitem__(3, 130))
    message = load_error(policy_dir)
    assert "chongqing/2024.yaml" in message
    assert "pooling.rates_percent.retired[3]" in message
    assert "at most 100" in message


def test_negative_cap(policy_dir):
    edit(policy_dir, lambda d: d["pooling"]["annual_cap"].__setitem__("in_service", -5))
    assert "pooling.annual_cap.in_service" in load_error(policy_dir)


def test_unknown_key(policy_dir):
    edit(policy_dir, lambda d: d["pooling"].__setitem__("deductable", 100))
    message = load_error(policy_dir)
    assert "pooling.deductable" in message and "not a known field" in message


def test_missing_source(policy_dir):
    edit(policy_dir, lambda d: d["pooling"]["deductible"].pop("source"))
    assert "pooling.deductible.source" in load_error(policy_dir)


def test_unregistered_document(policy_dir):
    edit(policy_dir, lambda d: d["pooling"]["deductible"]["source"].__setitem__("doc", "nowhere"))
    assert "nowhere" in load_error(policy_dir)


def test_secondary_source_must_be_marked(policy_dir):
    edit(policy_dir, lambda d: d["pooling"]["deductible"]["source"].__setitem__("doc", "secondary_public"))
    assert "secondary" in load_error(policy_dir)


def test_rates_for_every_level(policy_dir):
    edit(policy_dir, lambda d: d["pooling"]["rates_percent"]["in_service"].pop(3))
    assert "levels 1, 2 and 3" in load_error(policy_dir)


def test_invalid_yaml(policy_dir):
    (policy_dir / "chongqing" / "2024.yaml").write_text("pooling: [unclosed\n", encoding="utf-8")
    message = load_error(policy_dir)
    assert "2024.yaml" in message and "YAML" in message


def test_replaces_an_unknown_policy(policy_dir):
    edit(policy_dir, lambda d: d.__setitem__("replaces", "atlantis-1999"))
    assert "atlantis-1999" in load_error(policy_dir)


def test_duplicate_id(policy_dir):
    shutil.copy(policy_dir / "chongqing" / "2024.yaml", policy_dir / "chongqing" / "copy.yaml")
    assert "duplicate" in load_error(policy_dir)
