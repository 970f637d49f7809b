"""Public pages: programmes, calls, alumni."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from lintas.programmes.domain import applications, eligibility, queries
from lintas.programmes.enums import CallStatus
from lintas.programmes.models import Application, Programme


def programme_list(request):
    programmes = Programme.objects.all()
    calls = queries.public_calls()
    return render(request, "programmes/index.html", {"programmes": programmes, "calls": calls})


def programme_detail(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    calls = queries.public_calls().filter(programme=programme)
    hosts = programme.hosts.select_related("organisation")
    sessions = programme.sessions.all()
    return render(
        request,
        "programmes/programme.html",
        {"programme": programme, "calls": calls, "hosts": hosts, "sessions": sessions},
    )


def call_detail(request, slug):
    call = get_object_or_404(
        _all_calls()
        if request.user.has_perm("programmes.manage_programmes")
        else queries.public_calls(),
        slug=slug,
    )
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(call=call, applicant=request.user).first()
    return render(
        request,
        "programmes/call.html",
        {
            "call": call,
            "is_open": applications.is_open(call),
            "mine": mine,
            "is_officer": request.user.has_perm("programmes.manage_programmes"),
            "is_reviewer": request.user.has_perm("programmes.review_call", call),
            "draft": call.status == CallStatus.DRAFT,
            "rules": eligibility.describe(call.eligibility, today=timezone.localdate()),
        },
    )


def _all_calls():
    from lintas.programmes.models import Call

    return Call.objects.select_related("programme")


def alumni(request):
    return render(request, "programmes/alumni.html", {"placements": queries.alumni()})
