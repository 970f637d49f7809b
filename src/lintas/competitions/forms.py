"""Forms of the competition pages (entry, score, schedule, camp); the domain checks again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from lintas.competitions.enums import (
    SCORE_MAX,
    SCORE_MIN,
    CompetitionStatus,
    Criterion,
    TieBreak,
)

TEAM_ROWS = 5


class EntryForm(forms.Form):
    project_name = forms.CharField(label=_("project name"), max_length=200)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=3000, required=False)  # fmt: skip
    group = forms.ModelChoiceField(label=_("group"), queryset=None, empty_label=None)
    field = forms.ModelChoiceField(label=_("field"), queryset=None, empty_label=None)
    country = LazyTypedChoiceField(label=_("country of registration"), choices=countries)
    organisation_name = forms.CharField(label=_("enterprise or team name"), max_length=200,
                                        required=False)  # fmt: skip
    founded_year = forms.IntegerField(label=_("year founded"), min_value=1900, max_value=2100,
                                      required=False)  # fmt: skip
    capital_usd = forms.IntegerField(label=_("registered capital (US$)"), min_value=0,
                                     required=False)  # fmt: skip
    revenue_usd = forms.IntegerField(label=_("last year's revenue (US$)"), min_value=0,
                                     required=False)  # fmt: skip
    pitch_deck = forms.FileField(label=_("pitch deck"), required=False,
                                 help_text=_("PDF or image."))  # fmt: skip
    business_plan = forms.FileField(label=_("business plan"), required=False,
                                    help_text=_("PDF or image."))  # fmt: skip
    offer = forms.CharField(label=_("offer in the catalogue"), max_length=20, required=False,
                            help_text=_("Its reference, e.g. OF-0001 (optional)."))  # fmt: skip

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = competition.groups.all()
        self.fields["field"].queryset = competition.fields.all()
        for i in range(1, TEAM_ROWS + 1):
            first = i == 1
            self.fields[f"member_{i}_name"] = forms.CharField(
                label=_("Team member %(n)d") % {"n": i}, max_length=120, required=first
            )
            self.fields[f"member_{i}_role"] = forms.CharField(
                label=_("role in the team"), max_length=120, required=False
            )
            self.fields[f"member_{i}_nationality"] = LazyTypedChoiceField(
                label=_("nationality"), choices=[("", "—"), *countries], required=first
            )
            self.fields[f"member_{i}_talent"] = forms.CharField(
                label=_("talent profile"), max_length=80, required=False,
                help_text=_("The address name of their talent profile, if they have one."),
            )  # fmt: skip

    def members(self) -> list[dict]:
        from lintas.talents.models import Talent

        out = []
        for i in range(1, TEAM_ROWS + 1):
            name = self.cleaned_data.get(f"member_{i}_name")
            if not name:
                continue
            slug = self.cleaned_data.get(f"member_{i}_talent")
            talent = Talent.objects.filter(slug=slug, listed=True).first() if slug else None
            out.append(
                {
                    "name": name,
                    "role": self.cleaned_data.get(f"member_{i}_role", ""),
                    "nationality": self.cleaned_data.get(f"member_{i}_nationality", ""),
                    "talent": talent,
                }
            )
        return out


class EntryEditForm(forms.Form):
    """What an entrant may change until the deadline (group, field, country and team stay)."""

    project_name = EntryForm.base_fields["project_name"]
    summary = EntryForm.base_fields["summary"]
    organisation_name = EntryForm.base_fields["organisation_name"]
    founded_year = EntryForm.base_fields["founded_year"]
    capital_usd = EntryForm.base_fields["capital_usd"]
    revenue_usd = EntryForm.base_fields["revenue_usd"]
    pitch_deck = forms.FileField(label=_("pitch deck"), required=False,
                                 help_text=_("PDF or image; leave empty to keep the current one."))  # fmt: skip
    business_plan = forms.FileField(label=_("business plan"), required=False,
                                    help_text=_("PDF or image; leave empty to keep the current one."))  # fmt: skip
    offer = EntryForm.base_fields["offer"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why do you withdraw the entry?"), max_length=300)


def score_form(stage, data=None, initial=None):
    """One 1-10 choice per rubric criterion, then a comment: one column on a phone."""
    choices = [("", "—")] + [(str(v), str(v)) for v in range(SCORE_MIN, SCORE_MAX + 1)]
    form = forms.Form(data=data, initial=initial or {})
    for c in stage.criteria:
        form.fields[c["criterion"]] = forms.ChoiceField(
            label=f"{c['label']} ({c['weight']:g})", choices=choices
        )
    form.fields["comment"] = forms.CharField(
        label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    return form


class ScheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    rooms = forms.CharField(
        label=_("Rooms (one per line)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    pitch = forms.IntegerField(label=_("Pitch (minutes)"), initial=7, min_value=1, max_value=60)
    questions = forms.IntegerField(label=_("Questions (minutes)"), initial=5, min_value=0,
                                   max_value=60)  # fmt: skip
    block = forms.IntegerField(label=_("Pitches between breaks"), initial=4, min_value=1,
                               max_value=50)  # fmt: skip
    break_minutes = forms.IntegerField(label=_("Break (minutes)"), initial=15, min_value=0,
                                       max_value=120)  # fmt: skip


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Session title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(label=_("location"), max_length=200, required=False)


REGION = ["CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"]


def _region_choices():
    return [(code, countries.name(code)) for code in REGION]


class CompetitionForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    edition = forms.IntegerField(label=_("edition"), min_value=1, max_value=999, initial=1)
    organisers = forms.CharField(label=_("organisers"), max_length=300, required=False)
    description = forms.CharField(label=_("description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class CompetitionEditForm(CompetitionForm):
    status = forms.ChoiceField(label=_("status"), choices=CompetitionStatus.choices)
    tie_break_1 = forms.ChoiceField(label=_("First tie-break rule"), required=False,
                                    choices=[("", "—"), *TieBreak.choices])  # fmt: skip
    tie_break_2 = forms.ChoiceField(label=_("Second tie-break rule"), required=False,
                                    choices=[("", "—"), *TieBreak.choices])  # fmt: skip
    tie_break_3 = forms.ChoiceField(label=_("Third tie-break rule"), required=False,
                                    choices=[("", "—"), *TieBreak.choices])  # fmt: skip


class GroupRulesForm(forms.Form):
    """A group's eligibility rules as fields; saved in the programmes' rule format."""

    founded_from = forms.IntegerField(label=_("Founded in or after (year)"), required=False,
                                      min_value=1900, max_value=2100)  # fmt: skip
    max_capital_usd = forms.IntegerField(label=_("Largest registered capital (US$)"),
                                         required=False, min_value=0)  # fmt: skip
    max_revenue_usd = forms.IntegerField(label=_("Largest revenue last year (US$)"),
                                         required=False, min_value=0)  # fmt: skip
    countries = forms.MultipleChoiceField(label=_("Registered in"), required=False,
                                          choices=_region_choices,
                                          widget=forms.CheckboxSelectMultiple)  # fmt: skip
    nationalities = forms.MultipleChoiceField(label=_("Team members' nationalities"),
                                              required=False, choices=_region_choices,
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip
    min_team = forms.IntegerField(label=_("Smallest team"), required=False, min_value=1)
    max_team = forms.IntegerField(label=_("Largest team"), required=False, min_value=1)


class FieldForm(forms.Form):
    sector = forms.ModelChoiceField(label=_("sector"), queryset=None)

    def __init__(self, *args, **kwargs):
        from lintas.core.models import Sector

        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.all()


class StageForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    starts_on = forms.DateField(label=_("starts on"),
                                widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    ends_on = forms.DateField(label=_("ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    judges_per_entry = forms.IntegerField(label=_("judges per entry"), initial=3, min_value=1,
                                          max_value=15)  # fmt: skip
    advance_per_cell = forms.IntegerField(label=_("entries advancing per group and field"),
                                          initial=2, min_value=1)  # fmt: skip
    is_final = forms.BooleanField(label=_("final"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            self.fields[f"weight_{value}"] = forms.IntegerField(
                label=_("Weight of %(criterion)s") % {"criterion": label}, min_value=0,
                max_value=100, initial=0, required=False,
            )  # fmt: skip

    def rubric(self) -> dict:
        return {v: self.cleaned_data.get(f"weight_{v}") or 0 for v in Criterion.values}
