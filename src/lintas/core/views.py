from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from lintas.core.domain import accounts, membership
from lintas.core.forms import AccountSettingsForm, MembershipRequestForm, SignUpForm
from lintas.core.membership_views import MIN_QUERY, search_organisations
from lintas.core.models import Organisation


def organisation_list(request):
    orgs = Organisation.objects.annotate(
        published=Count("profiles", filter=Q(profiles__status="published"))
    ).order_by("name")
    country = request.GET.get("country", "").upper()
    if country:
        orgs = orgs.filter(country=country)
    page = Paginator(orgs, 30).get_page(request.GET.get("page"))
    return render(request, "core/organisation_list.html", {"page": page, "country": country})


def signup(request):
    """The same answer for every address and username: see domain.accounts."""
    form = SignUpForm(request.POST or None)
    searching = request.method == "POST" and "search" in request.POST
    if request.method == "POST" and not searching and form.is_valid():
        data = form.cleaned_data
        accounts.sign_up(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            role=data["role"],
            organisation=data.get("organisation"),
            proposal=None if data.get("organisation") else data.get("proposal"),
            language=request.LANGUAGE_CODE,
        )
        return render(request, "core/message.html", {"message_key": "verify_sent"})
    if searching:
        form = SignUpForm(initial=request.POST.dict())
    query = request.POST.get("organisation_query", "")
    return render(
        request,
        "core/signup.html",
        {
            "form": form,
            "query": query,
            "results": search_organisations(query),
            "min_query": MIN_QUERY,
            "selected": request.POST.get("organisation", ""),
        },
    )


def verify(request, uidb64, token):
    user = accounts.verify(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "core/message.html", {"message_key": "verify_failed"}, status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("core:login")


@login_required
def account_settings(request):
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings are saved."))
        return redirect("core:account")
    return render(
        request,
        "core/account.html",
        {
            "form": form,
            "membership_request": membership.current_request(request.user),
            "request_form": MembershipRequestForm(),
            "min_query": MIN_QUERY,
        },
    )


@csrf_exempt
@require_POST
def set_language(request):
    """The language switcher in every page's header (Django's ``set_language``: the choice is
    kept in the language cookie, then back to ``next`` on this site).

    Signed-in people post it with their CSRF token, checked here. Anonymous visitors post it
    without one: their public pages carry no per-visitor token, so the same page can be served
    to every anonymous reader from the page cache (``core.pagecache``). A forged post could only
    change an anonymous browser's language cookie, which holds nothing else."""
    if request.user.is_authenticated:
        return csrf_protect(i18n_views.set_language)(request)
    return i18n_views.set_language(request)
