"""lintas restore PATH [--force]"""

from django.core.management.base import BaseCommand

from lintas.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `lintas backup` archive into an empty database and data folder (--force "
        "replaces what is there), check row counts and checksums, and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--force", action="store_true", help="replace a database or media folder in use"
        )

    def handle(self, *args, **options):
        try:
            restore_backup(options["path"], force=options["force"], log=self.stdout.write)
        except BackupError as error:
            self.stderr.write(f"lintas restore: {error}")
            raise SystemExit(2) from error
        self.stdout.write("restore complete")
