"""lintas serve [--workers N] [--bind ADDR] [--threads N] [--timeout S] [--max-requests N]"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from lintas.ops.server import LintasServer, default_workers, gunicorn_options


class Command(BaseCommand):
    help = "Serve Lintas with gunicorn (the production web server); static files via WhiteNoise."

    def add_arguments(self, parser):
        config = settings.CONFIG
        parser.add_argument("--bind", default=config.get("LINTAS_SERVE_BIND"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(config.get("LINTAS_SERVE_WORKERS") or default_workers()),
        )
        parser.add_argument("--threads", type=int, default=config.integer("LINTAS_SERVE_THREADS"))
        parser.add_argument("--timeout", type=int, default=config.integer("LINTAS_SERVE_TIMEOUT"))
        parser.add_argument(
            "--max-requests", type=int, default=config.integer("LINTAS_SERVE_MAX_REQUESTS")
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="skip copying static files into STATIC_ROOT (already done for this release)",
        )

    def handle(self, *args, **options):
        if options["workers"] < 1 or options["threads"] < 1:
            self.stderr.write("--workers and --threads must be at least 1")
            raise SystemExit(2)
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Serve the collected files (with their compressed copies) rather than the source
        # folders that WHITENOISE_USE_FINDERS gives `runserver` and the demo.
        settings.WHITENOISE_USE_FINDERS = False
        LintasServer(
            gunicorn_options(
                bind=options["bind"],
                workers=options["workers"],
                threads=options["threads"],
                timeout=options["timeout"],
                max_requests=options["max_requests"],
                logging=settings.LOGGING,
            )
        ).run()
