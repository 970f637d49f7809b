"""lintas worker [--concurrency N] [--queues Q1,Q2]"""

import os

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a Celery worker (needs LINTAS_CELERY_BROKER_URL; tasks run in process without it)."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 1)
        parser.add_argument("--queues", default="", help="comma-separated; default: celery")
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--max-tasks-per-child", type=int, default=200)

    def handle(self, *args, **options):
        from django.conf import settings

        from lintas.celery import app

        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stderr.write(
                "No broker configured (LINTAS_CELERY_BROKER_URL): tasks run inside the web "
                "processes; a worker has nothing to do."
            )
            raise SystemExit(2)
        argv = [
            "worker",
            "--loglevel",
            options["loglevel"],
            "--concurrency",
            str(options["concurrency"]),
            "--max-tasks-per-child",
            str(options["max_tasks_per_child"]),
            "-O",
            "fair",
            "--without-gossip",
            "--without-mingle",
        ]
        if options["queues"]:
            argv += ["--queues", options["queues"]]
        raise SystemExit(app.start(argv) or 0)
