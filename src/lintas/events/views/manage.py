"""Organisers' pages before the event: edit, unpublish, cancel, sessions, registrations and
walk-ins. Every write goes through the domain (lintas.events.domain) via domain_call."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.models import User
from lintas.core.pages import domain_call
from lintas.events.domain import events as event_domain
from lintas.events.domain import queries, registration
from lintas.events.enums import ParticipantStatus
from lintas.events.forms import (
    EventEditForm,
    ReasonForm,
    RegistrationFilterForm,
    SessionEditForm,
    WalkInForm,
)
from lintas.events.models import Meeting, Session
from lintas.events.views.common import get_event


def organiser_event(request, slug):
    event = get_event(request, slug)
    if not request.user.has_perm("events.organise_event", event):
        raise PermissionDenied
    return event


@login_required
def event_edit(request, slug):
    event = organiser_event(request, slug)
    form = EventEditForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        event.refresh_from_db()  # the form wrote into the instance; the domain compares
        done = domain_call(
            request,
            event_domain.update_event,
            form=form,
            success=_("Saved."),
            user=request.user,
            event=event,
            data=data,
        )
        if done:
            return redirect(event)
    return render(
        request,
        "events/event_edit.html",
        {"form": form, "event": event, "cancel_form": ReasonForm()},
    )


@login_required
@require_POST
def event_unpublish(request, slug):
    event = organiser_event(request, slug)
    domain_call(
        request,
        event_domain.unpublish_event,
        success=_("The event is no longer published; its registrants were told."),
        user=request.user,
        event=event,
    )
    return redirect(event)


@login_required
@require_POST
def event_cancel(request, slug):
    event = organiser_event(request, slug)
    form = ReasonForm(request.POST)
    if form.is_valid():
        domain_call(
            request,
            event_domain.cancel_event,
            success=_("The event is cancelled; its registrants were told."),
            user=request.user,
            event=event,
            reason=form.cleaned_data["reason"],
        )
        return redirect(event)
    return render(
        request,
        "events/event_edit.html",
        {"form": EventEditForm(instance=event), "event": event, "cancel_form": form},
        status=400,
    )


@login_required
def session_edit(request, slug, pk):
    event = organiser_event(request, slug)
    session = get_object_or_404(Session, pk=pk, event=event)
    form = SessionEditForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in SessionEditForm.Meta.fields}
        session.refresh_from_db()
        done = domain_call(
            request,
            event_domain.update_session,
            form=form,
            success=_("Session saved."),
            user=request.user,
            session=session,
            data=data,
            reason=form.cleaned_data["reason"],
        )
        if done:
            return redirect(event)
    return render(
        request,
        "events/session_edit.html",
        {
            "form": form,
            "event": event,
            "session": session,
            "remove_form": ReasonForm(),
            "meetings": Meeting.objects.filter(slot__session=session).count(),
        },
    )


@login_required
@require_POST
def session_remove(request, slug, pk):
    event = organiser_event(request, slug)
    session = get_object_or_404(Session, pk=pk, event=event)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "events/session_edit.html",
            {
                "form": SessionEditForm(instance=session),
                "event": event,
                "session": session,
                "remove_form": form,
                "meetings": Meeting.objects.filter(slot__session=session).count(),
            },
            status=400,
        )
    domain_call(
        request,
        event_domain.remove_session,
        success=_("Session removed; the people who lost a meeting were told."),
        user=request.user,
        session=session,
        reason=form.cleaned_data["reason"],
    )
    return redirect(event)


@login_required
def registrations(request, slug):
    """Everyone registered, with organisation and profile titles, search, status filter and
    bulk validate/refuse. Refused people stay listed under their status."""
    event = organiser_event(request, slug)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("validate", "refuse"):
            raise PermissionDenied
        domain_call(
            request,
            registration.decide_participants,
            success=_("Validated.") if action == "validate" else _("Refused."),
            user=request.user,
            event=event,
            ids=[i for i in request.POST.getlist("ids") if i.isdigit()],
            accept=action == "validate",
        )
        back = request.POST.get("back", "")
        url = reverse("events:registrations", kwargs={"slug": slug})
        return redirect(f"{url}?{back}" if back and "//" not in back else url)
    filters = RegistrationFilterForm(request.GET or None)
    q = status = ""
    if filters.is_valid():
        q, status = filters.cleaned_data["q"], filters.cleaned_data["status"]
    people = list(queries.registrations(event, q=q, status=status))
    counts = queries.status_counts(event)
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "people": people,
            "filters": filters,
            "counts": [(label, counts[value]) for value, label in ParticipantStatus.choices],
            "back": request.GET.urlencode(),
        },
    )


def _find_account(text: str):
    text = (text or "").strip()
    if not text:
        return None
    return User.objects.filter(Q(username__iexact=text) | Q(email__iexact=text)).first()


@login_required
def walk_in(request, slug):
    """Register someone at the desk: an existing account or a quick new one; validated and
    checked in at once."""
    event = organiser_event(request, slug)
    form = WalkInForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = _find_account(data["account"])
        if data["account"] and account is None:
            form.add_error("account", _("No account with this user name or e-mail address."))
        elif account is None and not data["email"]:
            form.add_error(None, _("Give an existing account, or a name and e-mail address."))
        else:
            done = domain_call(
                request,
                registration.register_walk_in,
                form=form,
                success=_("Registered and checked in."),
                user=request.user,
                event=event,
                account=account,
                name=data["name"],
                email=data["email"],
                organisation_name=data["organisation"],
                language=data["language"],
            )
            if done:
                return redirect("events:checkin", slug=slug)
    return render(request, "events/walk_in.html", {"form": form, "event": event})
