from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from lintas.core.domain import accounts, membership
from lintas.core.domain.accounts import SELF_SERVICE_ROLES
from lintas.core.enums import FOCUS_COUNTRIES, OrganisationType
from lintas.core.models import Organisation, User


def country_choices():
    """China and ASEAN first, then every other country, in the reader's language."""
    focus = [(code, countries.name(code)) for code in FOCUS_COUNTRIES]
    rest = sorted(
        ((code, name) for code, name in countries if code not in FOCUS_COUNTRIES),
        key=lambda c: str(c[1]),
    )
    return [("", "—"), *focus, *rest]


class OrganisationChoiceForm(forms.Form):
    """Name an existing organisation (picked from a search) or propose a new one."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Organisation"),
        error_messages={"invalid_choice": _("Choose your organisation from the list.")},
    )
    proposed_name = forms.CharField(
        label=_("Name of the organisation"), max_length=200, required=False
    )
    proposed_country = forms.ChoiceField(
        label=_("Country"), choices=country_choices, required=False
    )
    proposed_type = forms.ChoiceField(
        label=_("Type"), choices=[("", "—"), *OrganisationType.choices], required=False
    )
    proposed_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    PROPOSAL_FIELDS = ("proposed_name", "proposed_country", "proposed_type", "proposed_website")

    @property
    def proposing(self) -> bool:
        data = self.data if self.is_bound else {}
        return any((data.get(self.add_prefix(f)) or "").strip() for f in self.PROPOSAL_FIELDS)

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        proposing = any(cleaned.get(f) for f in self.PROPOSAL_FIELDS)
        if organisation is not None and proposing:
            raise ValidationError(
                _("Choose an organisation from the list or propose a new one, not both.")
            )
        if organisation is None and not proposing:
            if "organisation" not in self.errors:
                self.add_error(
                    "organisation",
                    _("Choose your organisation from the list, or propose a new one."),
                )
            return cleaned
        if proposing:
            try:
                cleaned["proposal"] = membership.clean_proposal(
                    name=cleaned.get("proposed_name", ""),
                    country=cleaned.get("proposed_country", ""),
                    type=cleaned.get("proposed_type", ""),
                    website=cleaned.get("proposed_website", ""),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(f"proposed_{field}", messages)
        return cleaned


class SignUpForm(OrganisationChoiceForm):
    """Sign-up. Deliberately a plain form: a model form would report a taken username or
    address, which is exactly what sign-up must not tell (see domain.accounts)."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("I want to"),
        choices=[("provider", _("offer technology")), ("seeker", _("find technology"))],
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    ACCOUNT_FIELDS = ("username", "email", "role", "password1", "password2")

    field_order = [*ACCOUNT_FIELDS, "organisation", *OrganisationChoiceForm.PROPOSAL_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "password1"
        ].help_text = password_validation.password_validators_help_text_html()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role not in SELF_SERVICE_ROLES:
            raise ValidationError(_("Choose provider or seeker."))
        return role

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p2:
            probe = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(p2, probe)
            except ValidationError as error:
                self.add_error("password2", error)
        return cleaned

    def account_fields(self):
        return [self[name] for name in self.ACCOUNT_FIELDS]

    def proposal_fields(self):
        return [self[name] for name in self.PROPOSAL_FIELDS]


class MembershipRequestForm(OrganisationChoiceForm):
    """For a signed-in person who belongs to no organisation (refused, removed, or new)."""

    def proposal_fields(self):
        return [self[name] for name in self.PROPOSAL_FIELDS]


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        max_length=membership.REASON_MAX,
        required=False,
        widget=forms.TextInput,
    )


class QuietPasswordResetForm(PasswordResetForm):
    """Password reset that answers an unknown address with a note instead of silence, so the
    work (and the time it takes) is the same whether an account exists or not."""

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"]
        if any(True for _user in self.get_users(email)):
            return super().save(*args, **kwargs)
        accounts.send_no_account_notice(email=email, language=get_language() or "en")
        return None


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = (
            "first_name",
            "last_name",
            "phone",
            "language",
            "notify_matches",
            "notify_messages",
        )
        widgets = {"language": forms.Select(choices=[])}

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = settings.LANGUAGES


class OrganisationForm(forms.ModelForm):
    """An organisation's details; the network membership fields only for brokers (the view
    drops them for everyone else, and the domain refuses them too)."""

    website = forms.URLField(
        label=_("website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Organisation
        fields = (
            "name",
            "name_local",
            "type",
            "size",
            "country",
            "province",
            "website",
            "description",
            "member_type",
            "member_since",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "member_since": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, membership: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not membership:
            for name in ("member_type", "member_since"):
                del self.fields[name]
