from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.domain import datasets as transfer


class ImportForm(forms.Form):
    dataset = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8), Excel workbook (.xlsx) or JSON.")
    )

    def __init__(self, *args, datasets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [
            (name, str(transfer.DATASETS[name].label).capitalize()) for name in datasets
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; at most %(max)s MB are accepted.")
                % {
                    "size": round(upload.size / (1024 * 1024), 1),
                    "max": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
                }
            )
        return upload
