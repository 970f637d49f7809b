from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lintas.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self):
        from lintas.core.context_processors import NAV_EXTRAS
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.network import demo

        if demo.load not in EXTRA_LOADERS:
            EXTRA_LOADERS.append(demo.load)
        if not any(name == "network:index" for name, *_rest in NAV_EXTRAS):
            NAV_EXTRAS.append(("network:index", _("Network"), lambda user: True))
