from django.core.management.base import BaseCommand

from lintas.matching.domain.indexing import reindex


class Command(BaseCommand):
    help = "Rebuild the search index and matches from the database (encodes only changed texts)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="re-encode every published profile"
        )

    def handle(self, *args, force=False, **options):
        figures = reindex(force=force, log=self.stdout.write)
        self.stdout.write("reindex: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
