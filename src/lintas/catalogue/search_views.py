"""Saved searches, their unsubscribe links, and starred profiles (pages)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lintas.catalogue.domain import saved_searches
from lintas.catalogue.enums import ProfileKind
from lintas.catalogue.models import AlertFrequency, Profile, SavedSearch
from lintas.core.pages import domain_call

PAGE_SIZE = 20


class SaveSearchForm(forms.Form):
    """Name and alert frequency; the words and filters come with the list's query string."""

    name = forms.CharField(
        label=gettext_lazy("Name of this search"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Leave empty to name it after its words and filters."),
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail me new results"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.WEEKLY,
    )


class SearchSettingsForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail me new results"), choices=AlertFrequency.choices
    )


@login_required
@require_POST
def saved_search_create(request, kind):
    if kind not in ProfileKind.values:
        raise Http404
    form = SaveSearchForm(request.POST)
    back = request.POST.get("back") or ""
    list_url = "catalogue:offers" if kind == ProfileKind.OFFER else "catalogue:needs"
    if not form.is_valid():
        messages.error(request, _("Choose how often to hear about new results."))
        return redirect(list_url)
    saved = domain_call(
        request,
        saved_searches.save_search,
        success=_("Search saved. New results will appear in your notifications."),
        user=request.user,
        kind=kind,
        params=request.POST,
        name=form.cleaned_data["name"],
        frequency=form.cleaned_data["frequency"],
    )
    if saved:
        return redirect("catalogue:saved_searches")
    return redirect(back if back.startswith("/") and not back.startswith("//") else list_url)


@login_required
def saved_search_list(request):
    searches = saved_searches.searches_for(request.user)
    rows = [(s, saved_searches.describe(s.params)) for s in searches]
    return render(request, "catalogue/saved_searches.html", {"rows": rows})


def _own_search(request, pk) -> SavedSearch:
    search = get_object_or_404(SavedSearch, pk=pk)
    if not request.user.has_perm("catalogue.change_saved_search", search):
        raise Http404  # someone else's search: not even its existence
    return search


@login_required
def saved_search_detail(request, pk):
    search = _own_search(request, pk)
    form = SearchSettingsForm(
        request.POST or None, initial={"name": search.name, "frequency": search.frequency}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and domain_call(
            request,
            saved_searches.update_search,
            form=form,
            success=_("Saved."),
            user=request.user,
            search=search,
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
        )
    ):
        return redirect("catalogue:saved_searches")
    return render(
        request,
        "catalogue/saved_search.html",
        {"search": search, "form": form, "description": saved_searches.describe(search.params)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def saved_search_delete(request, pk):
    search = _own_search(request, pk)
    domain_call(
        request,
        saved_searches.delete_search,
        success=_("Saved search deleted."),
        user=request.user,
        search=search,
    )
    return redirect("catalogue:saved_searches")


def unsubscribe(request, token):
    """From an alert e-mail, without signing in: a page with one button (a link scanner's GET
    changes nothing), then the e-mails stop."""
    search = saved_searches.search_for_token(token)
    if search is None:
        return render(request, "catalogue/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        search = saved_searches.unsubscribe(token=token)
        done = True
    return render(
        request,
        "catalogue/unsubscribe.html",
        {"search": search, "done": done, "description": saved_searches.describe(search.params)},
    )


@login_required
@require_POST
def star_toggle(request, ref):
    profile = get_object_or_404(Profile, ref=ref)
    if not request.user.has_perm("catalogue.view_profile", profile):
        raise Http404
    if request.POST.get("star") == "0":
        saved_searches.unstar(user=request.user, profile=profile)
        messages.success(request, _("Removed from your starred profiles."))
    else:
        if not request.user.has_perm("catalogue.star_profile", profile):
            raise PermissionDenied
        saved_searches.star(user=request.user, profile=profile)
        messages.success(request, _("Added to your starred profiles."))
    back = request.POST.get("next") or ""
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(profile)


@login_required
def starred_list(request):
    page = Paginator(saved_searches.starred(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "catalogue/starred.html", {"page": page, "params": ""})
