from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "lintas.integrations"
    label = "integrations"
    verbose_name = _("Integrations")

    def ready(self):
        from lintas.integrations import receivers  # noqa: F401 (connects the signal receivers)
