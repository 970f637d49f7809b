"""Pages of the forum calls for abstracts: the calls, one call (submit; organisers: the pool,
the assignment, decisions, the programme), one abstract (its reviewer scores it)."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.talents import abstract_forms as forms
from lintas.talents.domain import abstracts
from lintas.talents.models import Abstract, AbstractCall, AbstractReview, AbstractReviewer


def call_list(request):
    calls = AbstractCall.objects.select_related("event").order_by("-deadline", "-id")
    return render(
        request,
        "talents/abstract_calls.html",
        {
            "calls": calls,
            "now": timezone.now(),
            "can_open": request.user.has_perm("talents.manage_abstract_calls"),
        },
    )


@login_required
def call_create(request):
    if not request.user.has_perm("talents.manage_abstract_calls"):
        raise PermissionDenied
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        event = data.pop("event")
        opened = domain_call(
            request, abstracts.open_call, form=form, success=_("Call opened."),
            user=request.user, event=event, data=data,
        )  # fmt: skip
        if opened:
            return redirect(opened.value)
    status = 400 if request.method == "POST" else 200
    return render(request, "talents/abstract_call_form.html", {"form": form}, status=status)


def call_detail(request, pk):
    call = get_object_or_404(AbstractCall.objects.select_related("event"), pk=pk)
    user = request.user
    organiser = user.has_perm("talents.manage_abstract_calls")
    form = forms.AbstractForm(request.POST or None, call=call)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(call.get_absolute_url())
        if form.is_valid():
            done = domain_call(
                request, abstracts.submit_abstract, form=form,
                success=_("Abstract submitted. You will be told the decision by e-mail."),
                user=user, call=call, **form.cleaned_data,
            )  # fmt: skip
            if done:
                return redirect(call)
    mine = call.abstracts.filter(author=user) if user.is_authenticated else []
    reviews = (
        AbstractReview.objects.filter(abstract__call=call, reviewer__user=user).select_related(
            "abstract"
        )
        if user.is_authenticated
        else []
    )
    return render(
        request,
        "talents/abstract_call.html",
        {
            "call": call,
            "open": timezone.now() <= call.deadline,
            "form": form,
            "mine": mine,
            "my_reviews": reviews,
            "organiser": organiser,
            "ranking": abstracts.ranking(call) if organiser else [],
            "pool": call.pool.select_related("talent") if organiser else [],
            "reviewer_form": forms.ReviewerForm(),
            "programme": abstracts.programme(call) if call.published_at or organiser else [],
            "session_forms": _session_forms(call) if organiser else [],
        },
        status=400 if request.method == "POST" else 200,
    )


def _session_forms(call):
    """One time-and-room form per topic, filled in with what is set."""
    when = {s.topic: s for s in call.sessions.all()}
    out = []
    for i, topic in enumerate(call.topic_list):
        slot = when.get(topic)
        initial = {"topic": topic}
        if slot:
            initial |= {"starts_at": timezone.localtime(slot.starts_at).strftime("%Y-%m-%dT%H:%M"),
                        "ends_at": timezone.localtime(slot.ends_at).strftime("%Y-%m-%dT%H:%M"),
                        "room": slot.room}  # fmt: skip
        out.append(
            {
                "topic": topic,
                "form": forms.SessionTimeForm(initial=initial, auto_id=f"session-{i}-%s"),
            }
        )
    return out


def programme_ics(request, pk):
    """The forum programme's sessions as a calendar file (public once published)."""
    call = get_object_or_404(AbstractCall.objects.select_related("event"), pk=pk)
    if call.published_at is None and not request.user.has_perm("talents.manage_abstract_calls"):
        raise Http404
    response = HttpResponse(
        abstracts.programme_ics(call), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{call.event.slug}-programme.ics"'
    return response


@login_required
@require_POST
def call_action(request, pk, action):
    call = get_object_or_404(AbstractCall, pk=pk)
    user = request.user
    if action == "assign":
        domain_call(request, abstracts.assign_reviewers, success=_("Reviewers assigned."),
                    user=user, call=call)  # fmt: skip
    elif action == "publish":
        domain_call(request, abstracts.publish_programme,
                    success=_("The programme is on the event page."), user=user, call=call)  # fmt: skip
    elif action == "schedule":
        form = forms.SessionTimeForm(request.POST)
        if form.is_valid():
            domain_call(request, abstracts.schedule_session, success=_("Session time saved."),
                        user=user, call=call, **form.cleaned_data)  # fmt: skip
        else:
            from django.contrib import messages

            messages.error(request, " ".join(e for es in form.errors.values() for e in es))
    elif action == "add-reviewer":
        form = forms.ReviewerForm(request.POST)
        if form.is_valid():
            domain_call(request, abstracts.add_reviewer, success=_("Added to the reviewer pool."),
                        user=user, call=call, talent=form.cleaned_data["talent"],
                        max_load=form.cleaned_data["max_load"])  # fmt: skip
        else:
            from django.contrib import messages

            messages.error(request, " ".join(e for es in form.errors.values() for e in es))
    elif action == "remove-reviewer":
        seat = get_object_or_404(AbstractReviewer, call=call, pk=request.POST.get("seat") or 0)
        domain_call(request, abstracts.remove_reviewer, success=_("Removed from the pool."),
                    user=user, seat=seat)  # fmt: skip
    else:
        raise Http404
    return redirect(call)


@login_required
def abstract_detail(request, pk):
    item = get_object_or_404(Abstract.objects.select_related("call__event", "author"), pk=pk)
    if not request.user.has_perm("talents.view_abstract", item):
        raise PermissionDenied
    review = AbstractReview.objects.filter(abstract=item, reviewer__user=request.user).first()
    initial = {f"score_{k}": v for k, v in (review.scores if review else {}).items()}
    if review:
        initial["comment"] = review.comment
    return render(
        request,
        "talents/abstract.html",
        {
            "item": item,
            "review": review,
            "review_form": forms.ReviewForm(initial=initial, criteria=item.call.criteria_list),
            "conflict_form": forms.ConflictForm(),
            "organiser": request.user.has_perm("talents.manage_abstract_calls"),
            "reviews": item.reviews.select_related("reviewer")
            if request.user.has_perm("talents.manage_abstract_calls")
            else [],
        },
    )


@login_required
@require_POST
def abstract_action(request, pk, action):
    item = get_object_or_404(Abstract.objects.select_related("call"), pk=pk)
    user = request.user
    if action == "review":
        review = get_object_or_404(AbstractReview, abstract=item, reviewer__user=user)
        form = forms.ReviewForm(request.POST, criteria=item.call.criteria_list)
        form.is_valid()
        domain_call(request, abstracts.submit_review, success=_("Review saved."), user=user,
                    review=review, scores=form.scores(),
                    comment=form.cleaned_data.get("comment", ""))  # fmt: skip
    elif action == "conflict":
        form = forms.ConflictForm(request.POST)
        form.is_valid()
        domain_call(request, abstracts.declare_conflict,
                    success=_("Conflict recorded; the abstract goes to another reviewer."),
                    user=user, abstract=item, reason=form.cleaned_data.get("reason", ""))  # fmt: skip
        return redirect(item.call)
    elif action in ("accept", "reject"):
        domain_call(request, abstracts.decide, success=_("Decision saved; the author is told."),
                    user=user, abstract=item, accept=action == "accept")  # fmt: skip
        return redirect(item.call)
    else:
        raise Http404
    return redirect(item)
