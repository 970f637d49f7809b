"""Entrants: enter a project, see one's entries; an entry's page (entrant, officers, judges)
and its files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.catalogue.models import Profile
from lintas.competitions.domain import entries as entries_domain
from lintas.competitions.domain import experts, queries
from lintas.competitions.forms import EntryEditForm, EntryForm, WithdrawForm
from lintas.competitions.models import Competition, Entry, Judge
from lintas.core.domain import audit
from lintas.core.files import serve_protected_file
from lintas.core.pages import domain_call

FILES = {"pitch_deck", "business_plan"}


@login_required
def mine(request):
    judging = (
        Judge.objects.filter(talent__user=request.user)
        .select_related("stage__competition")
        .order_by("-stage__starts_on")
    )
    return render(
        request,
        "competitions/mine.html",
        {
            "entries": queries.entries_for(request.user).filter(submitted_by=request.user),
            "judging": judging,
        },
    )


@login_required
def enter(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    if not request.user.has_perm("competitions.enter_competition", competition):
        raise Http404
    form = EntryForm(request.POST or None, request.FILES or None, competition=competition)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        offer = _offer_by_ref(form, data["offer"])
        if offer is not False:
            done = domain_call(
                request,
                entries_domain.submit_entry,
                form=form,
                user=request.user,
                competition=competition,
                group=data["group"],
                track=data["field"],
                project_name=data["project_name"],
                summary=data["summary"],
                country=data["country"],
                organisation_name=data["organisation_name"],
                founded_year=data["founded_year"],
                capital_usd=data["capital_usd"],
                revenue_usd=data["revenue_usd"],
                pitch_deck=data["pitch_deck"],
                business_plan=data["business_plan"],
                offer=offer,
                members=form.members(),
            )
            if done:
                return redirect(done.value)
    return render(request, "competitions/enter.html", {"competition": competition, "form": form})


def entry(request, pk):
    entry = get_object_or_404(
        Entry.objects.select_related("competition", "group", "field__sector", "offer", "stage"),
        pk=pk,
    )
    if not request.user.has_perm("competitions.view_entry", entry):
        raise Http404
    officer = request.user.has_perm("competitions.manage_competitions")
    context = {
        "entry": entry,
        "members": entry.members.select_related("talent"),
        "officer": officer,
        "judging": entry.assignments.filter(judge__talent__user=request.user).exists(),
        "can_edit": request.user.has_perm("competitions.edit_entry", entry),
        "can_withdraw": request.user.has_perm("competitions.withdraw_entry", entry),
        "deadline": entries_domain.edit_deadline(entry),
        "withdraw_form": WithdrawForm(),
    }
    if officer:
        context.update(
            results=entry.advancements.select_related("stage"),
            history=audit.history(entry)[:50],
            experts=experts.experts_for(user=request.user, entry=entry),
            open_stages=entry.competition.stages.exclude(status="done"),
            assignments=entry.assignments.select_related("judge__talent", "stage", "score"),
        )
    return render(request, "competitions/entry.html", context)


def _offer_by_ref(form, ref):
    """The offer a reference names (None for no reference; False, with a form error, when no
    offer has it)."""
    if not ref:
        return None
    offer = Profile.objects.filter(ref=ref.strip().upper()).first()
    if offer is None:
        form.add_error("offer", _("No offer has this reference."))
        return False
    return offer


@login_required
def edit(request, pk):
    entry = get_object_or_404(Entry.objects.select_related("competition", "offer", "stage"), pk=pk)
    if not request.user.has_perm("competitions.edit_entry", entry):
        raise Http404
    initial = {key: getattr(entry, key) for key in entries_domain.EDITABLE if key != "offer"}
    initial["offer"] = entry.offer.ref if entry.offer_id else ""
    form = EntryEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        offer = _offer_by_ref(form, data.pop("offer"))
        if offer is not False:
            done = domain_call(
                request,
                entries_domain.edit_entry,
                form=form,
                success=_("Your entry is saved."),
                user=request.user,
                entry=entry,
                offer=offer,
                **data,
            )
            if done:
                return redirect(entry)
    return render(
        request,
        "competitions/entry_edit.html",
        {"entry": entry, "form": form, "deadline": entries_domain.edit_deadline(entry)},
    )


@login_required
def withdraw(request, pk):
    entry = get_object_or_404(Entry.objects.select_related("competition"), pk=pk)
    if not request.user.has_perm("competitions.withdraw_entry", entry):
        raise Http404
    if request.method != "POST":
        return redirect(entry)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        domain_call(
            request,
            entries_domain.withdraw_entry,
            success=_("Your entry is withdrawn."),
            user=request.user,
            entry=entry,
            reason=form.cleaned_data["reason"],
        )
    else:
        messages.error(request, _("Say briefly why you withdraw the entry."))
    return redirect(entry)


def entry_file(request, pk, which):
    entry = get_object_or_404(Entry, pk=pk)
    if which not in FILES or not request.user.has_perm("competitions.view_entry", entry):
        raise Http404
    fieldfile = getattr(entry, which)
    if not fieldfile:
        raise Http404
    return serve_protected_file(
        request, fieldfile, f"{entry.project_name} {which.replace('_', ' ')}"
    )
