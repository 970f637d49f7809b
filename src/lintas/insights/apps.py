from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lintas.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from lintas.api.registry import EXTRA_ROUTES, EXTRA_URLS
        from lintas.core.context_processors import NAV_EXTRAS
        from lintas.insights import api

        if not any(name == "insights:impact" for name, *_rest in NAV_EXTRAS):
            NAV_EXTRAS.extend(
                [
                    ("insights:impact", _("Impact"), lambda user: True),
                    (
                        "insights:dashboard",
                        _("Dashboard"),
                        lambda user: user.is_authenticated and (user.is_broker or user.is_officer),
                    ),
                ]
            )
        routes = {prefix for prefix, _v, _b in EXTRA_ROUTES}
        for prefix, viewset, basename in api.ROUTES:
            if prefix not in routes:
                EXTRA_ROUTES.append((prefix, viewset, basename))
        names = {getattr(u, "name", None) for u in EXTRA_URLS}
        for url in api.URLS:
            if url.name not in names:
                EXTRA_URLS.append(url)
