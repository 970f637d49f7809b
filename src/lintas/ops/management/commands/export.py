"""lintas export profiles|organisations|users FILE [--format csv|xlsx|json] [--public]"""

import os
import tempfile
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, no_translations

from lintas.catalogue.domain.datasets import DATASETS, export
from lintas.core.tabular import FORMATS


class Command(BaseCommand):
    help = (
        "Export offers and needs, organisations or people to CSV, XLSX or JSON in the columns "
        "the import reads (every profile and field; --public: what a visitor may download)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=list(DATASETS))
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, help="default: the file's extension")
        parser.add_argument(
            "--public",
            action="store_true",
            help="published profiles without confidential fields, as a visitor downloads them",
        )

    @no_translations  # messages in English, whatever language a caller left active
    def handle(self, *args, **options):
        path = Path(options["file"])
        fmt = options["format"] or path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            self.stderr.write("lintas export: give --format csv, xlsx or json")
            raise SystemExit(2)
        user = AnonymousUser() if options["public"] else None
        if options["public"] and options["dataset"] == "users":
            self.stderr.write("lintas export: the list of people is never public")
            raise SystemExit(2)
        data = export(user=user, name=options["dataset"], fmt=fmt)
        # Written beside the target and renamed, so a failed run leaves an existing file alone.
        handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=".lintas-export-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
        self.stdout.write(f"exported {options['dataset']} to {path} ({len(data):,} bytes)")
