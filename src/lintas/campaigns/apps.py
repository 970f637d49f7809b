from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "lintas.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from lintas.campaigns import receivers  # noqa: F401 (connects the signal receivers)
