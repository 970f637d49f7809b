"""Pages for a person's notifications: the list, opening one, marking read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lintas.core.domain import notifications
from lintas.core.models import Notification

PAGE_SIZE = 30


def _own(request, pk) -> Notification:
    # Someone else's notification is a 404, not a 403: its existence is not for them to know.
    return get_object_or_404(notifications.for_user(request.user), pk=pk)


def _safe(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@login_required
def notification_list(request):
    unread_only = request.GET.get("show") == "unread"
    qs = notifications.for_user(request.user)
    if unread_only:
        qs = qs.unread()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": notifications.unread_count(request.user),
            "params": "show=unread" if unread_only else "",
        },
    )


@login_required
def notification_open(request, pk):
    """The link in the list: marks the notification read and leads to its object."""
    item = _own(request, pk)
    notifications.mark_read(user=request.user, notification=item)
    return redirect(item.url if _safe(request, item.url) else "core:notifications")


@login_required
@require_POST
def notification_mark(request, pk, state):
    item = _own(request, pk)
    if state == "unread":
        notifications.mark_unread(user=request.user, notification=item)
    else:
        notifications.mark_read(user=request.user, notification=item)
    back = request.POST.get("next", "")
    return redirect(back if _safe(request, back) else "core:notifications")


@login_required
@require_POST
def notification_mark_all(request):
    notifications.mark_all_read(user=request.user)
    return redirect("core:notifications")
