"""Officers create and edit programmes and calls, and preview who would pass a rule set.

Why here and not in the admin: officers cannot enter the admin, and a call's eligibility
rules must be checked (``eligibility.validate_rules``) before they reach applicants.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.domain import eligibility
from lintas.programmes.enums import DocumentKind
from lintas.programmes.models import Application, Call, Programme

PROGRAMME_FIELDS = ("name", "kind", "description", "issuer")
CALL_FIELDS = ("title", "description", "status", "opens_on", "deadline", "review_round",
               "required_documents", "stipend_monthly", "currency", "duration_min_months",
               "duration_max_months", "reviews_per_application", "criteria",
               "preferred_host_bonus")  # fmt: skip


def _officer(user, what: str):
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(what)


def unique_slug(model, text: str, exclude_pk=None) -> str:
    base = slugify(text)[:70] or model._meta.model_name
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _changes(obj, values: dict) -> dict:
    return {
        k: [str(getattr(obj, k)), str(v)] for k, v in values.items() if getattr(obj, k, None) != v
    }


@transaction.atomic
def save_programme(*, user, data: dict, programme: Programme | None = None) -> Programme:
    """Create a programme (slug from the name) or change one."""
    _officer(user, _("Only programme officers can create or change programmes."))
    values = {k: data[k] for k in PROGRAMME_FIELDS if k in data}
    created = programme is None
    if created:
        programme = Programme(
            slug=data.get("slug") or unique_slug(Programme, values.get("name", ""))
        )
    changes = {} if created else _changes(programme, values)
    for key, value in values.items():
        setattr(programme, key, value)
    programme.full_clean()
    programme.save()
    audit.record(
        actor=user,
        target=programme,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        summary=f"programme {programme.slug}",
        changes=changes,
    )
    return programme


def clean_rules(rules_data) -> dict:
    """The rule set without empty rules; a ``ValidationError`` naming each problem."""
    if not isinstance(rules_data, dict):
        raise ValidationError({"eligibility": [_("Eligibility rules must be a JSON object.")]})
    cleaned = {k: v for k, v in rules_data.items() if v not in (None, "", [])}
    if "age_on" in cleaned and "max_age" not in cleaned:
        cleaned.pop("age_on")
    problems = eligibility.validate_rules(cleaned)
    if problems:
        raise ValidationError({"eligibility": problems})
    return cleaned


@transaction.atomic
def save_call(*, user, programme: Programme, data: dict, call: Call | None = None) -> Call:
    """Create a call of ``programme`` or change one; eligibility rules are validated first."""
    _officer(user, _("Only programme officers can create or change calls."))
    values = {k: data[k] for k in CALL_FIELDS if k in data}
    if "eligibility" in data:
        values["eligibility"] = clean_rules(data["eligibility"])
    for kind in values.get("required_documents", []):
        if kind not in DocumentKind.values:
            raise ValidationError({"required_documents": [_("Unknown document kind.")]})
    created = call is None
    if created:
        call = Call(
            programme=programme,
            slug=data.get("slug") or unique_slug(Call, values.get("title", "")),
        )
    changes = {} if created else _changes(call, values)
    for key, value in values.items():
        setattr(call, key, value)
    lo, hi = call.duration_min_months, call.duration_max_months
    if lo > hi:
        raise ValidationError(
            {"duration_max_months": [_("The maximum must not be below the minimum.")]}
        )
    if call.opens_on and call.deadline and call.deadline.date() < call.opens_on:
        raise ValidationError({"deadline": [_("The deadline must come after the opening day.")]})
    call.full_clean(exclude=["programme"])
    call.save()
    audit.record(
        actor=user,
        target=call,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        summary=f"call {call.slug}",
        changes=changes,
    )
    return call


def evaluation(application: Application, rules_data: dict | None = None, today=None):
    """Each rule of the call (or of ``rules_data``) applied to one application."""
    call = application.call
    return eligibility.evaluate(
        rules=call.eligibility if rules_data is None else rules_data,
        facts=application.facts(),
        today=today or timezone.localdate(),
    )


def preview(*, user, call: Call, rules_data: dict, today=None) -> list[dict]:
    """Who among the call's current applicants (drafts included) would pass ``rules_data``:
    one row per application with each rule's result, those who would fail first."""
    _officer(user, _("Only programme officers can preview eligibility."))
    cleaned = clean_rules(rules_data)
    rows = []
    for application in call.applications.select_related("call").order_by("full_name", "pk"):
        results = evaluation(application, cleaned, today)
        rows.append(
            {
                "application": application,
                "results": results,
                "passes": all(r.passed for r in results),
                "now": all(r.passed for r in evaluation(application, None, today)),
            }
        )
    rows.sort(key=lambda r: (r["passes"], r["application"].full_name))
    return rows
