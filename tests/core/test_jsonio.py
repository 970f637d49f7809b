import io
import json
import subprocess
import sys

import pytest

from lintas.core import jsonio


def test_read_json_returns_document(tmp_path):
    path = tmp_path / "in.json"
    path.write_text('{"a": [1, "é"]}', encoding="utf-8")
    assert jsonio.read_json(str(path)) == {"a": [1, "é"]}


def test_read_json_malformed_names_file_and_line(tmp_path):
    path = tmp_path / "in.json"
    path.write_text('{\n"a": 1,\n}', encoding="utf-8")
    with pytest.raises(jsonio.InputError) as caught:
        jsonio.read_json(str(path))
    assert str(caught.value).startswith(f"{path}:3: malformed JSON: ")


def test_read_json_missing_file_says_cannot_read(tmp_path):
    path = tmp_path / "nope.json"
    with pytest.raises(jsonio.InputError) as caught:
        jsonio.read_json(str(path))
    assert str(caught.value) == f"{path}: cannot read: No such file or directory"


def test_read_json_invalid_utf8_names_line(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(b'{"a":\n "\xff"}')
    with pytest.raises(jsonio.InputError) as caught:
        jsonio.read_json(str(path))
    assert str(caught.value) == f"{path}:2: not valid UTF-8"


def test_read_json_dash_reads_stdin_only_when_allowed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"from": "stdin"}'))
    assert jsonio.read_json("-", allow_stdin=True) == {"from": "stdin"}
    with pytest.raises(jsonio.InputError) as caught:
        jsonio.read_json("-")
    assert str(caught.value) == "-: cannot read: No such file or directory"


def test_read_lines_drops_bom_crlf_and_final_newline(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("\ufeffone\r\ntwo\n".encode())
    assert jsonio.read_lines(str(path)) == ["one", "two"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "file is empty"), ("one\n\nthree\n", ":2: empty line")],
)
def test_read_lines_bad_input_names_problem(tmp_path, content, message):
    path = tmp_path / "in.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(jsonio.InputError) as caught:
        jsonio.read_lines(str(path))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a"}\n[1]\n', "in.jsonl:2: expected a JSON object"),
        ('{"id": "a"}\n{"id": "a"}\n', "in.jsonl:2: duplicate id 'a'"),
        ('{"id": ""}\n', "in.jsonl:1: 'id' is empty"),
        ('{"id": 3}\n', "in.jsonl:1: 'id' must be a str"),
        ('{"name": "a"}\n', "in.jsonl:1: missing key 'id'"),
        ('{"id": "a"\n', "in.jsonl:1: malformed JSON"),
    ],
)
def test_read_jsonl_bad_input_names_line(tmp_path, content, message):
    path = tmp_path / "in.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(jsonio.InputError) as caught:
        jsonio.read_jsonl(str(path), {"id": str})
    assert message in str(caught.value)


def test_read_jsonl_returns_records(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "n": 1}\n{"id": "b", "n": 2}\n', encoding="utf-8")
    assert jsonio.read_jsonl(str(path), {"id": str, "n": int}) == [
        {"id": "a", "n": 1},
        {"id": "b", "n": 2},
    ]


def test_write_json_replaces_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old", encoding="utf-8")
    jsonio.write_json(str(path), {"k": "é", "n": [1]})
    assert path.read_text(encoding="utf-8") == '{\n "k": "é",\n "n": [\n  1\n ]\n}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomically_relative_path_writes_in_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    jsonio.write_atomically("out.bin", b"\x00\x01")
    assert (tmp_path / "out.bin").read_bytes() == b"\x00\x01"


def test_write_atomically_missing_folder_raises_output_error(tmp_path):
    path = tmp_path / "missing" / "out.json"
    with pytest.raises(jsonio.OutputError) as caught:
        jsonio.write_atomically(str(path), "x")
    assert str(caught.value) == f"{path}: cannot write: No such file or directory"
    assert list(tmp_path.iterdir()) == []


def test_write_atomically_failure_keeps_existing_file(tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("old", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jsonio.os, "replace", refuse)
    with pytest.raises(jsonio.OutputError) as caught:
        jsonio.write_atomically(str(path), "new")
    assert str(caught.value) == f"{path}: cannot write: Permission denied"
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomically_dash_writes_stdout_only_when_allowed(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    jsonio.write_atomically("-", "to stdout\n", allow_stdout=True)
    assert capsys.readouterr().out == "to stdout\n"
    jsonio.write_atomically("-", "to a file named -")
    assert (tmp_path / "-").read_text(encoding="utf-8") == "to a file named -"


def test_jsonio_imports_no_django():
    code = "import sys, lintas.core.jsonio; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_write_json_round_trips_through_read_json(tmp_path):
    path = tmp_path / "doc.json"
    document = {"meetings": [{"slot": 0, "a": "Trần", "b": "李"}], "objective": 2.5}
    jsonio.write_json(str(path), document, indent=None)
    assert jsonio.read_json(str(path)) == document
    assert path.read_text(encoding="utf-8") == json.dumps(document, ensure_ascii=False)
