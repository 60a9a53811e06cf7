"""Rebuild the cleaned reference data (authorities/data/*.csv) from the shared public sources."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from authorities.reference import DATA_DIR
from authorities.reference_build import ReferenceBuildError, build_reference, write_reference
from authorities.workforce import WorkforceDataError, build_workforce


class Command(BaseCommand):
    help = (
        "Build authorities/data/authorities.csv, predecessors.csv and statistical_neighbours.csv from "
        "Ofsted's provider lookup, DfE's statistical neighbours and Ofsted's outcomes workbook, and "
        "workforce.csv from DfE's social work workforce indicators."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "reference",
            help="Folder holding the shared reference files (default ../shared/reference).",
        )
        parser.add_argument(
            "--out", type=Path, default=DATA_DIR, help="Folder to write to (default authorities/data)."
        )

    def handle(self, *args, source: Path, out: Path, verbosity: int, **options):
        if not source.is_dir():
            raise CommandError(f"{source}: no such folder")
        try:
            data = build_reference(source)
            workforce_path, workforce_rows = build_workforce(source, out)
        except (ReferenceBuildError, WorkforceDataError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        paths = write_reference(data, out)
        if verbosity >= 2:
            for correction in data.corrections:
                self.stdout.write(f"  corrected: {correction}")
        if verbosity >= 1:
            self.stdout.write(
                f"Wrote {len(data.authorities)} authorities, {len(data.predecessors)} predecessors and "
                f"{len(data.neighbours)} statistical neighbour links ({len(data.corrections)} corrections) "
                f"to {', '.join(str(p) for p in paths)}"
            )
            self.stdout.write(f"Wrote {workforce_rows} workforce rows to {workforce_path}")
