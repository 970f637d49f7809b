from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.events import tasks
from lintas.events.domain import dayof, follow_up, outcome, queries, registration, scheduling
from lintas.events.domain import requests as request_domain
from lintas.events.enums import RequestStatus
from lintas.events.forms import OrganiserRequestForm
from lintas.events.models import Meeting, MeetingRequest, Participant
from lintas.events.views.common import get_event


def _organiser_event(request, slug):
    event = get_event(request, slug)
    if not request.user.has_perm("events.organise_event", event):
        raise PermissionDenied
    return event


@login_required
@require_POST
def participant_decide(request, slug, pk, action):
    event = _organiser_event(request, slug)
    participant = get_object_or_404(Participant, pk=pk, event=event)
    domain_call(
        request,
        registration.decide_participant,
        success=_("Validated.") if action == "validate" else _("Rejected."),
        user=request.user,
        participant=participant,
        accept=action == "validate",
    )
    return redirect("events:participants", slug=slug)


def _pick(request, event, form, side: str):
    """The participant chosen for ``side`` ("sender"/"receiver"): the ticked one, or the only
    match of the typed name/organisation. Returns (participant or None, candidates)."""
    chosen = request.POST.get(side, "")
    if chosen.isdigit():
        found = queries.participants(event).filter(pk=chosen).first()
        if found is not None:
            return found, []
    matches = queries.search_participants(event, form.cleaned_data.get(f"{side}_q", ""))
    if len(matches) == 1:
        return matches[0], []
    if not matches:
        form.add_error(
            f"{side}_q", _("No validated participant matches this name or organisation.")
        )
    return None, matches


@login_required
def schedule(request, slug):
    event = _organiser_event(request, slug)
    form = OrganiserRequestForm(request.POST or None)
    candidates = {}
    if request.method == "POST" and form.is_valid():
        sender, candidates["sender"] = _pick(request, event, form, "sender")
        receiver, candidates["receiver"] = _pick(request, event, form, "receiver")
        if sender is not None and receiver is not None:
            done = domain_call(
                request,
                request_domain.organiser_add_request,
                form=form,
                success=_("Meeting request added: %(a)s and %(b)s.") % {"a": sender, "b": receiver},
                user=request.user,
                event=event,
                sender=sender,
                receiver=receiver,
                priority=form.cleaned_data["priority"],
            )
            if done:
                return redirect("events:schedule", slug=slug)
    last_run, unscheduled = scheduling.unscheduled_requests(event)
    accepted = (
        MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
        .select_related(
            "sender__user",
            "sender__organisation",
            "receiver__user",
            "receiver__organisation",
            "meeting__slot",
        )
        .order_by("pk")
    )
    return render(
        request,
        "events/schedule.html",
        {
            "event": event,
            "form": form,
            "last_run": last_run,
            "unscheduled": unscheduled,
            "accepted": accepted,
            "candidates": candidates,
        },
        status=400 if form.errors or any(candidates.values()) else 200,
    )


@login_required
@require_POST
def schedule_run(request, slug):
    event = _organiser_event(request, slug)
    domain_call(
        request,
        tasks.run_scheduler.delay,
        success=_("The scheduler has run (or is running for a big event)."),
        event_id=event.pk,
        user_id=request.user.pk,
    )
    return redirect("events:schedule", slug=slug)


@login_required
@require_POST
def meeting_action(request, slug, pk, action):
    event = _organiser_event(request, slug)
    meeting = get_object_or_404(Meeting, pk=pk, request__event=event)
    if action in ("fix", "unfix"):
        domain_call(
            request,
            scheduling.set_fixed,
            success=_("Saved."),
            user=request.user,
            meeting=meeting,
            fixed=action == "fix",
        )
    elif action in ("no-show", "held"):
        domain_call(
            request,
            dayof.mark_no_show,
            success=_("Saved."),
            user=request.user,
            meeting=meeting,
            no_show=action == "no-show",
        )
    else:
        raise PermissionDenied
    if request.POST.get("slot", "").isdigit():
        return redirect("events:plan_slot", slug=slug, slot_id=int(request.POST["slot"]))
    target = "events:schedule" if request.POST.get("next") == "schedule" else "events:plan"
    return redirect(target, slug=slug)


@login_required
def plan(request, slug):
    event = _organiser_event(request, slug)
    tables, rows = queries.table_plan(event)
    return render(request, "events/plan.html", {"event": event, "tables": tables, "rows": rows})


@login_required
def outcome_report(request, slug):
    event = _organiser_event(request, slug)
    return render(
        request,
        "events/outcome.html",
        {
            "event": event,
            "report": outcome.report(event),
            "survey": follow_up.results(event),
            "survey_due": follow_up.due_on(event),
        },
    )
