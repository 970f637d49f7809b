"""Officers set up an edition without the admin: the competition, its groups' eligibility
rules, fields and stages with their rubric."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.competitions.domain import editions
from lintas.competitions.forms import (
    CompetitionEditForm,
    CompetitionForm,
    FieldForm,
    GroupRulesForm,
    StageForm,
)
from lintas.competitions.models import Competition, Stage
from lintas.competitions.views.common import officer_required
from lintas.core.pages import domain_call

RULE_FIELDS = list(GroupRulesForm.base_fields)


@officer_required
def create(request):
    form = CompetitionForm(request.POST or None)
    sectors = FieldForm().fields["sector"].queryset
    if request.method == "POST" and form.is_valid():
        chosen = sectors.filter(pk__in=request.POST.getlist("sectors"))
        done = domain_call(request, editions.create_competition, form=form, user=request.user,
                           sectors=list(chosen), **form.cleaned_data)  # fmt: skip
        if done:
            return redirect("competitions:setup", slug=done.value.slug)
    return render(request, "competitions/create.html", {"form": form, "sectors": sectors})


@officer_required
def setup(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    rules_ = competition.tie_break_rules
    basics = CompetitionEditForm(
        request.POST if action == "basics" else None,
        initial={"name": competition.name, "edition": competition.edition,
                 "organisers": competition.organisers, "description": competition.description,
                 "status": competition.status,
                 **{f"tie_break_{i + 1}": r for i, r in enumerate(rules_)}},
    )  # fmt: skip
    groups = []
    for group in competition.groups.all():
        bound = action == f"group-{group.kind}"
        form = GroupRulesForm(request.POST if bound else None, prefix=group.kind,
                              initial=group.eligibility)  # fmt: skip
        groups.append((group, form))
    field_form = FieldForm(request.POST if action == "field" else None)
    stage_form = StageForm(request.POST if action == "stage" else None, prefix="stage")
    if action == "basics" and basics.is_valid():
        data = basics.cleaned_data
        tie_break = [data.pop(f"tie_break_{i}") for i in (1, 2, 3)]
        if domain_call(request, editions.update_competition, form=basics, success=_("Saved."),
                       user=request.user, competition=competition, tie_break=tie_break, **data):  # fmt: skip
            return redirect("competitions:setup", slug=competition.slug)
    for group, form in groups:
        saved = (
            action == f"group-{group.kind}"
            and form.is_valid()
            and domain_call(request, editions.set_group_rules, form=form, success=_("Saved."),
                            user=request.user, group=group, rules=form.cleaned_data)
        )  # fmt: skip
        if saved:
            return redirect("competitions:setup", slug=competition.slug)
    saved = (
        action == "field"
        and field_form.is_valid()
        and domain_call(request, editions.add_field, form=field_form, success=_("Saved."),
                        user=request.user, competition=competition,
                        sector=field_form.cleaned_data["sector"])
    )  # fmt: skip
    if saved:
        return redirect("competitions:setup", slug=competition.slug)
    if action == "stage" and stage_form.is_valid():
        data = {k: v for k, v in stage_form.cleaned_data.items() if not k.startswith("weight_")}
        if domain_call(request, editions.save_stage, form=stage_form, success=_("Saved."),
                       user=request.user, competition=competition, rubric=stage_form.rubric(),
                       **data):  # fmt: skip
            return redirect("competitions:setup", slug=competition.slug)
    return render(
        request,
        "competitions/setup.html",
        {"competition": competition, "basics": basics, "groups": groups,
         "field_form": field_form, "stage_form": stage_form,
         "fields": competition.fields.select_related("sector"),
         "stages": competition.stages.all()},
    )  # fmt: skip


@officer_required
def stage_edit(request, pk):
    stage = get_object_or_404(Stage.objects.select_related("competition"), pk=pk)
    initial = {"name": stage.name, "starts_on": stage.starts_on, "ends_on": stage.ends_on,
               "judges_per_entry": stage.judges_per_entry,
               "advance_per_cell": stage.advance_per_cell, "is_final": stage.is_final,
               **{f"weight_{c['criterion']}": int(c["weight"]) for c in stage.criteria}}  # fmt: skip
    form = StageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("weight_")}
        if domain_call(request, editions.save_stage, form=form, success=_("Saved."),
                       user=request.user, competition=stage.competition, stage=stage,
                       rubric=form.rubric(), **data):  # fmt: skip
            return redirect("competitions:setup", slug=stage.competition.slug)
    return render(request, "competitions/stage_edit.html", {"stage": stage, "form": form})
