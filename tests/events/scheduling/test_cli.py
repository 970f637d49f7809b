"""The ``lintas schedule`` command: its JSON contract, bad input and output files."""

from __future__ import annotations

import json

import pytest

from lintas.cli import main as lintas_main
from lintas.events.scheduling.cli import main


def tiny(**overrides) -> dict:
    data = {
        "slots": 2,
        "tables": 1,
        "participants": [
            {"id": "A", "available": [0, 1]},
            {"id": "B", "available": [0, 1]},
            {"id": "C", "available": [1]},
            {"id": "D", "available": [0]},
        ],
        "requests": [
            {"id": "r1", "a": "A", "b": "B", "priority": 3},
            {"id": "r2", "a": "C", "b": "D"},
            {"id": "r3", "a": "A", "b": "C", "priority": 2},
        ],
        "fixed": [],
    }
    data.update(overrides)
    return data


def run_cli(tmp_path, data, raw: str | None = None):
    src = tmp_path / "in.json"
    src.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.json"
    code = main([str(src), "-o", str(out), "--time-limit", "3"])
    return code, out


def test_cli_writes_exact_output_format(tmp_path):
    code, out = run_cli(tmp_path, tiny())
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["meetings", "unscheduled", "objective", "bound", "seconds"]
    assert {tuple(sorted(m)) for m in data["meetings"]} == {("request", "slot", "table")}
    assert {tuple(sorted(u)) for u in data["unscheduled"]} == {("reason", "request")}
    by_request = {m["request"]: (m["slot"], m["table"]) for m in data["meetings"]}
    # one table: r1 (A-B) and r3 (A-C, only slot 1) fill both slots, C-D has no common slot
    assert by_request == {"r1": (0, 0), "r3": (1, 0)}
    assert data["objective"] == 5
    assert data["bound"] == 5
    assert isinstance(data["seconds"], float)
    assert data["unscheduled"] == [
        {"request": "r2", "reason": "no common available slot for C and D"}
    ]


BAD_INPUTS = [
    ("malformed", None, "{not json", "in.json:1: malformed JSON"),
    ("missing slots", {"slots": None}, None, "'slots'"),
    ("unknown person", {"requests": [{"id": "r9", "a": "A", "b": "Z"}]}, None, "'Z'"),
    ("self", {"requests": [{"id": "r9", "a": "A", "b": "A"}]}, None, "'r9'"),
    ("negative", {"requests": [{"id": "r9", "a": "A", "b": "B", "priority": -1}]}, None, "'r9'"),
    ("missing b", {"requests": [{"id": "r9", "a": "A"}]}, None, "missing key 'b'"),
    (
        "dup request",
        {"requests": [{"id": "r1", "a": "A", "b": "B"}, {"id": "r1", "a": "A", "b": "C"}]},
        None,
        "duplicate request id 'r1'",
    ),
    (
        "dup person",
        {"participants": [{"id": "A", "available": [0]}, {"id": "A", "available": [1]}]},
        None,
        "duplicate participant id 'A'",
    ),
    (
        "slot range",
        {"participants": [{"id": "A", "available": [0, 7]}]},
        None,
        "participant 'A': slot 7",
    ),
    ("fixed slot range", {"fixed": [{"request": "r1", "slot": 5}]}, None, "'r1': slot 5"),
    ("fixed unknown", {"fixed": [{"request": "r8", "slot": 0}]}, None, "'r8'"),
    (
        "fixed availability",
        {"fixed": [{"request": "r3", "slot": 0}]},
        None,
        "participant 'C' not available in slot 0",
    ),
    (
        "fixed clash",
        {"fixed": [{"request": "r1", "slot": 1}, {"request": "r3", "slot": 1}]},
        None,
        "conflicts with fixed meeting 'r1'",
    ),
    (
        "fixed tables",
        {
            "tables": 1,
            "requests": [{"id": "r1", "a": "A", "b": "B"}, {"id": "r2", "a": "C", "b": "D"}],
            "participants": [{"id": x, "available": [0, 1]} for x in "ABCD"],
            "fixed": [{"request": "r1", "slot": 0}, {"request": "r2", "slot": 0}],
        },
        None,
        "slot 0 (r1, r2) need 2 tables",
    ),
]


@pytest.mark.parametrize(("name", "change", "raw", "message"), BAD_INPUTS)
def test_cli_bad_input_exits_2_names_item_writes_nothing(
    tmp_path, capsys, name, change, raw, message
):
    data = tiny()
    if change:
        data.update(change)
        data = {k: v for k, v in data.items() if v is not None}
    code, out = run_cli(tmp_path, data, raw)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_unwritable_output_exits_2(tmp_path, capsys):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(tiny()), encoding="utf-8")
    out = tmp_path / "missing" / "out.json"
    code = main([str(src), "-o", str(out), "--time-limit", "3"])
    assert code == 2
    assert f"error: {out}: cannot write" in capsys.readouterr().err
    assert not out.exists()


def test_lintas_schedule_dispatches_to_the_scheduling_cli(tmp_path):
    src, out = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps(tiny()), encoding="utf-8")
    code = lintas_main(["schedule", str(src), "-o", str(out), "--time-limit", "3"])
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["objective"] == 5
