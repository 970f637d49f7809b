"""Organisers' pages on the day: check-in with search and live counters, anyone's agenda and
all agendas printed at once, the table plan per slot."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.pages import domain_call
from lintas.events.domain import dayof, queries
from lintas.events.domain.agenda import video_link
from lintas.events.models import Participant, Slot
from lintas.events.views.manage import organiser_event


@login_required
def checkin(request, slug):
    event = organiser_event(request, slug)
    if request.method == "POST":
        participant = get_object_or_404(
            Participant, pk=request.POST.get("participant"), event=event
        )
        domain_call(
            request,
            dayof.check_in,
            success=_("Checked in: %(name)s") % {"name": participant}
            if request.POST.get("present") == "1"
            else _("Saved."),
            user=request.user,
            participant=participant,
            present=request.POST.get("present") == "1",
        )
        q = request.POST.get("q", "")
        url = request.path + (f"?q={q}" if q and "//" not in q else "")
        return redirect(url)
    q = request.GET.get("q", "")[:100]
    people = queries.registrations(event, q=q, status="validated")
    context = {"event": event, "people": people, "q": q, "counts": queries.checkin_counts(event)}
    if request.htmx and request.GET.get("part") == "list":
        return render(request, "events/_checkin_list.html", context)
    return render(request, "events/checkin.html", context)


@login_required
def checkin_counts(request, slug):
    """The counters alone, polled by the check-in page (HTMX, every 10 s)."""
    event = organiser_event(request, slug)
    return render(
        request,
        "events/_checkin_counts.html",
        {"event": event, "counts": queries.checkin_counts(event)},
    )


def _rows(participant, meetings):
    return [(m, other, video_link(m)) for m, other in meetings]


@login_required
def participant_agenda(request, slug, pk):
    """Any participant's agenda, as the organisers see it (screen or print)."""
    event = organiser_event(request, slug)
    participant = get_object_or_404(Participant, pk=pk, event=event)
    found = queries.all_agendas(event, [participant.pk])
    agendas = [(participant, _rows(participant, found[0][1] if found else []))]
    template = "events/agendas_print.html" if request.GET.get("print") else "events/agendas.html"
    return render(request, template, {"event": event, "agendas": agendas, "single": True})


@login_required
def agendas_print(request, slug):
    """Every validated participant's agenda in one printable document, one agenda per page."""
    event = organiser_event(request, slug)
    only_with_meetings = request.GET.get("all") != "1"
    agendas = [
        (p, _rows(p, meetings))
        for p, meetings in queries.all_agendas(event)
        if meetings or not only_with_meetings
    ]
    return render(request, "events/agendas_print.html", {"event": event, "agendas": agendas})


@login_required
def plan_slot(request, slug, slot_id):
    """The table plan of one slot: which pair sits at which table (printable, phone-sized)."""
    event = organiser_event(request, slug)
    slot = get_object_or_404(
        Slot.objects.select_related("session"), pk=slot_id, session__event=event
    )
    meetings = list(queries.meetings_of(event).filter(slot=slot))
    slots = list(Slot.objects.filter(session__event=event))
    return render(
        request,
        "events/plan_slot.html",
        {
            "event": event,
            "slot": slot,
            "rows": [(m, video_link(m)) for m in meetings],
            "slots": slots,
        },
    )
