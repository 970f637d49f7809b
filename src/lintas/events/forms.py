from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.models import Profile
from lintas.events.enums import FollowUpOutcome, ParticipantStatus
from lintas.events.models import Event, Session


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = (
            "slug",
            "title",
            "kind",
            "description",
            "city",
            "venue",
            "country",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "max_requests_sent",
            "published",
        )
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "registration_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ("title", "date", "start_time", "end_time", "slot_minutes", "tables", "online")
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }


class RegistrationForm(forms.Form):
    profiles = forms.ModelMultipleChoiceField(
        label=_("Offers and needs you come to discuss"),
        queryset=Profile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    slots = forms.MultipleChoiceField(
        label=_("When you are free"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("What you are looking for"), max_length=500, required=False)

    def __init__(self, *args, user, slots, **kwargs):
        super().__init__(*args, **kwargs)
        org = user.organisation_id
        self.fields["profiles"].queryset = Profile.objects.filter(
            organisation_id=org, status="published"
        ).order_by("ref")
        self.fields["slots"].choices = [(str(s.pk), str(s)) for s in slots]
        if not self.is_bound:
            self.initial["slots"] = [str(s.pk) for s in slots]


class RequestForm(forms.Form):
    receiver = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    preferred_slot = forms.IntegerField(required=False, widget=forms.HiddenInput)


class OrganiserRequestForm(forms.Form):
    """Organisers add a meeting between two participants found by name or organisation; when a
    search matches several people, the page asks which one (radio buttons ``sender`` and
    ``receiver``, read by the view)."""

    sender_q = forms.CharField(
        label=_("Participant A (name or organisation)"), max_length=100, required=False
    )
    receiver_q = forms.CharField(
        label=_("Participant B (name or organisation)"), max_length=100, required=False
    )
    priority = forms.FloatField(label=_("Priority"), initial=1, min_value=0)


class EventEditForm(EventForm):
    class Meta(EventForm.Meta):
        fields = tuple(f for f in EventForm.Meta.fields if f != "slug")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the people concerned read it)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SessionEditForm(SessionForm):
    reason = forms.CharField(
        label=_("If meetings lose their slot, tell the people why"),
        max_length=300,
        required=False,
    )


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ParticipantStatus.choices],
    )


class WalkInForm(forms.Form):
    account = forms.CharField(
        label=_("Existing account (user name or e-mail)"), max_length=254, required=False
    )
    name = forms.CharField(label=_("Or a new account: full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What became of this meeting?"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything to add (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Rating"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    wants_to_continue = forms.BooleanField(label=_("We want to continue"), required=False)
