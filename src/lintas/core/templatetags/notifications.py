"""The bell: ``{% unread_notifications as count %}`` in the navigation (one query)."""

from django import template

from lintas.core.domain import notifications

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return notifications.unread_count(user)
