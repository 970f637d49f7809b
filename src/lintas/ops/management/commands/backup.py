"""lintas backup PATH"""

from django.core.management.base import BaseCommand

from lintas.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive with the database (pg_dump or a consistent SQLite copy), uploaded "
        "files, the secret key, the configuration and a manifest of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            manifest = create_backup(options["path"], log=self.stdout.write)
        except BackupError as error:
            self.stderr.write(f"lintas backup: {error}")
            raise SystemExit(2) from error
        self.stdout.write(
            f"backup written: {sum(manifest['tables'].values())} rows, "
            f"{manifest['media_files']} files"
        )
