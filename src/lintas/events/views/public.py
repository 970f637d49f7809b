from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lintas.core.pages import domain_call
from lintas.core.signals import event_panels
from lintas.events.domain import events as event_domain
from lintas.events.domain import follow_up, registration
from lintas.events.forms import EventForm, RegistrationForm, SessionForm
from lintas.events.models import Event, Participant, Session
from lintas.events.views.common import get_event, me


def event_list(request):
    can_organise = request.user.has_perm("events.organise_event")
    events = Event.objects.all() if can_organise else Event.objects.filter(published=True)
    return render(
        request,
        "events/event_list.html",
        {"events": events.order_by("-starts_on"), "can_organise": can_organise},
    )


def event_detail(request, slug):
    event = get_event(request, slug)
    sessions = Session.objects.filter(event=event).prefetch_related("slots")
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "sessions": sessions,
            "me": me(request, event),
            "can_organise": request.user.has_perm("events.organise_event", event),
            "surveys": follow_up.surveys_for(request.user).filter(meeting__request__event=event),
            "participant_count": Participant.objects.filter(
                event=event, status="validated"
            ).count(),
            # What apps above events add (the forum's programme, docs/architecture.md).
            "panels": [
                answer
                for _receiver, answer in event_panels.send(
                    sender=Event, request=request, event=event
                )
                if answer
            ],
        },
    )


@login_required
def event_create(request):
    if not request.user.has_perm("events.organise_event"):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = domain_call(
            request,
            event_domain.create_event,
            form=form,
            success=_("Event created. Now add its sessions."),
            user=request.user,
            data=form.cleaned_data,
        )
        if created:
            return redirect(created.value)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def session_add(request, slug):
    event = get_event(request, slug)
    if not request.user.has_perm("events.organise_event", event):
        raise PermissionDenied
    form = SessionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and domain_call(
            request,
            event_domain.add_session,
            form=form,
            success=_("Session added."),
            user=request.user,
            event=event,
            data=form.cleaned_data,
        )
    ):
        return redirect(event)
    return render(request, "events/session_form.html", {"form": form, "event": event})


@login_required
def register(request, slug):
    event = get_event(request, slug)
    existing = me(request, event)
    slots = list(registration.event_slots(event))
    form = RegistrationForm(request.POST or None, user=request.user, slots=slots)
    if existing is not None and request.method != "POST":
        form = RegistrationForm(
            initial={
                "profiles": list(existing.profiles.all()),
                "slots": [str(pk) for pk in existing.available_slots.values_list("pk", flat=True)],
                "note": existing.note,
            },
            user=request.user,
            slots=slots,
        )
    if request.method == "POST" and form.is_valid():
        if existing is None:
            done = domain_call(
                request,
                registration.register,
                form=form,
                success=_("You are registered. An organiser will validate it."),
                user=request.user,
                event=event,
                profiles=form.cleaned_data["profiles"],
                slot_ids=form.cleaned_data["slots"],
                note=form.cleaned_data["note"],
            )
        else:
            done = domain_call(
                request,
                registration.update_registration,
                form=form,
                success=_("Saved."),
                user=request.user,
                participant=existing,
                profiles=form.cleaned_data["profiles"],
                slot_ids=form.cleaned_data["slots"],
            )
        if done:
            return redirect(event)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/register.html",
        {"form": form, "event": event, "existing": existing},
        status=status,
    )
