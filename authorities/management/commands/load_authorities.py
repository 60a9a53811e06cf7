"""Load the cleaned reference data of English local authorities into the database (idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from authorities.management.base import DatabaseCommand
from authorities.reference import DATA_DIR
from authorities.services import ReferenceDataError, load_reference_data
from authorities.workforce import WORKFORCE_CSV, load_workforce


class Command(DatabaseCommand):
    help = (
        "Load the 153 English authorities with children's services responsibilities, their aliases, "
        "predecessors and DfE statistical neighbours, and DfE's social work workforce figures, from "
        "authorities/data/. Loading twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, default=DATA_DIR, help="Folder of the cleaned CSV files."
        )

    def handle(self, *args, data_dir: Path, verbosity: int, **options):
        try:
            result = load_reference_data(data_dir=data_dir)
            created, updated = load_workforce(path=data_dir / WORKFORCE_CSV.name)
        except (ReferenceDataError, FileNotFoundError, KeyError, ValueError) as error:
            raise CommandError(f"{data_dir}: {error}") from error
        if verbosity >= 1:
            self.stdout.write(f"{result.summary()}; workforce figures {created} new, {updated} updated")
