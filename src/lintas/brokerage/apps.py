from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokerageConfig(AppConfig):
    name = "lintas.brokerage"
    label = "brokerage"
    verbose_name = _("Brokerage")

    def ready(self):
        from lintas.brokerage import receivers  # noqa: F401 (connects the signal receivers)
