from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lintas.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self):
        from lintas.network import receivers  # noqa: F401 (connects the signal receivers)
