from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "lintas.talents"
    label = "talents"
    verbose_name = _("Talents")

    def ready(self):
        from lintas.catalogue.hooks import DETAIL_EXTRAS
        from lintas.talents import hooks

        if hooks.experts_extra not in DETAIL_EXTRAS:
            DETAIL_EXTRAS.append(hooks.experts_extra)
