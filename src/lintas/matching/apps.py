from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "lintas.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from lintas.catalogue.hooks import DETAIL_EXTRAS
        from lintas.core.context_processors import NAV_EXTRAS
        from lintas.matching import views

        DETAIL_EXTRAS.append(views.matches_extra)
        NAV_EXTRAS.append(("matching:search", _("Search"), lambda user: True))
        NAV_EXTRAS.append(
            ("matching:for_you", _("Matches for you"), lambda user: user.is_authenticated)
        )
