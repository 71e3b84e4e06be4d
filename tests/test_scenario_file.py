"""Scenario files: saved and loaded back exactly; anything else refused with a clear message."""

from __future__ import annotations

import json

import pytest

from calculator.cli import main
from calculator.errors import InputError
from calculator.scenario import parse_scenario
from calculator.scenario_file import FORMAT, MAX_FILE_BYTES, PolicyChoice, dump_scenario, load_scenario

XIAOZENG = dict(
    status="in_service",
    tier="individual_tier2",
    age=36,
    contribution_base="53400",
    spending="110400",
    level=3,
    other_schemes_paid="105409",
)


def envelope(**changes) -> bytes:
    data = {"format": FORMAT, "version": 1, "policies": {"region": "chongqing"}, "scenario": XIAOZENG} | changes
    return json.dumps(data).encode()


def test_round_trip_is_exact():
    scenario = parse_scenario({**XIAOZENG, "visits": None})
    text = dump_scenario(scenario, PolicyChoice(region="chongqing"))
    assert '"contribution_base": "53400"' in text  # amounts as exact strings
    loaded, choice = load_scenario(text.encode("utf-8"))
    assert loaded == scenario and choice.region == "chongqing"


def test_round_trip_with_visits_and_family():
    scenario = parse_scenario(
        dict(
            status="retired",
            age=70,
            visits=[{"amount": "100.05", "level": 1, "pharmacy": True}, {"amount": "80", "level": 3, "kind": "tcm"}],
            family=[{"relation": "child", "amount": "50"}],
        )
    )
    assert load_scenario(dump_scenario(scenario))[0] == scenario


def test_a_byte_order_mark_is_fine():
    assert load_scenario(b"\xef\xbb\xbf" + envelope())[0].age == 36


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", ["JSON"]),
        (b"{not json", ["JSON"]),
        (b"\xff\xfe\x00", ["JSON"]),
        (b"[" * 50_000, ["JSON"]),
        (b"[]", ["format"]),
        (json.dumps({"format": "other"}).encode(), ["format"]),
        (envelope(version=2), ["2", "1"]),
        (envelope(version="1"), ["1"]),
        (envelope(extra="x"), ["extra"]),
        (envelope(policies={"after": "../../etc/passwd"}), ["policies.after"]),
        (envelope(policies={"after": "nowhere-2024"}), ["nowhere-2024"]),
        (envelope(scenario={**XIAOZENG, "age": 300}), ["age"]),
        (envelope(scenario={**XIAOZENG, "spending": "-1"}), ["spending"]),
        (envelope(scenario={**XIAOZENG, "tier": "gold"}), ["tier"]),
        (envelope(scenario="<script>alert(1)</script>"), ["scenario"]),
        (b" " * (MAX_FILE_BYTES + 1), ["256"]),
    ],
)
def test_bad_files_are_refused_with_a_message(data, words):
    with pytest.raises(InputError) as caught:
        load_scenario(data)
    for lang in ("zh", "en"):
        message = caught.value.message(lang)
        assert all(word in message for word in words), message


def test_cli_reads_a_scenario_file(tmp_path, capsys):
    path = tmp_path / "xiaozeng.json"
    path.write_bytes(envelope())
    assert main(["compare", "--scenario-file", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # 小曾 after: (110400 − 105409 − 200) × 50% = 2395.50 pooled; own share 2595.50 − credit 1068 = 1527.50 cash
    assert data["after"]["cash_paid"] == 1527.5


def test_cli_refuses_a_file_and_flags_together(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_bytes(envelope())
    assert main(["compare", "--scenario-file", str(path), "--age", "40"]) == 2
    assert "age" in capsys.readouterr().err
    assert main(["compare", "--scenario-file", str(tmp_path / "missing.json")]) == 2
