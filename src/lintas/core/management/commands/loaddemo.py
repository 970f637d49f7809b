from django.core.management.base import BaseCommand

from lintas.demo.loader import DEMO_PASSWORD, load_all


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and build the search index."

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="skip encoding and indexing")

    def handle(self, *args, no_index=False, **options):
        figures = load_all(log=self.stdout.write)
        self.stdout.write("loaded: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
        if not no_index:
            from django.core.management import call_command

            call_command("reindex", stdout=self.stdout)
        self.stdout.write(
            f"demo logins (password '{DEMO_PASSWORD}'): admin, broker, provider, seeker, officer"
        )
