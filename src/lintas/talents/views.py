"""Pages of the talent directory: the list with filters, one talent, and one's own entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.talents import forms
from lintas.talents.domain import access, expertise, imports, profiles, queries, reviewers
from lintas.talents.models import Publication, Talent

PAGE_SIZE = 20
MAX_RANKED = 100


def directory(request):
    form = forms.DirectoryFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "talents/directory.html", {"form": form, "page": None}, status=400)
    kwargs = form.query_kwargs() if form.is_bound else {}
    talents = queries.directory(**kwargs)
    expertise_text = form.expertise_text() if form.is_bound else ""
    if expertise_text:
        hits = expertise.rank(
            user=request.user, text=expertise_text, talents=talents, limit=MAX_RANKED
        )
        page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
        pairs = [(hit.talent, hit) for hit in page.object_list]
    else:
        page = Paginator(talents, PAGE_SIZE).get_page(request.GET.get("page"))
        pairs = [(t, None) for t in page.object_list]
    member = access.is_member(request.user)
    rows = [(t, member or access.is_own(request.user, t), hit) for t, hit in pairs]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "talents/directory.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "params": params.urlencode(),
            "ranked": bool(expertise_text),
            "calls": _calls_for(request.user),
            "mine": Talent.objects.filter(user=request.user).first()
            if request.user.is_authenticated
            else None,
        },
    )


def _calls_for(user):
    """Calls an officer may staff with reviewers from the directory (not closed ones)."""
    from lintas.programmes.enums import CallStatus
    from lintas.programmes.models import Call

    if not user.has_perm("talents.add_reviewer"):
        return []
    return list(Call.objects.exclude(status=CallStatus.CLOSED).only("slug", "title"))


def detail(request, slug):
    talent = get_object_or_404(
        queries.listed_or_all().select_related("organisation", "user"), slug=slug
    )
    if not request.user.has_perm("talents.view_talent", talent):
        raise Http404
    view = access.view_for(request.user, talent)
    return render(
        request,
        "talents/detail.html",
        {
            "talent": talent,
            "view": view,
            "publications": list(talent.publications.all()),
            "can_edit": request.user.has_perm("talents.change_talent", talent),
        },
    )


@login_required
def mine(request):
    """Create (opt in) or edit one's own entry."""
    talent = Talent.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = forms.TalentForm(request.POST, instance=talent)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "sectors"}
            try:
                if talent is None:
                    talent = profiles.create_talent(
                        user=request.user, data=data, sectors=form.cleaned_data["sectors"]
                    )
                    messages.success(request, _("Your talent profile is in the directory."))
                else:
                    profiles.update_talent(
                        user=request.user,
                        talent=talent,
                        data=data,
                        sectors=form.cleaned_data["sectors"],
                    )
                    messages.success(request, _("Saved."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(talent)
    elif talent is None:
        form = forms.TalentForm(initial=profiles.prefill_for(request.user))
    else:
        form = forms.TalentForm(instance=talent)
    return render(
        request,
        "talents/edit.html",
        {
            "form": form,
            "talent": talent,
            "publication_form": forms.PublicationForm(),
            "import_form": forms.ImportForm(),
            "publications": list(talent.publications.all()) if talent else [],
        },
    )


@login_required
@require_POST
def add_publication(request):
    talent = get_object_or_404(Talent, user=request.user)
    form = forms.PublicationForm(request.POST)
    if form.is_valid():
        try:
            profiles.add_publication(user=request.user, talent=talent, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Publication added."))
    else:
        errors = [f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()]
        messages.error(request, " ".join(errors))
    return redirect("talents:mine")


@login_required
@require_POST
def delete_publication(request, pk):
    publication = get_object_or_404(Publication.objects.select_related("talent"), pk=pk)
    if publication.talent.user_id != request.user.pk:
        raise PermissionDenied
    profiles.delete_publication(user=request.user, publication=publication)
    messages.success(request, _("Publication removed."))
    return redirect("talents:mine")


@login_required
@require_POST
def import_publications(request):
    """Upload a BibTeX, RIS or ORCID export; all or nothing, duplicates merged."""
    talent = get_object_or_404(Talent, user=request.user)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return redirect("talents:mine")
    try:
        result = imports.import_publications(
            user=request.user, talent=talent, data=form.cleaned_data["file"].read()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(read)s publications read: %(added)s added, %(merged)s already in your list.")
            % {"read": result.read, "added": result.added, "merged": result.merged},
        )
    return redirect("talents:mine")


def call_experts(request, slug):
    """Potential reviewers of a call from the directory, for programme officers."""
    from lintas.programmes.models import Call

    call = get_object_or_404(Call, slug=slug)
    if not request.user.has_perm("talents.add_reviewer", call):
        raise PermissionDenied
    if request.method == "POST":
        talent = get_object_or_404(Talent, slug=request.POST.get("talent", ""))
        try:
            reviewers.add_to_pool(user=request.user, talent=talent, call=call)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is in the reviewer pool now.") % {"name": talent.name}
            )
        return redirect("talents:call_experts", slug=call.slug)
    return render(
        request,
        "talents/call_experts.html",
        {"call": call, "suggestions": reviewers.suggest(user=request.user, call=call)},
    )
