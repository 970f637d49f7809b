from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "lintas.talents"
    label = "talents"
    verbose_name = _("Talents")

    def ready(self):
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.talents import demo

        if demo.load not in EXTRA_LOADERS:
            EXTRA_LOADERS.append(demo.load)
