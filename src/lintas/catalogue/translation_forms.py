from django import forms
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.models.profile import DESCRIPTION_MAX, SUMMARY_MAX, TITLE_MAX


class TranslationForm(forms.Form):
    """A profile's text in another language. ``language`` is offered only when adding."""

    language = forms.ChoiceField(label=_("Language"), choices=())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Optional. Without it, readers see the original description."),
    )
    machine = forms.BooleanField(
        label=_("This text is a machine translation"),
        required=False,
        help_text=_(
            "Readers see it labelled as machine translation. Untick it only if you rewrote it."
        ),
    )

    def __init__(self, *args, profile, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if adding:
            taken = {profile.content_language} | {t.language for t in profile.translations.all()}
            self.fields["language"].choices = [
                (code, label) for code, label in ContentLanguage.choices if code not in taken
            ]
        else:
            del self.fields["language"]
