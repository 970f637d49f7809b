from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lintas.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from django.conf import settings

        from lintas.insights import receivers, tasks  # noqa: F401 (connects receivers; registers tasks)

        # The dashboard summary is rebuilt every hour (and by loaddemo, and on demand).
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            schedule.setdefault(
                "insights-refresh-summary",
                {"task": "lintas.insights.refresh_summary", "schedule": 3600},
            )
