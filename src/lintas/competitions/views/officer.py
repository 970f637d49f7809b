"""Officers: an edition's entries and eligibility, a stage's judge pool, conflicts,
assignment, normalised ranking and decision, the final's schedule, awards, results, figures."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.competitions.domain import entries as entries_domain
from lintas.competitions.domain import figures as figures_domain
from lintas.competitions.domain import final, judging, queries, ranking
from lintas.competitions.enums import EntryStatus, SlotKind
from lintas.competitions.forms import ScheduleForm
from lintas.competitions.models import Competition, Stage
from lintas.competitions.views.common import officer_required
from lintas.core.pages import domain_call
from lintas.talents.domain import queries as talent_queries
from lintas.talents.models import Talent


@officer_required
def manage(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "eligibility":
            done = domain_call(request, entries_domain.check_eligibility, user=request.user,
                               competition=competition)  # fmt: skip
            if done:
                messages.success(
                    request,
                    _("Eligibility checked: %(eligible)d eligible, %(ineligible)d not eligible.")
                    % done.value,
                )
        elif action == "special":
            entry = competition.entries.filter(pk=request.POST.get("entry") or 0).first()
            if entry is None:
                messages.error(request, _("Choose an entry."))
            else:
                domain_call(request, ranking.add_special_award, success=_("Award added."),
                            user=request.user, competition=competition,
                            name=request.POST.get("name", ""), entry=entry)  # fmt: skip
        elif action in ("publish", "unpublish"):
            domain_call(request, ranking.publish_results, success=_("Saved."), user=request.user,
                        competition=competition, published=action == "publish")  # fmt: skip
        elif action == "camp":
            from lintas.competitions.domain import camps

            done = domain_call(request, camps.create_camp, user=request.user,
                               competition=competition, name=request.POST.get("name", ""),
                               location=request.POST.get("location", ""))  # fmt: skip
            if done:
                return redirect(done.value)
        return redirect("competitions:manage", slug=slug)
    return render(
        request,
        "competitions/manage.html",
        {
            "competition": competition,
            "entries": queries.entries(competition).exclude(status=EntryStatus.WITHDRAWN),
            "withdrawn": queries.entries(competition).filter(status=EntryStatus.WITHDRAWN),
            "stages": competition.stages.all(),
            "camps": competition.camps.all(),
            "awards": competition.awards.select_related("entry", "group"),
        },
    )


@officer_required
def stage(request, pk):
    stage = get_object_or_404(Stage.objects.select_related("competition"), pk=pk)
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        found = (
            talent_queries.listed()
            .filter(Q(name__icontains=q) | Q(keywords__icontains=q))
            .exclude(judging__stage=stage)[:10]
        )
    _e, judges, _a, _t, _s, conflicts = judging.build_problem(stage) if stage.status != "done" else (
        None, list(stage.judges.select_related("talent")), None, None, None, [])  # fmt: skip
    slots = final.schedule(stage) if stage.is_final else []
    return render(
        request,
        "competitions/stage.html",
        {
            "stage": stage,
            "competition": stage.competition,
            "judges": judges,
            "conflicts": conflicts,
            "ranking": ranking.ranking(stage, by_field=not stage.is_final),
            "assignments": stage.assignments.select_related("entry", "judge__talent", "score"),
            "q": q,
            "found": found,
            "slots": slots,
            "withdrawn_slots": [s for s in slots if s.kind == SlotKind.WITHDRAWN],
            "schedule_form": ScheduleForm(initial={"rooms": "Hall A\nHall B"}),
        },
    )


@officer_required
@require_POST
def add_judge(request, pk):
    stage = get_object_or_404(Stage, pk=pk)
    talent = get_object_or_404(Talent, slug=request.POST.get("talent", ""))
    try:
        load = int(request.POST.get("max_load") or 10)
    except ValueError:
        load = 0
    domain_call(request, judging.add_judge, success=_("Judge added."), user=request.user,
                stage=stage, talent=talent, max_load=load)  # fmt: skip
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = stage.get_absolute_url()
    return redirect(back)


@officer_required
@require_POST
def assign(request, pk):
    stage = get_object_or_404(Stage, pk=pk)
    done = domain_call(request, judging.assign_judges, user=request.user, stage=stage)
    if done:
        messages.success(request, _("%(n)d assignments made.") % {"n": len(done.value)})
    return redirect(stage)


@officer_required
@require_POST
def decide(request, pk):
    stage = get_object_or_404(Stage.objects.select_related("competition"), pk=pk)
    if stage.is_final:
        domain_call(request, ranking.award_prizes, success=_("Prizes awarded."),
                    user=request.user, stage=stage)  # fmt: skip
    else:
        done = domain_call(request, ranking.advance, user=request.user, stage=stage)
        if done:
            messages.success(
                request,
                _("Stage decided: %(n)d entries advance.")
                % {"n": sum(r.advanced for r in done.value)},
            )
    return redirect(stage)


@officer_required
@require_POST
def schedule(request, pk):
    stage = get_object_or_404(Stage, pk=pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        domain_call(
            request, final.build_schedule, success=_("Pitch schedule built."),
            user=request.user, stage=stage, starts_at=data["starts_at"],
            rooms=data["rooms"].splitlines(), pitch=data["pitch"], questions=data["questions"],
            block=data["block"], break_minutes=data["break_minutes"],
        )  # fmt: skip
    else:
        messages.error(request, _("Check the schedule's start, rooms and durations."))
    return redirect(stage)


@officer_required
def figures(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    return render(
        request,
        "competitions/figures.html",
        {"competition": competition, "figures": figures_domain.figures(competition)},
    )
