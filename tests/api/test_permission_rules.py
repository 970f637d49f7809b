"""Every permission the code names exists in the django-rules registry.

A misspelt name in ``permission_rules``, ``has_perm("...")`` or a template's ``perms.app.x``
would simply answer False (or, for a superuser, True) for ever; these tests refuse it."""

import re
from pathlib import Path

import rules
from django.urls import get_resolver

import lintas
from lintas.api.permissions import RulePermission

SRC = Path(lintas.__file__).parent
NAMED_IN_CODE = re.compile(r"""has_perm\(\s*["']([a-z_]+\.[a-z_]+)["']""")
NAMED_IN_TEMPLATES = re.compile(r"\bperms\.([a-z_]+)\.([a-z_]+)")


def _api_views():
    """Every view class the API's URLs route to (viewsets and plain API views)."""
    seen = {}

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            callback = pattern.callback
            cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            if cls is not None and cls.__module__.startswith("lintas.api."):
                seen[f"{cls.__module__}.{cls.__qualname__}"] = cls

    walk(get_resolver().url_patterns)
    return seen


def test_the_api_routes_are_found():
    views = _api_views()
    assert "lintas.api.views.brokerage.DealViewSet" in views
    assert "lintas.api.views.core.MembershipRequestViewSet" in views


def test_every_permission_in_api_permission_rules_exists():
    named = {}
    for name, cls in _api_views().items():
        for action, perm in getattr(cls, "permission_rules", {}).items():
            if perm is not None:
                named[f"{name}.{action}"] = perm
    assert "lintas.api.views.brokerage.DealViewSet.retrieve" in named
    missing = {where: perm for where, perm in named.items() if not rules.perm_exists(perm)}
    assert missing == {}


def test_views_naming_permission_rules_use_rule_permission():
    """permission_rules does nothing unless RulePermission reads it."""
    ignored = []
    for name, cls in _api_views().items():
        for action in getattr(cls, "permission_rules", {}):
            method = getattr(cls, action, None)
            classes = getattr(method, "kwargs", {}).get("permission_classes") or getattr(
                cls, "permission_classes", ()
            )
            if RulePermission not in classes:
                ignored.append(f"{name}.{action}")
    assert ignored == []


def test_every_permission_named_in_code_and_templates_exists():
    named = {}
    for path in SRC.rglob("*.py"):
        for perm in NAMED_IN_CODE.findall(path.read_text(encoding="utf-8")):
            named.setdefault(perm, str(path.relative_to(SRC)))
    for path in SRC.rglob("*.html"):
        for app, perm in NAMED_IN_TEMPLATES.findall(path.read_text(encoding="utf-8")):
            named.setdefault(f"{app}.{perm}", str(path.relative_to(SRC)))
    assert "brokerage.view_deal" in named and "core.remove_organisation" in named
    missing = {perm: where for perm, where in named.items() if not rules.perm_exists(perm)}
    assert missing == {}
