from django import forms
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.forms import country_choices
from lintas.programmes.domain import eligibility
from lintas.programmes.enums import Degree, DocumentKind
from lintas.programmes.models import Application, Host


def parse_publications(text: str) -> list[dict]:
    """One publication per paragraph: the first line is the title, the rest the abstract."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if lines:
            out.append({"title": lines[0], "abstract": " ".join(lines[1:])})
    return out


def format_publications(items) -> str:
    return "\n\n".join(f"{p['title']}\n{p.get('abstract', '')}".strip() for p in items)


class ApplicationForm(forms.ModelForm):
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    nationality = forms.ChoiceField(label=_("Nationality"), choices=country_choices)
    degree = forms.ChoiceField(label=_("Highest degree"), choices=Degree.choices)
    publications_text = forms.CharField(
        label=_("Publications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One publication per paragraph: title on the first line, abstract below."),
    )
    preferred_hosts = forms.ModelMultipleChoiceField(
        label=_("Preferred hosts"),
        queryset=Host.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    months = forms.IntegerField(label=_("Months requested"), min_value=1, max_value=24)

    class Meta:
        model = Application
        fields = ["full_name", "birth_date", "nationality", "degree", "proposal",
                  "preferred_fields", "months", "years_experience", "organisation_type",
                  "founded_year", "capital_usd", "revenue_usd"]  # fmt: skip
        labels = {
            "years_experience": _("Years of experience"),
            "organisation_type": _("Type of your organisation"),
            "founded_year": _("Year your organisation was founded"),
            "capital_usd": _("Registered capital of your organisation (US dollars)"),
            "revenue_usd": _("Last year's revenue of your organisation (US dollars)"),
            "full_name": _("Full name"),
            "proposal": _("Research proposal"),
            "preferred_fields": _("Preferred research fields"),
        }

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["preferred_hosts"].queryset = Host.objects.filter(
            programme=call.programme
        ).select_related("organisation")
        self.fields["months"].min_value = call.duration_min_months
        self.fields["months"].max_value = call.duration_max_months
        self.fields["months"].initial = call.duration_max_months
        # Only the facts this call's eligibility rules ask for, and then they are required.
        needed = set(eligibility.facts_needed(call.eligibility))
        for name in ("years_experience", "organisation_type", "founded_year", "capital_usd",
                     "revenue_usd"):  # fmt: skip
            if name in needed:
                self.fields[name].required = True
            else:
                del self.fields[name]
        if self.instance.pk:
            self.fields["publications_text"].initial = format_publications(
                self.instance.publications
            )
            self.fields["preferred_hosts"].initial = list(self.instance.preferred_hosts.all())

    def clean_months(self):
        months = self.cleaned_data["months"]
        lo, hi = self.call.duration_min_months, self.call.duration_max_months
        if not lo <= months <= hi:
            raise forms.ValidationError(
                _("Placements last %(lo)d to %(hi)d months.") % {"lo": lo, "hi": hi}
            )
        return months

    def domain_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in self.Meta.fields if k in self.fields}
        data["publications"] = parse_publications(self.cleaned_data["publications_text"])
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG or WebP."))


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for name in criteria:
            self.fields[f"score_{name}"] = forms.TypedChoiceField(
                label=name.capitalize(),
                choices=[(i, str(i)) for i in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def scores(self) -> dict:
        return {name: self.cleaned_data[f"score_{name}"] for name in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG or WebP."))


class ExtensionForm(forms.Form):
    new_end = forms.DateField(
        label=_("New end date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
