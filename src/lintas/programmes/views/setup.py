"""Officers set up a round without the admin: programmes, calls with the eligibility rule
builder and its preview, reviewer pools (search, invite, conflicts), host laboratories,
training sessions and trainees."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call, error_text
from lintas.programmes.domain import calls, pool
from lintas.programmes.forms import parse_publications
from lintas.programmes.forms_officer import (
    NOT_IN_BUILDER,
    AcceptInvitationForm,
    CallForm,
    HostForm,
    InviteForm,
    OfficerConflictForm,
    ProgrammeForm,
    ReviewerAddForm,
    SessionForm,
    TraineeForm,
    rule_formset,
)
from lintas.programmes.models import (
    Call,
    Conflict,
    Host,
    Participant,
    Programme,
    Reviewer,
    TrainingSession,
)
from lintas.programmes.views.officer import officer_required


@officer_required
def programme_edit(request, slug=None):
    programme = get_object_or_404(Programme, slug=slug) if slug else None
    initial = (
        {k: getattr(programme, k) for k in ("name", "kind", "description", "issuer")}
        if programme
        else None
    )
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = domain_call(
            request,
            calls.save_programme,
            form=form,
            success=_("Programme saved."),
            user=request.user,
            data=form.cleaned_data,
            programme=programme,
        )
        if saved:
            return redirect(saved.value.get_absolute_url())
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@officer_required
def call_edit(request, slug=None, programme_slug=None):
    """Create or edit a call. "Preview" shows who among the current applicants would pass
    the rules as typed, without saving; "Save" saves."""
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug) if slug else None
    programme = call.programme if call else get_object_or_404(Programme, slug=programme_slug)
    form = CallForm(request.POST or None, instance=call)
    rules_form = rule_formset(request.POST or None, rules=call.eligibility if call else {})
    preview_rows = None
    status = 200
    if request.method == "POST":
        valid = form.is_valid() & rules_form.is_valid()
        if valid and "preview" in request.POST:
            if call is None:
                messages.info(request, _("Save the call first: it has no applicants yet."))
            else:
                try:
                    preview_rows = calls.preview(
                        user=request.user, call=call, rules_data=rules_form.as_rules()
                    )
                except ValidationError as error:
                    rules_form._non_form_errors = rules_form.error_class(error.messages)
                    status = 400
        elif valid:
            kept = {
                k: v for k, v in (call.eligibility if call else {}).items() if k in NOT_IN_BUILDER
            }
            data = form.domain_data() | {"eligibility": kept | rules_form.as_rules()}
            try:
                saved = calls.save_call(
                    user=request.user, programme=programme, data=data, call=call
                )
            except ValidationError as error:
                problems = error.message_dict if hasattr(error, "error_dict") else {}
                for message in problems.pop("eligibility", []):
                    rules_form._non_form_errors = rules_form.error_class(
                        [*rules_form.non_form_errors(), message]
                    )
                for field, errors in problems.items():
                    form.add_error(field if field in form.fields else None, errors)
                if not hasattr(error, "error_dict"):
                    form.add_error(None, error_text(error))
                status = 400
            else:
                messages.success(request, _("Call saved."))
                return redirect("programmes:manage", slug=saved.slug)
        else:
            status = 400
    current = (
        [
            {"application": a, "results": calls.evaluation(a)}
            for a in call.applications.select_related("call").order_by("full_name")
        ]
        if call
        else []
    )
    return render(
        request,
        "programmes/call_form.html",
        {
            "form": form,
            "rules_form": rules_form,
            "call": call,
            "programme": programme,
            "preview": preview_rows,
            "current": current,
        },
        status=status,
    )


def _call(slug) -> Call:
    return get_object_or_404(Call.objects.select_related("programme"), slug=slug)


@officer_required
def reviewer_pool(request, slug):
    """The call's pool: search accounts and add them, invite someone by e-mail, record
    conflicts they declare."""
    call = _call(slug)
    query = request.GET.get("q", "").strip()
    found = pool.search_users(user=request.user, query=query, call=call) if query else []
    return render(
        request,
        "programmes/pool.html",
        {
            "call": call,
            "query": query,
            "found": found,
            "add_form": ReviewerAddForm(),
            "invite_form": InviteForm(prefix="invite"),
            "conflict_form": OfficerConflictForm(call=call, prefix="conflict"),
            "pool": call.pool.select_related("user__organisation").order_by("user__last_name"),
            "invitations": call.invitations.filter(accepted_at=None),
            "conflicts": Conflict.objects.filter(application__call=call).select_related(
                "application", "reviewer", "recorded_by"
            ),
        },
    )


@officer_required
@require_POST
def reviewer_add(request, slug):
    call = _call(slug)
    form = ReviewerAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a load between 1 and 50 applications."))
        return redirect("programmes:pool", slug=slug)
    from django.contrib.auth import get_user_model

    person = get_object_or_404(get_user_model(), pk=form.cleaned_data["user"])
    domain_call(
        request,
        pool.add_reviewer,
        success=_("%s is in the reviewer pool.") % (person.get_full_name() or person.username),
        user=request.user,
        call=call,
        reviewer=person,
        max_load=form.cleaned_data["max_load"],
        publications=parse_publications(form.cleaned_data["publications_text"]),
    )
    return redirect("programmes:pool", slug=slug)


@officer_required
@require_POST
def reviewer_remove(request, slug, pk):
    row = get_object_or_404(Reviewer.objects.select_related("call", "user"), pk=pk, call__slug=slug)
    domain_call(
        request,
        pool.remove_reviewer,
        success=_("Removed from the reviewer pool."),
        user=request.user,
        reviewer=row,
    )
    return redirect("programmes:pool", slug=slug)


@officer_required
@require_POST
def reviewer_invite(request, slug):
    call = _call(slug)
    form = InviteForm(request.POST, prefix="invite")
    if form.is_valid():
        domain_call(
            request,
            pool.invite_reviewer,
            success=_("Invitation sent to %s.") % form.cleaned_data["email"],
            user=request.user,
            call=call,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Give the reviewer's name and e-mail."))
    return redirect("programmes:pool", slug=slug)


@officer_required
@require_POST
def conflict_record(request, slug):
    call = _call(slug)
    form = OfficerConflictForm(request.POST, call=call, prefix="conflict")
    if form.is_valid():
        row = get_object_or_404(
            call.pool.select_related("user"), user_id=form.cleaned_data["reviewer"]
        )
        domain_call(
            request,
            pool.record_conflict,
            success=_("Conflict recorded."),
            user=request.user,
            application=form.cleaned_data["application"],
            reviewer=row.user,
            reason=form.cleaned_data["reason"],
        )
    else:
        messages.error(request, _("Choose the application and the reviewer, and give a reason."))
    return redirect("programmes:pool", slug=slug)


def invitation(request, token):
    """The invited reviewer's page: create the account and join the pool."""
    try:
        invited = pool.invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "programmes/invitation.html", {"problem": error_text(error)}, status=400
        )
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = domain_call(
            request,
            pool.accept_invitation,
            form=form,
            success=_("Welcome: your account is ready. Sign in to review."),
            token=token,
            **form.cleaned_data,
        )
        if done:
            return redirect(settings.LOGIN_URL)
    return render(
        request,
        "programmes/invitation.html",
        {"invitation": invited, "form": form},
        status=400 if form.errors else 200,
    )


