from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lintas.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Bind shared tasks to our Celery app (eager unless a broker is configured).
        import lintas.celery  # noqa: F401
        import lintas.core.checks  # noqa: F401  (registers the deployment checks)
