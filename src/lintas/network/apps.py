from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lintas.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self):
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.network import demo

        if demo.load not in EXTRA_LOADERS:
            EXTRA_LOADERS.append(demo.load)
