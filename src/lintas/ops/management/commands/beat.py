"""lintas beat: the periodic schedule (settings.CELERY_BEAT_SCHEDULE, docs/deployment.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Celery beat: sends the scheduled tasks (run exactly one beat per site)."

    def add_arguments(self, parser):
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument(
            "--list", action="store_true", help="print the schedule and exit without running"
        )

    def handle(self, *args, **options):
        from lintas.celery import app

        if options["list"]:
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
                self.stdout.write(f"{name}\t{entry['task']}\t{entry['schedule']}")
            return
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stderr.write(
                "No broker configured (LINTAS_CELERY_BROKER_URL): nothing to send to."
            )
            raise SystemExit(2)
        schedule = settings.DATA_DIR / "celerybeat-schedule"
        argv = ["beat", "--loglevel", options["loglevel"], "--schedule", str(schedule)]
        raise SystemExit(app.start(argv) or 0)
