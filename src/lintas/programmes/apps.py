from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "lintas.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.programmes import demo

        EXTRA_LOADERS.append(demo.load_programmes)
