"""Every command and API endpoint is documented (datasette/pretalx style): adding one without
a line in docs/ or README fails here."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.urls import get_resolver

ROOT = Path(__file__).resolve().parents[1]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))])


def lintas_commands():
    return sorted(name for name, app in get_commands().items() if str(app).startswith("lintas"))


@pytest.mark.parametrize("command", lintas_commands())
def test_management_command_is_documented(command):
    assert re.search(rf"lintas {re.escape(command)}\b", DOCS), f"`lintas {command}` is not in README or docs/"


@pytest.mark.parametrize("command", ["schedule", "assign", "embed", "affinity", "bitext", "search", "reindex", "loaddemo"])
def test_cli_commands_are_documented(command):
    assert f"lintas {command}" in DOCS


def api_paths():
    resolver = get_resolver()
    paths = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, route)
            elif route.startswith("api/v1/"):
                clean = re.sub(r"\^|\$|\\\.\(\?P<format>\[a-z0-9\]\+\)/\?|\.\(\?P<format>[^)]*\)", "", route)
                clean = re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "{}", clean)
                if "{format}" not in clean and clean != "api/v1/":
                    paths.add("/" + clean.split("{}")[0].rstrip("/") + "/")
        return paths

    return sorted(walk(resolver.url_patterns))


@pytest.mark.parametrize("path", api_paths())
def test_api_endpoint_is_documented(path):
    assert path in DOCS or path.rstrip("/") in DOCS, f"{path} is not documented in docs/"
