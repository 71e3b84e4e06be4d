"""Policies prepared once: the settlement's per-policy tables and the registry's validated copy.

Both exist for speed only; these tests check that neither can give an answer the policy files and the
rules would not: a changed policy is settled under its own parameters, and a changed policy file is
validated again instead of read from the prepared copy.
"""

from __future__ import annotations

import gc
import os
import shutil
from decimal import Decimal

from calculator import registry as registry_module
from calculator import settlement
from calculator.registry import POLICY_DIR, default_registry, load_registry
from calculator.scenario import parse_scenario
from calculator.settlement import settle_year

D = Decimal


def person(**changes: object):
    data = {"status": "retired", "age": 70, "pension": "4000", "spending": "2800", "level": 2, **changes}
    return parse_scenario(data)


def test_a_changed_copy_of_a_policy_is_settled_under_its_own_rate() -> None:
    """Chongqing 2024 pays a retiree 70 % at level 2 after a 100 yuan deductible: (2800 − 100) × 70 % =
    1890.00; the same policy with the rate set to 50 % pays 2700 × 50 % = 1350.00, not what was prepared
    for the original."""
    policy = default_registry().get("chongqing-2024")
    assert settle_year(policy, person(), D("0")).general_pooling_paid == D("1890.00")
    pooling = policy.pooling
    rates = pooling.rates_percent.model_copy(update={"retired": {1: D(50), 2: D(50), 3: D(50)}})
    changed = policy.model_copy(update={"pooling": pooling.model_copy(update={"rates_percent": rates})})
    assert settle_year(changed, person(), D("0")).general_pooling_paid == D("1350.00")
    assert settle_year(policy, person(), D("0")).general_pooling_paid == D("1890.00")


def test_prepared_rules_leave_with_their_policy() -> None:
    policy = default_registry().get("chongqing-2024")
    copy = policy.model_copy()
    settle_year(copy, person(), D("0"))
    key = id(copy)
    assert key in settlement._PREPARED
    del copy
    gc.collect()
    assert key not in settlement._PREPARED


def test_the_prepared_registry_equals_the_loaded_one_and_a_changed_file_is_validated_again(tmp_path) -> None:
    directory = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, directory)
    cache = tmp_path / "cache" / "policies.pickle"
    fingerprint = registry_module._fingerprint(directory)
    loaded = load_registry(directory)
    registry_module._write_prepared(cache, fingerprint, loaded)
    assert registry_module._read_prepared(cache, registry_module._fingerprint(directory)) == loaded

    # One digit of a cap changes: same size, and the time stamp may even be the same second.
    path = directory / "chongqing" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    assert "retired: 4000" in text
    path.write_text(text.replace("retired: 4000", "retired: 5000", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    changed = registry_module._fingerprint(directory)
    assert changed != fingerprint
    assert registry_module._read_prepared(cache, changed) is None
    assert load_registry(directory).get("chongqing-2024").pooling.annual_cap.retired == D("5000")

    # A new file is seen too.
    shutil.copy(path, directory / "chongqing" / "2099.yaml")
    assert registry_module._fingerprint(directory) != changed


def test_a_damaged_prepared_copy_is_not_used(tmp_path) -> None:
    cache = tmp_path / "policies.pickle"
    cache.write_bytes(b"not a pickle")
    assert registry_module._read_prepared(cache, registry_module._fingerprint(POLICY_DIR)) is None


def test_the_prepared_copy_lives_in_the_user_cache_directory_one_file_per_policy_directory(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = registry_module._cache_path(POLICY_DIR)
    assert path.parent == tmp_path / "menzhen-calculator"
    assert path.name.startswith("policies-") and path.suffix == ".pickle"
    assert registry_module._cache_path(tmp_path / "policies") != path
    monkeypatch.setenv("CALCULATOR_POLICY_CACHE", "0")
    assert registry_module._cache_path(POLICY_DIR) is None


def test_the_default_registry_writes_its_copy_and_reads_it_back(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    default_registry.cache_clear()
    try:
        first = default_registry()
        assert registry_module._cache_path(POLICY_DIR).exists()
        default_registry.cache_clear()
        assert default_registry() == first == load_registry(POLICY_DIR)
    finally:
        default_registry.cache_clear()
