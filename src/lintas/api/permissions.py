"""API permissions that ask django-rules, so the API refuses exactly what the pages refuse.

A view names the rule for each action; the rule is the same ``app.verb_model`` permission
the pages check with ``user.has_perm`` (predicates live in each app's ``rules.py``)::

    class MembershipRequestViewSet(viewsets.ModelViewSet):
        permission_classes = [RulePermission]
        permission_rules = {"approve": "core.decide_membership", "list": None}

``None`` (or an action not named) falls back to the default: reading is open, writing needs
a signed-in user. Object rules are checked with the object; view rules without one. A plain
``APIView`` (no actions) names its rules by HTTP method: ``{"get": "insights.view_dashboard"}``.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulePermission(BasePermission):
    def _rule(self, request, view):
        action = getattr(view, "action", None) or request.method.lower()
        return getattr(view, "permission_rules", {}).get(action)

    def has_permission(self, request, view):
        rule = self._rule(request, view)
        if rule is None:
            return request.method in SAFE_METHODS or bool(request.user.is_authenticated)
        if getattr(view, "detail", False):
            return True  # decided per object in has_object_permission
        return request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj):
        rule = self._rule(request, view)
        if rule is None:
            return request.method in SAFE_METHODS or bool(request.user.is_authenticated)
        return request.user.has_perm(rule, obj)
