from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "lintas.talents"
    label = "talents"
    verbose_name = _("Talents")

    def ready(self):
        from lintas.talents import receivers  # noqa: F401 (connects the signal receivers)
