"""The broker's inbox page: what is waiting, counted and listed, each item one click from its
action (the lists come from :mod:`lintas.brokerage.domain.inbox`)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from lintas.brokerage.domain import inbox
from lintas.brokerage.forms import InboxFilter


@login_required
def inbox_page(request):
    if not request.user.has_perm("brokerage.view_inbox"):
        raise PermissionDenied
    form = InboxFilter(request.GET or None)
    sections = inbox.build(user=request.user, **form.filters())
    return render(
        request,
        "brokerage/inbox.html",
        {
            "form": form,
            "sections": sections,
            "total": sum(s.count for s in sections),
            "now": inbox.timezone.now(),
            "list_size": inbox.LIST_SIZE,
        },
    )
