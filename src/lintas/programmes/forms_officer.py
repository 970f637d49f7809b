"""Officers' forms: programmes, calls and the eligibility rule builder (a formset whose rows
become the call's rule JSON), reviewer pools, hosts, training, decisions, placements."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.catalogue.forms import country_choices
from lintas.core.enums import OrganisationType
from lintas.programmes.domain import eligibility
from lintas.programmes.enums import DECISIONS, Degree, DocumentKind, ProgrammeKind
from lintas.programmes.models import Call, Host

DATE = {"type": "date"}


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    issuer = forms.CharField(
        label=_("Certificates issued by"),
        max_length=200,
        required=False,
        help_text=_(
            "The office named on certificates, e.g. China–ASEAN Technology Transfer Center."
        ),
    )


class CallForm(forms.ModelForm):
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs=DATE))
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    criteria_text = forms.CharField(
        label=_("Review criteria"),
        required=False,
        help_text=_(
            "One per line; reviewers score each from 1 to 5. Empty: excellence, proposal, fit."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Call
        fields = ["title", "description", "status", "opens_on", "deadline", "review_round",
                  "required_documents", "stipend_monthly", "currency", "duration_min_months",
                  "duration_max_months", "reviews_per_application", "preferred_host_bonus"]  # fmt: skip
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "status": _("Status"),
            "review_round": _("Review round"),
            "stipend_monthly": _("Monthly stipend"),
            "currency": _("Currency"),
            "duration_min_months": _("Minimum months"),
            "duration_max_months": _("Maximum months"),
            "reviews_per_application": _("Reviewers per application"),
            "preferred_host_bonus": _("Bonus for a preferred host"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["criteria_text"].initial = "\n".join(self.instance.criteria or [])

    def domain_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in self.Meta.fields}
        data["criteria"] = [
            line.strip() for line in self.cleaned_data["criteria_text"].splitlines() if line.strip()
        ]
        return data


RULE_CHOICES = [
    ("", "—"),
    ("max_age", _("Age limit")),
    ("nationalities", _("Nationality")),
    ("degrees", _("Degree")),
    ("min_years_experience", _("Years of experience")),
    ("organisation_types", _("Organisation type")),
    ("founded_from", _("Founded in or after")),
    ("max_capital_usd", _("Registered capital at most (US dollars)")),
    ("max_revenue_usd", _("Annual revenue at most (US dollars)")),
]
NUMBER_RULES = ("max_age", "min_years_experience", "founded_from", "max_capital_usd",
                "max_revenue_usd")  # fmt: skip
# Rules a call's JSON may hold that the builder has no row for (competitions' country of
# registration and team size): kept as they are when the call is saved from the page.
NOT_IN_BUILDER = ("countries", "min_team", "max_team")


class RuleForm(forms.Form):
    """One row of the rule builder: which rule, and the value that kind of rule needs."""

    rule = forms.ChoiceField(label=pgettext_lazy("eligibility", "Rule"), choices=RULE_CHOICES,
                             required=False)  # fmt: skip
    number = forms.DecimalField(
        label=_("Number or amount"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("Age, years, year or amount, as the rule needs."),
    )
    on_date = forms.DateField(
        label=_("Age on"),
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text=_("For an age limit; empty: the day the applicant submits."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        choices=country_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    degrees = forms.MultipleChoiceField(
        label=_("Degrees"),
        required=False,
        choices=Degree.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation_types = forms.MultipleChoiceField(
        label=_("Organisation types"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        rule = data.get("rule")
        if not rule:
            return data
        number = data.get("number")
        if rule in NUMBER_RULES and number is None:
            self.add_error("number", _("Give the number this rule needs."))
        if rule in NUMBER_RULES and number is not None and number != int(number):
            self.add_error("number", _("Give a whole number."))
        if rule == "nationalities" and not data.get("countries"):
            self.add_error("countries", _("Choose at least one country."))
        if rule == "degrees" and not data.get("degrees"):
            self.add_error("degrees", _("Choose at least one degree."))
        if rule == "organisation_types" and not data.get("organisation_types"):
            self.add_error("organisation_types", _("Choose at least one type."))
        return data

    def as_rules(self) -> dict:
        """This row as keys of the rule JSON (empty for a blank or deleted row)."""
        data = self.cleaned_data
        rule = data.get("rule")
        if not rule or data.get("DELETE"):
            return {}
        if rule in NUMBER_RULES:
            out = {rule: int(data["number"])}
            if rule == "max_age" and data.get("on_date"):
                out["age_on"] = data["on_date"].isoformat()
            return out
        field = {"nationalities": "countries"}.get(rule, rule)
        return {rule: list(data[field])}


class BaseRuleFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            rule = form.cleaned_data.get("rule")
            if rule and not form.cleaned_data.get("DELETE"):
                if rule in seen:
                    raise forms.ValidationError(_("Each rule may appear only once."))
                seen.add(rule)

    def as_rules(self) -> dict:
        out = {}
        for form in self.forms:
            out.update(form.as_rules())
        return out


RuleFormSet = forms.formset_factory(RuleForm, formset=BaseRuleFormSet, extra=3, can_delete=True)


def rule_rows(rules: dict) -> list[dict]:
    """The call's rule JSON as the builder's initial rows, in the evaluator's order."""
    rows = []
    for key in eligibility.RULE_ORDER:
        value = rules.get(key)
        if value in (None, [], ""):
            continue
        row = {"rule": key}
        if key in NOT_IN_BUILDER:
            continue
        if key in NUMBER_RULES:
            row["number"] = value
            if key == "max_age" and rules.get("age_on"):
                row["on_date"] = dt.date.fromisoformat(rules["age_on"])
        else:
            row[{"nationalities": "countries"}.get(key, key)] = value
        rows.append(row)
    return rows


