from django import forms
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.enums import CURRENCIES, AgreementType, Stage
from lintas.brokerage.models import Agreement
from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.forms import country_choices
from lintas.catalogue.models import Profile
from lintas.core.enums import Role
from lintas.core.models import Organisation, Sector, User


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owner"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are and what you would like to do together. Your contact "
                    "details are shared only if the owner accepts."),
    )  # fmt: skip
    counterpart = forms.ModelChoiceField(
        label=_("Your related profile"), queryset=Profile.objects.none(), required=False
    )

    def __init__(self, *args, user=None, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and profile is not None and user.organisation_id:
            self.fields["counterpart"].queryset = Profile.objects.filter(
                organisation_id=user.organisation_id
            ).exclude(kind=profile.kind)


class MessageForm(forms.Form):
    # No max_length here: the domain refuses long messages with its own clear message.
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=_("Attachment (PDF or image)"), required=False, allow_empty_file=False
    )


class DealForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Broker note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    broker = forms.ModelChoiceField(
        label=_("Broker"),
        queryset=User.objects.filter(role__in=(Role.BROKER, Role.ADMIN), is_active=True),
        required=False,
    )
    event_id = forms.IntegerField(label=_("Event number"), required=False, min_value=1)

    def __init__(self, *args, broker_fields=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not broker_fields:
            for name in ("note", "broker", "event_id"):
                del self.fields[name]


class BoardFilter(forms.Form):
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    sector = forms.CharField(label=_("Sector"), required=False, max_length=50)
    broker = forms.ModelChoiceField(
        label=_("Broker"),
        queryset=User.objects.filter(role__in=(Role.BROKER, Role.ADMIN)),
        required=False,
    )
    event = forms.IntegerField(label=_("Event number"), required=False, min_value=1)


class AgreementForm(forms.ModelForm):
    event_id = forms.IntegerField(label=_("Event number"), required=False, min_value=1)
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[("", "—")] + [(c, c) for c in CURRENCIES],
        required=False,
    )

    class Meta:
        model = Agreement
        fields = (
            "title", "type", "parties", "signed_on", "value", "currency", "profiles",
            "event_id", "document", "notes",
        )  # fmt: skip
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, deal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = AgreementType.choices
        self.fields["parties"].queryset = Organisation.objects.order_by("name")
        self.fields["profiles"].queryset = Profile.objects.order_by("ref")
        if deal is not None and not self.is_bound:
            self.initial.update(
                parties=[deal.requester_org_id, deal.owner_org_id],
                profiles=[p for p in (deal.profile_id, deal.counterpart_profile_id) if p],
                title=deal.profile.title[:200],
                event_id=deal.event_id,
            )


class InboxFilter(forms.Form):
    """The inbox's filters: scope, a party's country, sector and the profile's language, each
    offered by name."""

    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("all", _("All")),
            ("mine", _("Mine")),
            ("countries", _("My countries")),
        ],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All"))] + list(ContentLanguage.choices),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All"))] + country_choices()

    def filters(self) -> dict:
        """Keyword arguments of :func:`lintas.brokerage.domain.inbox.build` ({} when invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "scope": data.get("scope") or "all",
            "country": data.get("country") or "",
            "sector": data["sector"].slug if data.get("sector") else "",
            "language": data.get("language") or "",
        }


__all__ = ["MESSAGE_MAX"]
