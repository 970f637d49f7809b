"""Audit log: every change to a profile (and every reveal of confidential data) is recorded."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from lintas.core.enums import AuditAction
from lintas.core.models import AuditEntry


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def diff(*, before: dict, after: dict) -> dict:
    """Field-by-field differences {field: [old, new]}, for the audit entry."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def record(*, actor, target: models.Model, action: str, summary: str = "", changes=None):
    """Write one audit entry. Why a function: callers decide explicitly what is worth logging."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=AuditAction(action),
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        summary=summary[:300],
        changes=changes or {},
    )


def history(target: models.Model):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")
