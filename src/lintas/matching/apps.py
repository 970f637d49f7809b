from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "lintas.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from lintas.catalogue.hooks import DETAIL_EXTRAS
        from lintas.matching import views

        DETAIL_EXTRAS.append(views.matches_extra)
