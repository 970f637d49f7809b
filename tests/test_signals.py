"""Extension points: every signal a lower app sends is documented (docstring and
docs/architecture.md), and no AppConfig.ready() fills a module-level list any more."""

import ast
from pathlib import Path

import pytest
from django.dispatch import Signal

SRC = Path(__file__).resolve().parents[1] / "src" / "lintas"
ARCHITECTURE = (SRC.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")


def _signals():
    """(dotted name, docstring or None) of every ``X = Signal()`` in an app's signals.py."""
    found = []
    for path in sorted(SRC.glob("*/signals.py")):
        module = f"lintas.{path.parent.name}.signals"
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for index, node in enumerate(body):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", None) == "Signal"
            ):
                after = body[index + 1] if index + 1 < len(body) else None
                doc = (
                    after.value.value
                    if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    else None
                )
                found.append((f"{module}.{node.targets[0].id}", doc))
    return found


SIGNALS = _signals()


def test_the_known_extension_points_are_found():
    names = {name for name, _doc in SIGNALS}
    assert {
        "lintas.catalogue.signals.profile_panels",
        "lintas.catalogue.signals.confidential_access",
        "lintas.catalogue.signals.words_search",
        "lintas.core.signals.organisation_delete_guards",
    } <= names


@pytest.mark.parametrize(("name", "doc"), SIGNALS, ids=[name for name, _doc in SIGNALS])
def test_every_signal_is_documented(name, doc):
    import importlib

    module, attribute = name.rsplit(".", 1)
    assert isinstance(getattr(importlib.import_module(module), attribute), Signal)
    assert doc and "Arguments:" in doc and "Connected by:" in doc, f"{name} lacks a docstring"
    assert f"`{name}`" in ARCHITECTURE, f"{name} is not in docs/architecture.md"


def test_every_signal_has_its_receivers_connected():
    import importlib

    for name, _doc in SIGNALS:
        module, attribute = name.rsplit(".", 1)
        assert getattr(importlib.import_module(module), attribute).receivers, name


def test_no_app_ready_fills_a_module_list():
    offenders = []
    for path in sorted(SRC.glob("*/apps.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"append", "extend", "insert", "register"}
            ):
                offenders.append(f"{path.parent.name}/apps.py:{node.lineno}")
    assert offenders == []
