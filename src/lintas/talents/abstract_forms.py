"""Forms of the forum calls for abstracts (talents.domain.abstracts does the checking)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import ContentLanguage
from lintas.talents.models import AbstractCall, Talent
from lintas.talents.models.abstract import ABSTRACT_TEXT_MAX


def _events():
    # Through the foreign key's model: talents must not import the events app (same floor).
    return AbstractCall._meta.get_field("event").related_model.objects.all()


class CallForm(forms.Form):
    event = forms.CharField(
        label=_("Event"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"list": "event-choices", "autocomplete": "off", "type": "search"}
        ),
        help_text=_("Type or pick the event's title."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    topics = forms.CharField(
        label=_("Topics"), max_length=600, help_text=_("Comma-separated; each becomes a session.")
    )
    deadline = forms.DateTimeField(
        label=_("Submission deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reviews_per_abstract = forms.IntegerField(
        label=_("Reviews per abstract"), min_value=1, max_value=5, initial=2
    )

    def event_titles(self) -> list[str]:
        return list(_events().order_by("-starts_on").values_list("title", flat=True)[:200])

    def clean_event(self):
        value = " ".join(self.cleaned_data["event"].split())
        found = _events().filter(title__iexact=value).first()
        if found is None:
            raise forms.ValidationError(_("No event is called “%(name)s”.") % {"name": value})
        return found


class AbstractForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Abstract"), max_length=ABSTRACT_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    authors = forms.CharField(
        label=_("Authors"), max_length=500, help_text=_("Names separated by commas, speaker first.")
    )
    topic = forms.ChoiceField(label=_("Topic"))
    language = forms.ChoiceField(label=_("Language"), choices=ContentLanguage.choices)

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = call.topic_list if call is not None else []
        self.fields["topic"].choices = [(t, t) for t in topics]


class ReviewerForm(forms.Form):
    """A talent of the directory, by name, for the reviewer pool."""

    talent = forms.CharField(
        label=_("Talent"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"list": "talent-choices", "autocomplete": "off", "type": "search"}
        ),
        help_text=_("Type a name from the talent directory and pick it."),
    )
    max_load = forms.IntegerField(label=_("At most"), min_value=1, max_value=50, initial=5)

    def talent_names(self) -> list[str]:
        listed = Talent.objects.filter(listed=True).order_by("name")
        return [f"{t.name} ({t.slug})" for t in listed[:500]]

    def clean_talent(self):
        value = " ".join(self.cleaned_data["talent"].split())
        slug = value.rsplit("(", 1)[-1].rstrip(")").strip() if value.endswith(")") else value
        found = Talent.objects.filter(listed=True, slug=slug).first()
        if found is None:
            matches = list(Talent.objects.filter(listed=True, name__iexact=value)[:2])
            found = matches[0] if len(matches) == 1 else None
        if found is None:
            raise forms.ValidationError(
                _("No listed talent is called “%(name)s”.") % {"name": value}
            )
        return found


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"score_{criterion}"] = forms.ChoiceField(
                label=criterion, choices=[(str(n), str(n)) for n in range(1, 6)]
            )

    def scores(self) -> dict:
        return {
            name[len("score_") :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Why is there a conflict?"), max_length=300)


class SessionTimeForm(forms.Form):
    """When and where one topic's session takes place (organisers)."""

    topic = forms.CharField(widget=forms.HiddenInput, max_length=100)
    starts_at = forms.DateTimeField(
        label=_("starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room = forms.CharField(label=_("room"), max_length=120, required=False)
