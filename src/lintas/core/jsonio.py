"""Reading input files and writing output files for the pure command-line fronts.

``lintas schedule``, ``lintas assign`` and ``lintas embed|affinity|bitext`` share one
contract: bad input is reported with the file (and line) it came from, exit code 2,
and nothing is written; output appears whole or not at all (written to a temporary
file beside the target and renamed over it, so no reader sees half a file and a
failed run leaves an existing file alone). Keeping that contract in one module means
the three fronts cannot drift apart.

Plain module: no Django import, so the commands start fast and run without settings.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

STDIO = "-"


class InputError(ValueError):
    """A file cannot be read or parsed; the message names the file (and line)."""


class OutputError(OSError):
    """An output file cannot be written; the message names the file."""


def read_text(path: str, *, allow_stdin: bool = False) -> str:
    """UTF-8 text of ``path`` (standard input for ``-`` when ``allow_stdin``).

    A leading byte-order mark is kept: the JSON readers reject it with a message,
    the line reader drops it, as each command always did.
    """
    if allow_stdin and path == STDIO:
        try:
            return sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-8") from exc
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8") from exc


def read_json(path: str, *, allow_stdin: bool = False) -> object:
    """The JSON document in ``path``; InputError names the line of a syntax error."""
    text = read_text(path, allow_stdin=allow_stdin)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: malformed JSON: {exc.msg}") from exc


def read_lines(path: str) -> list[str]:
    """Non-empty lines of a one-item-per-line UTF-8 file (LF or CRLF, optional BOM)."""
    text = read_text(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start a new one
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    if not lines:
        raise InputError(f"{path}: file is empty")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise InputError(f"{path}:{number}: empty line")
    return lines


def read_jsonl(path: str, required: dict[str, type]) -> list[dict]:
    """Objects of a JSON-lines file, each with the ``required`` keys and types and a
    non-empty, unique ``id``."""
    records = []
    seen: set[str] = set()
    for number, line in enumerate(read_lines(path), start=1):
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: malformed JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object")
        for key, kind in required.items():
            if key not in record:
                raise InputError(f"{where}: missing key {key!r}")
            if not isinstance(record[key], kind):
                raise InputError(f"{where}: {key!r} must be a {kind.__name__}")
        if not record["id"]:
            raise InputError(f"{where}: 'id' is empty")
        if record["id"] in seen:
            raise InputError(f"{where}: duplicate id {record['id']!r}")
        seen.add(record["id"])
        records.append(record)
    return records


def write_atomically(path: str, data: bytes | str, *, allow_stdout: bool = False) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` through a temporary file and a rename.

    With ``allow_stdout``, ``-`` writes to standard output instead. OutputError when
    the folder is missing or not writable; the target is untouched then.
    """
    if allow_stdout and path == STDIO:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise


def write_json(path: str, document: object, *, indent: int | None = 1) -> None:
    """``document`` as JSON (non-ASCII kept as is), written atomically."""
    write_atomically(path, json.dumps(document, ensure_ascii=False, indent=indent))
