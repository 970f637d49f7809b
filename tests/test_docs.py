"""Every command and API endpoint is documented (datasette/pretalx style): adding one without
a line in docs/ or README fails here."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.urls import get_resolver

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in DOC_FILES)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
REPO_PATH = re.compile(r"`((?:src|tests|benchmarks|docs|seeds|\.ci)/[^`\s*<>{}|]+)`")


def test_docs_links_and_repository_paths_exist():
    """Relative links and `src/…`-style paths named in README and docs/ point at real files."""
    missing = []
    for doc in DOC_FILES:
        text = doc.read_text(encoding="utf-8")
        for target in LINK.findall(text):
            external = re.match(r"[a-z]+:|#", target)
            if not external and not (doc.parent / target.split("#")[0]).exists():
                missing.append(f"{doc.relative_to(ROOT)}: link {target}")
        for path in REPO_PATH.findall(text):
            if not (ROOT / path).exists():
                missing.append(f"{doc.relative_to(ROOT)}: path {path}")
    assert missing == []


def lintas_commands():
    return sorted(name for name, app in get_commands().items() if str(app).startswith("lintas"))


@pytest.mark.parametrize("command", lintas_commands())
def test_management_command_is_documented(command):
    assert re.search(rf"lintas {re.escape(command)}\b", DOCS), (
        f"`lintas {command}` is not in README or docs/"
    )


@pytest.mark.parametrize(
    "command",
    [
        "schedule",
        "assign",
        "embed",
        "affinity",
        "bitext",
        "rank-eval",
        "search",
        "reindex",
        "loaddemo",
    ],
)
def test_cli_commands_are_documented(command):
    assert f"lintas {command}" in DOCS


FORMAT_SUFFIX = re.compile(r"\\\.\(\?P<format>|<drf_format_suffix:format>")
PLACEHOLDER = re.compile(r"\(\?P<\w+>[^)]*\)|<[^>]+>")


def api_paths():
    """Every route under /api/ as a full path, each parameter written ``{}``
    (``/api/v1/events/{}/checkin/{}/``); the ``.json``-style format variants are left out."""
    paths = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, route)
            elif route.startswith("api/") and not FORMAT_SUFFIX.search(route):
                paths.add("/" + PLACEHOLDER.sub("{}", route.replace("^", "").replace("$", "")))

    walk(get_resolver().url_patterns)
    return sorted(paths)


def documented(path: str, text: str) -> bool:
    """``path`` appears whole in ``text``, whatever the docs call its parameters ({ref}, {id},
    {slug}): /api/v1/deals/{}/ is not documented by /api/v1/deals/{id}/stage/."""
    text = re.sub(r"\{[\w-]*\}", "{}", text)
    return bool(re.search(rf"(?<![\w/{{}}.-]){re.escape(path)}(?![\w/{{}}-])", text))


def test_documented_needs_the_whole_path():
    assert documented("/api/v1/deals/{}/stage/", "`/api/v1/deals/{id}/stage/`, and more.")
    assert not documented("/api/v1/deals/{}/", "`/api/v1/deals/{id}/stage/`")
    assert not documented("/api/v1/deals/{}/stage/", "`/api/v1/deals/{id}/`, `stage/`")


def test_api_paths_cover_action_routes():
    paths = api_paths()
    assert "/api/v1/events/{}/checkin/{}/" in paths
    assert "/api/v1/revisions/{}/accept/" in paths
    assert not [p for p in paths if "format" in p or "^" in p or "$" in p or "(" in p]


@pytest.mark.parametrize("path", api_paths())
def test_api_endpoint_is_documented(path):
    assert documented(path, DOCS), f"{path} is not documented in docs/ (list it in docs/api.md)"