def rule_formset(data=None, rules: dict | None = None) -> RuleFormSet:
    return RuleFormSet(data, initial=rule_rows(rules or {}), prefix="rules")


class ReviewerAddForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    max_load = forms.IntegerField(label=_("Maximum applications"), min_value=1, max_value=50,
                                  initial=5)  # fmt: skip
    publications_text = forms.CharField(
        label=_("Expertise (publications)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One publication per paragraph: title on the first line, abstract below."),
    )


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    max_load = forms.IntegerField(label=_("Maximum applications"), min_value=1, max_value=50,
                                  initial=5)  # fmt: skip


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=8)


class OfficerConflictForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    reviewer = forms.ChoiceField(label=_("Reviewer"))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = call.applications.exclude(status="draft")
        self.fields["application"].label_from_instance = lambda a: a.full_name
        self.fields["reviewer"].choices = [
            (r.user_id, r.user.get_full_name() or r.user.username)
            for r in call.pool.select_related("user")
        ]


class HostForm(forms.ModelForm):
    research_areas_text = forms.CharField(
        label=_("Research areas"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One research area per paragraph; matching compares these with applications."),
    )

    class Meta:
        model = Host
        fields = ["name", "organisation", "supervisor", "supervisor_email", "capacity"]
        labels = {
            "name": _("Laboratory"),
            "organisation": _("Organisation"),
            "supervisor": _("Supervisor"),
            "supervisor_email": _("Supervisor e-mail"),
            "capacity": _("Places per round"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["research_areas_text"].initial = "\n\n".join(self.instance.research_areas)

    def domain_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in self.Meta.fields}
        text = self.cleaned_data["research_areas_text"].replace("\r\n", "\n")
        data["research_areas"] = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        return data


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    location = forms.CharField(label=_("Location"), max_length=200, required=False)


class TraineeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(d.value, d.label) for d in DECISIONS]
    )
    applications = forms.MultipleChoiceField(label=_("Applications"), choices=())
    override_reason = forms.CharField(
        label=_("Reason to decide without a completed review"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [
            (str(a.pk), a.full_name) for a in call.applications.exclude(status="draft")
        ]


class PlacementDatesForm(forms.Form):
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs=DATE))
    end = forms.DateField(label=_("End"), widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(label=_("Reason"), max_length=300)
