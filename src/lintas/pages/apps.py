from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top floor's pages that gather several apps: the home page and the main menu."""

    name = "lintas.pages"
    label = "pages"
    verbose_name = _("Pages")
