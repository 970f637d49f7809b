from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.catalogue.domain import (
    access,
    attachments,
    lifecycle,
    quality,
    queries,
    revisions,
    saved_searches,
    translations,
)
from lintas.catalogue.enums import ProfileKind
from lintas.catalogue.filters import ProfileFilter
from lintas.catalogue.forms import AttachmentForm, ProfileForm, QueueFilter, ReturnForm
from lintas.catalogue.models import Attachment, Profile
from lintas.catalogue.search_views import SaveSearchForm
from lintas.catalogue.signals import profile_panels
from lintas.core.domain import audit
from lintas.core.files import serve_protected_file
from lintas.core.pagecache import anonymous_page
from lintas.core.pages import domain_call

PAGE_SIZE = 20


# Which form field each quality hint is about, so a phone shows the hint under that field
# (the full panel sits below the long form there).
HINT_FIELDS = {
    "summary": "summary",
    "english": "summary",
    "benefit": "summary",
    "length": "description",
    "figures": "description",
    "vague": "description",
    "trl": "trl",
    "ipr": "ipr_status",
    "cooperation": "cooperation_modes",
    "countries": "target_countries",
    "sectors": "sectors",
    "keywords": "keywords",
}


def hints_by_field(report) -> dict[str, list]:
    """{field name: its hints} for every field a hint can be about (empty lists clear)."""
    grouped: dict[str, list] = {name: [] for name in dict.fromkeys(HINT_FIELDS.values())}
    for hint in report.hints if report else []:
        if hint.code in HINT_FIELDS:
            grouped[HINT_FIELDS[hint.code]].append(hint)
    return grouped


def _form_rows(form, report) -> list:
    grouped = hints_by_field(report)
    return [(field, grouped.get(field.name)) for field in form.visible_fields()]


def _lists_version(request, *args, **kwargs):
    """The page cache's version of the lists and a profile's page (``core.pagecache``): moved on
    by every change to a public profile. Not for the words box, whose ranking follows the search
    index (updated by a worker after the change)."""
    if request.GET.get("q"):
        return None
    return queries.lists_version()


@anonymous_page(_lists_version)
def profile_list(request, kind):
    """Offers or needs: filters with a count beside each value, the words box (cross-lingual,
    through the matching engine), sort; HTMX swaps the form and the results together so the
    counts follow each change."""
    base = queries.for_list().filter(kind=kind)
    filterset = ProfileFilter(request.GET, queryset=base)  # bound even when empty: counts
    template = "catalogue/_browse.html" if request.htmx else "catalogue/profile_list.html"
    if not filterset.is_valid():
        return render(
            request,
            template,
            {
                "kind": kind,
                "filter": filterset,
                "page": Paginator(base.none(), PAGE_SIZE).get_page(1),
            },
            status=400,
        )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    filterset.show_counts()
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        template,
        {
            "kind": kind,
            "filter": filterset,
            "page": page,
            "params": params.urlencode(),
            # "Save this search": the words and filters as they are now (members only).
            "search_params": [
                (name, request.GET.get(name))
                for name in saved_searches.SEARCH_PARAMS
                if request.GET.get(name)
            ],
            "save_form": SaveSearchForm(),
        },
    )


def _get_visible(request, ref) -> Profile:
    profile = get_object_or_404(
        Profile.objects.select_related("organisation", "created_by"), ref=ref
    )
    if not request.user.has_perm("catalogue.view_profile", profile):
        raise Http404
    return profile


@anonymous_page(_lists_version)
def profile_detail(request, ref):
    profile = _get_visible(request, ref)
    show_confidential = access.can_see_confidential(request.user, profile)
    files = access.visible_attachments(request.user, profile)
    can_edit = request.user.has_perm("catalogue.change_profile", profile)
    # The reader's language by default; ?lang= switches (the original is one click away).
    text = translations.display_text(profile, request.GET.get("lang") or None)
    context = {
        "profile": profile,
        "text": text,
        "other_languages": translations.other_languages(profile, text),
        "can_translate": request.user.has_perm("catalogue.translate_profile", profile),
        "can_star": request.user.has_perm("catalogue.star_profile", profile),
        "starred": saved_searches.is_starred(request.user, profile),
        "show_confidential": show_confidential,
        "can_edit": can_edit,
        "revisions": revisions.notices(user=request.user, profile=profile) if can_edit else {},
        "attachments": files,
        "report": quality.assess_profile(profile) if can_edit else None,
        "detail_extras": [
            panel
            for _receiver, panel in profile_panels.send(
                sender=Profile, request=request, profile=profile
            )
            if panel
        ],
    }
    return render(request, "catalogue/profile_detail.html", context)


