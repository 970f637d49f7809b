"""Public pages: competitions, an edition's page (groups and their rules in words, fields,
stages, rubric, tie-break rules), the final's agenda and ICS, and the results."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from lintas.competitions.domain import final, queries
from lintas.competitions.enums import AwardKind, EntryStatus
from lintas.competitions.models import Competition, Stage
from lintas.programmes.domain import eligibility


def _visible(request, competition):
    if not request.user.has_perm("competitions.view_competition", competition):
        raise Http404


def index(request):
    return render(
        request,
        "competitions/index.html",
        {"competitions": queries.visible_competitions(request.user)},
    )


def detail(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    _visible(request, competition)
    today = timezone.localdate()
    # The rules in words by the programmes' evaluator (the same one that checks entries).
    groups = [
        (g, eligibility.describe(g.eligibility or {}, today=today))
        for g in competition.groups.all()
    ]
    return render(
        request,
        "competitions/detail.html",
        {
            "competition": competition,
            "groups": groups,
            "fields": competition.fields.select_related("sector"),
            "stages": competition.stages.all(),
            "final": competition.stages.filter(is_final=True).first(),
            "can_enter": request.user.has_perm("competitions.enter_competition", competition),
        },
    )


def _final(request, pk):
    stage = get_object_or_404(Stage.objects.select_related("competition"), pk=pk, is_final=True)
    _visible(request, stage.competition)
    return stage


def agenda(request, pk):
    stage = _final(request, pk)
    return render(
        request, "competitions/agenda.html", {"stage": stage, "slots": final.schedule(stage)}
    )


def agenda_ics(request, pk):
    stage = _final(request, pk)
    response = HttpResponse(final.ics(stage), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="final-{stage.pk}.ics"'
    return response


def results(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    if not request.user.has_perm("competitions.view_results", competition):
        raise Http404
    awards = (
        queries.public_awards(competition)
        .select_related("entry__field__sector", "group")
        .order_by("kind", "group__kind", "place", "name")
    )
    final_stage = competition.stages.filter(is_final=True).first()
    finalists = (
        queries.entries(competition)
        .filter(advancements__stage__is_final=True)
        .exclude(status=EntryStatus.WITHDRAWN)
        if final_stage
        else []
    )
    return render(
        request,
        "competitions/results.html",
        {
            "competition": competition,
            "prizes": [a for a in awards if a.kind == AwardKind.WINNER],
            "specials": [a for a in awards if a.kind == AwardKind.SPECIAL],
            "finalists": finalists,
        },
    )
