"""lintas import profiles|organisations|users FILE [--dry-run] [--as USERNAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, no_translations
from django.db.models import Q

from lintas.catalogue.domain.datasets import DATASETS
from lintas.core.domain.transfer import run_import


class Command(BaseCommand):
    help = (
        "Import offers and needs, organisations or people from a CSV, XLSX or JSON file: every "
        "row is checked, then all are written in one transaction, or none (exit 2 on any bad "
        "row). --dry-run checks and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=list(DATASETS))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--as",
            dest="actor",
            metavar="USERNAME",
            help="the broker or administrator the import is recorded under "
            "(default: the first active administrator)",
        )

    def fail(self, message: str):
        self.stderr.write(f"lintas import: {message}")
        raise SystemExit(2)

    @no_translations  # messages in English, whatever language a caller left active
    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            self.fail(f"{path}: no such file")
        actor = self.actor(options["actor"])
        dataset = DATASETS[options["dataset"]]
        try:
            report = run_import(
                dataset=dataset,
                actor=actor,
                data=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except ValidationError as error:
            self.fail(f"{path}: {' '.join(error.messages)}")
        except PermissionDenied as error:
            self.fail(str(error))
        for problem in report.problems:
            column = f", column {problem.column}" if problem.column else ""
            self.stderr.write(f"{path}: row {problem.row}{column}: {problem.message}")
        if not report.ok:
            self.fail(
                f"{len(report.problems)} problem(s) in {report.rows} row(s); nothing was imported"
            )
        if report.dry_run:
            self.stdout.write(
                f"dry run: {len(report.accepted)} {dataset.name} would be imported; nothing written"
            )
        else:
            for line in report.accepted:
                self.stdout.write(f"  {line}")
            self.stdout.write(f"imported {len(report.accepted)} {dataset.name}")

    def actor(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            found = users.filter(username=username).first()
            if found is None:
                self.fail(f"no active account {username!r}")
            return found
        found = users.filter(Q(role="admin") | Q(is_superuser=True)).order_by("id").first()
        if found is None:
            self.fail("no active administrator to record the import under; name one with --as")
        return found