@login_required
def profile_create(request, kind):
    if not lifecycle.can_create(request.user, kind):
        raise PermissionDenied
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = domain_call(
            request,
            lifecycle.create_profile,
            form=form,
            user=request.user,
            kind=kind,
            data=form.domain_data(),
            sectors=form.cleaned_data["sectors"],
            declared_language=form.cleaned_data.get("content_language") or None,
        )
        if created:
            profile = created.value
            if "submit" in request.POST:
                lifecycle.submit(user=request.user, profile=profile)
                messages.success(request, _("Your profile is submitted. A broker will review it."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect(profile)
    report = quality.assess(kind=kind)
    return render(
        request,
        "catalogue/profile_form.html",
        {"form": form, "kind": kind, "report": report, "rows": _form_rows(form, report)},
    )


@login_required
def profile_edit(request, ref):
    """Drafts change at once; a published profile's edit becomes a revision for a broker."""
    profile = get_object_or_404(Profile, ref=ref)
    if not request.user.has_perm("catalogue.change_profile", profile):
        raise PermissionDenied
    pending = revisions.pending_of(user=request.user, profile=profile)
    form = ProfileForm(request.POST or None, instance=Profile.objects.get(pk=profile.pk))
    if pending is not None and request.method != "POST":
        form.show_revision(pending)
    if request.method == "POST" and form.is_valid():
        edited = domain_call(
            request,
            revisions.edit_profile,
            form=form,
            user=request.user,
            profile=profile,
            data=form.domain_data(),
            sectors=form.cleaned_data["sectors"],
            version=form.cleaned_data.get("version"),
            declared_language=form.cleaned_data.get("content_language") or None,
        )
        if edited:
            outcome = edited.value
            profile = outcome.profile
            if outcome.awaits_review:
                messages.success(
                    request,
                    _(
                        "Thank you. A broker will review your changes; until then everyone "
                        "sees the published text."
                    ),
                )
            elif not outcome.changed:
                messages.info(request, _("Nothing changed."))
            else:
                if "submit" in request.POST and profile.status == "draft":
                    lifecycle.submit(user=request.user, profile=profile)
                messages.success(request, _("Saved."))
            return redirect(profile)
    report = quality.assess_profile(profile)
    return render(
        request,
        "catalogue/profile_form.html",
        {
            "form": form,
            "kind": profile.kind,
            "profile": profile,
            "report": report,
            "rows": _form_rows(form, report),
            "pending": pending,
        },
    )


def quality_hints(request):
    """Live hints while the author types (HTMX posts the form here)."""
    # Editing a saved profile (the form sends its ref): an English translation counts.
    profile = Profile.objects.filter(ref=request.POST.get("ref") or "").first()
    english = bool(
        profile
        and request.user.has_perm("catalogue.change_profile", profile)
        and profile.translations.filter(language="en").exists()
    )
    report = quality.assess_input(request.POST, english_summary=english)
    return render(
        request,
        "catalogue/_quality.html",
        {"report": report, "field_hints": hints_by_field(report).items()},
    )


@login_required
@require_POST
def profile_action(request, ref, action):
    profile = get_object_or_404(Profile, ref=ref)
    actions = {
        "submit": lambda: lifecycle.submit(user=request.user, profile=profile),
        "publish": lambda: lifecycle.publish(user=request.user, profile=profile),
        "archive": lambda: lifecycle.archive(user=request.user, profile=profile),
        "renew": lambda: lifecycle.renew(user=request.user, profile=profile),
    }
    if action == "return":
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Tell the author what to change."))
            return redirect(profile)
        actions["return"] = lambda: lifecycle.return_to_author(
            user=request.user, profile=profile, note=form.cleaned_data["note"]
        )
    if action not in actions:
        raise Http404
    domain_call(request, actions[action], success=_("Done."))
    if action in ("publish", "return") and request.POST.get("next") == "queue":
        return redirect("catalogue:queue")
    return redirect(profile)


@login_required
def profile_attach(request, ref):
    profile = get_object_or_404(Profile, ref=ref)
    if not request.user.has_perm("catalogue.change_profile", profile):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and domain_call(
            request,
            attachments.add_attachment,
            form=form,
            field="file",
            user=request.user,
            profile=profile,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            confidential=form.cleaned_data["confidential"],
        ):
            if profile.is_published:
                messages.success(
                    request,
                    _("File attached. It stays hidden until a broker accepts your changes."),
                )
            else:
                messages.success(request, _("File attached."))
            return redirect(profile)
        status = 400
    return render(
        request, "catalogue/attach.html", {"form": form, "profile": profile}, status=status
    )


def attachment_download(request, ref, pk):
    """The only way to an attachment's bytes: the same rule as the profile page's file list."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("profile"), pk=pk, profile__ref=ref
    )
    if not request.user.has_perm("catalogue.view_attachment", attachment):
        raise Http404
    return serve_protected_file(request, attachment.file, attachment.title)


@login_required
def profile_history(request, ref):
    profile = get_object_or_404(Profile, ref=ref)
    if not request.user.has_perm("catalogue.change_profile", profile):
        raise PermissionDenied
    return render(
        request, "catalogue/history.html", {"profile": profile, "entries": audit.history(profile)}
    )


@login_required
def validation_queue(request):
    if not request.user.has_perm("catalogue.review_profile"):
        raise PermissionDenied
    form = QueueFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queue = queries.validation_queue(**{k: v for k, v in filters.items() if v})
    counts = queries.validation_counts()
    items = [(p, quality.assess_profile(p)) for p in queue]
    return render(
        request,
        "catalogue/queue.html",
        {
            "items": items,
            "form": form,
            "filtered": bool(filters and any(filters.values())),
            "counts": {
                "offers": counts.get(ProfileKind.OFFER, 0),
                "needs": counts.get(ProfileKind.NEED, 0),
                "total": sum(counts.values()),
            },
            "revisions": revisions.queue().count(),
            "return_form": ReturnForm(),
        },
    )
