from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from lintas.core.domain.accounts import SELF_SERVICE_ROLES
from lintas.core.models import Organisation, User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label=_("Organisation"),
        help_text=_("Not listed? Ask a broker to add your organisation."),
    )
    role = forms.ChoiceField(
        label=_("I want to"),
        choices=[("provider", _("offer technology")), ("seeker", _("find technology"))],
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "organisation", "role")

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address exists already."))
        return email

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role not in SELF_SERVICE_ROLES:
            raise forms.ValidationError(_("Choose provider or seeker."))
        return role


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
