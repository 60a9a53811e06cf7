"""python manage.py restore PATH: a backup into an empty deployment, checked against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from authorities.management.base import printable
from inspections.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Load a backup written by `backup` into this deployment's database (DATABASE_URL), then check "
        "every table's row count and every original's sha256 against the backup's manifest. Refuses a "
        "database that already holds documents unless --force (which replaces everything in it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH", help="the backup's folder")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds documents"
        )

    def handle(self, *args, path: Path, force: bool, **options):
        try:
            verified = restore(path, force=force)
        except BackupError as error:
            raise CommandError(printable(error)) from None
        self.stdout.write(
            f"restored {printable(path)}: {verified.rows:,} rows in {verified.tables} tables and "
            f"{verified.documents:,} originals; every row count and sha256 matches the manifest"
        )
        if verified.unapplied_migrations:
            self.stdout.write(
                f"the backup predates {verified.unapplied_migrations} migrations of this version: "
                "run python manage.py migrate"
            )
