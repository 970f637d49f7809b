from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.events.domain import agenda as agenda_domain
from lintas.events.domain import dayof, follow_up, queries
from lintas.events.domain import requests as request_domain
from lintas.events.forms import FollowUpForm, RatingForm, RequestForm
from lintas.events.models import Meeting, MeetingRequest, Participant
from lintas.events.views.common import get_event, me


@login_required
def participant_list(request, slug):
    event = get_event(request, slug)
    mine, ranked = queries.directory(user=request.user, event=event)
    asked = set()
    if mine is not None:
        for s, r in MeetingRequest.objects.filter(event=event).values_list(
            "sender_id", "receiver_id"
        ):
            if mine.pk in (s, r):
                asked.add(r if s == mine.pk else s)
    can_organise = request.user.has_perm("events.organise_event", event)
    pending = (
        list(queries.participants(event, validated_only=False).filter(status="pending"))
        if can_organise
        else []
    )
    return render(
        request,
        "events/participant_list.html",
        {
            "event": event,
            "me": mine,
            "ranked": ranked,
            "asked": asked,
            "pending": pending,
            "can_organise": can_organise,
        },
    )


@login_required
@require_POST
def request_create(request, slug):
    event = get_event(request, slug)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a participant to meet."))
        return redirect("events:participants", slug=slug)
    receiver = Participant.objects.filter(pk=form.cleaned_data["receiver"], event=event).first()
    domain_call(
        request,
        request_domain.send_request,
        success=_("Your meeting request was sent."),
        user=request.user,
        event=event,
        receiver=receiver,
        message=form.cleaned_data["message"],
        preferred_slot=form.cleaned_data.get("preferred_slot"),
    )
    return redirect("events:requests", slug=slug)


@login_required
def request_list(request, slug):
    event = get_event(request, slug)
    mine = me(request, event)
    if mine is None:
        raise PermissionDenied
    related = (
        "sender__user",
        "sender__organisation",
        "receiver__user",
        "receiver__organisation",
    )
    received = list(MeetingRequest.objects.filter(receiver=mine).select_related(*related))
    for r in received:
        r.expires_at = request_domain.expires_at(r)  # "answer before" on the page
    return render(
        request,
        "events/request_list.html",
        {
            "event": event,
            "me": mine,
            "sent": MeetingRequest.objects.filter(sender=mine).select_related(*related),
            "received": received,
        },
    )


@login_required
@require_POST
def request_action(request, slug, pk, action):
    event = get_event(request, slug)
    meeting_request = get_object_or_404(MeetingRequest, pk=pk, event=event)
    actions = {
        "accept": (request_domain.decide_request, {"accept": True}, _("Accepted.")),
        "decline": (request_domain.decide_request, {"accept": False}, _("Declined.")),
        "cancel": (request_domain.cancel_request, {}, _("Cancelled.")),
    }
    if action not in actions:
        raise Http404
    func, extra, done = actions[action]
    domain_call(request, func, success=done, user=request.user, request=meeting_request, **extra)
    if (
        request.user.has_perm("events.organise_event", event)
        and request.POST.get("next") == "schedule"
    ):
        return redirect("events:schedule", slug=slug)
    return redirect("events:requests", slug=slug)


def _agenda_context(request, slug):
    event = get_event(request, slug)
    mine = me(request, event)
    if mine is None:
        raise PermissionDenied
    rows = [
        (m, agenda_domain.other_side(m, mine), agenda_domain.video_link(m))
        for m in queries.agenda(mine)
    ]
    rated = set(mine.ratings.values_list("meeting_id", flat=True))
    return {
        "event": event,
        "me": mine,
        "rows": rows,
        "sessions": agenda_domain.forum_sessions(mine),
        "rated": rated,
        "rating_form": RatingForm(),
        "now": timezone.now(),
    }


@login_required
def agenda(request, slug):
    return render(request, "events/agenda.html", _agenda_context(request, slug))


@login_required
def agenda_print(request, slug):
    return render(request, "events/agenda_print.html", _agenda_context(request, slug))


@login_required
def agenda_ics(request, slug):
    event = get_event(request, slug)
    mine = me(request, event)
    if mine is None:
        raise PermissionDenied
    response = HttpResponse(agenda_domain.ics(mine), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-agenda.ics"'
    return response


@login_required
@require_POST
def meeting_rate(request, slug, pk):
    event = get_event(request, slug)
    meeting = get_object_or_404(Meeting.objects.select_related("slot"), pk=pk, request__event=event)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a rating from 1 to 5."))
        return redirect("events:agenda", slug=slug)
    result = domain_call(
        request,
        dayof.rate_meeting,
        success=_("Thank you for your rating."),
        user=request.user,
        meeting=meeting,
        score=form.cleaned_data["score"],
        wants_to_continue=form.cleaned_data["wants_to_continue"],
    )
    if result and result.value[1] is not None:
        messages.success(request, _("Both sides want to continue: a deal was opened."))
    return redirect("events:agenda", slug=slug)


@login_required
def follow_up_answer(request, slug, pk):
    """The follow-up survey of one meeting, for the participant it was sent to."""
    event = get_event(request, slug)
    survey = get_object_or_404(
        follow_up.surveys_for(request.user), pk=pk, meeting__request__event=event
    )
    initial = {"outcome": survey.outcome, "comment": survey.comment} if survey.outcome else None
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = domain_call(
            request,
            follow_up.answer,
            form=form,
            success=_("Thank you: your answer was recorded."),
            user=request.user,
            survey=survey,
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
        )
        if done:
            return redirect(event)
    other = agenda_domain.other_side(survey.meeting, survey.participant)
    return render(
        request,
        "events/follow_up.html",
        {"event": event, "survey": survey, "other": other, "form": form},
    )
