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
        from lintas.catalogue.hooks import set_words_search
        from lintas.matching.domain.search import ranked_ids

        set_words_search(ranked_ids)  # the lists' "Words" box uses the search engine