@officer_required
def hosts(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    return _host_form(request, programme, None)


@officer_required
def host_edit(request, pk):
    host = get_object_or_404(Host.objects.select_related("programme"), pk=pk)
    return _host_form(request, host.programme, host)


def _host_form(request, programme, host):
    form = HostForm(request.POST or None, instance=host)
    if request.method == "POST" and form.is_valid():
        saved = domain_call(
            request,
            pool.save_host,
            form=form,
            success=_("Host laboratory saved."),
            user=request.user,
            programme=programme,
            data=form.domain_data(),
            host=host,
        )
        if saved:
            return redirect("programmes:hosts", slug=programme.slug)
    return render(
        request,
        "programmes/hosts.html",
        {
            "programme": programme,
            "host": host,
            "form": form,
            "hosts": programme.hosts.select_related("organisation"),
        },
        status=400 if form.errors else 200,
    )


@officer_required
@require_POST
def host_delete(request, pk):
    host = get_object_or_404(Host.objects.select_related("programme"), pk=pk)
    domain_call(request, pool.delete_host, success=_("Removed."), user=request.user, host=host)
    return redirect("programmes:hosts", slug=host.programme.slug)


def _item_and_programme(model, pk, slug):
    """The session or trainee being edited (None when adding) and its programme."""
    item = get_object_or_404(model.objects.select_related("programme"), pk=pk) if pk else None
    return item, item.programme if item else get_object_or_404(Programme, slug=slug)


def _training_item_page(request, *, programme, key, item, form, save, delete, success, template):
    """Add or edit one item of a programme's training (a session or a trainee): "delete"
    removes an existing one, a valid form saves it through the domain (``save``/``delete``
    take it as ``key``); both go back to the training page. The form answers 400 with errors."""
    back = redirect("programmes:training", slug=programme.slug)
    if request.method == "POST" and "delete" in request.POST and item:
        domain_call(request, delete, success=_("Removed."), user=request.user, **{key: item})
        return back
    if request.method == "POST" and form.is_valid():
        saved = domain_call(request, save, form=form, success=success, user=request.user,
                            programme=programme, data=form.cleaned_data, **{key: item})  # fmt: skip
        if saved:
            return back
    return render(
        request,
        template,
        {"form": form, "programme": programme, key: item},
        status=400 if form.errors else 200,
    )


@officer_required
def session_edit(request, slug=None, pk=None):
    session, programme = _item_and_programme(TrainingSession, pk, slug)
    initial = (
        {"title": session.title, "date": session.date, "location": session.location}
        if session
        else None
    )
    return _training_item_page(
        request,
        programme=programme,
        key="session",
        item=session,
        form=SessionForm(request.POST or None, initial=initial),
        save=pool.save_session,
        delete=pool.delete_session,
        success=_("Session saved."),
        template="programmes/session_form.html",
    )


@officer_required
def trainee_edit(request, slug=None, pk=None):
    trainee, programme = _item_and_programme(Participant, pk, slug)
    initial = (
        {"name": trainee.name, "email": trainee.email, "country": trainee.country.code}
        if trainee
        else None
    )
    return _training_item_page(
        request,
        programme=programme,
        key="trainee",
        item=trainee,
        form=TraineeForm(request.POST or None, initial=initial),
        save=pool.save_trainee,
        delete=pool.delete_trainee,
        success=_("Trainee saved."),
        template="programmes/trainee_form.html",
    )
