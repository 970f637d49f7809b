from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "lintas.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from lintas.core.context_processors import NAV_EXTRAS
        from lintas.core.domain.stats import FIGURE_PROVIDERS
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.programmes import demo
        from lintas.programmes.domain.queries import figures

        NAV_EXTRAS.append(("programmes:index", _("Programmes"), lambda user: True))
        FIGURE_PROVIDERS.append(figures)
        EXTRA_LOADERS.append(demo.load_programmes)
