"""python manage.py backup PATH: the database, every stored original and a manifest, consistent."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from authorities.management.base import printable
from inspections.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database (SQLite's online backup, or pg_dump), every stored "
        "original document and a manifest (row counts, sha256 of each original) into PATH, a new folder. "
        "Safe while the server runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, metavar="PATH", help="a folder that does not exist yet, or is empty"
        )

    def handle(self, *args, path: Path, **options):
        try:
            manifest = backup_write(path)
        except BackupError as error:
            raise CommandError(printable(error)) from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"{printable(path)}: {manifest['database']['engine']} database ({rows:,} rows in "
            f"{len(manifest['row_counts'])} tables) and {len(manifest['originals']):,} originals"
        )
