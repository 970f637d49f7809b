from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lintas.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from django.conf import settings

        from lintas.core.domain.refresh import data_changed
        from lintas.insights import tasks  # noqa: F401 (registers the task)
        from lintas.insights.domain import refresh

        # Writes announce what they changed; the summary follows within a minute.
        data_changed.connect(refresh.request, dispatch_uid="lintas.insights.refresh")

        # The dashboard summary is rebuilt every hour (and by loaddemo, and on demand).
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            schedule.setdefault(
                "insights-refresh-summary",
                {"task": "lintas.insights.refresh_summary", "schedule": 3600},
            )
