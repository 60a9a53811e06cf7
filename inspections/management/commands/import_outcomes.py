"""Import Ofsted's official statistics workbook "Local authority inspection outcomes" (ODS).

Exit status: 0 when every row went in, 1 when some rows were skipped (the rest still went in) or
the file could not be imported, 2 for bad usage (no such file).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from authorities.management.base import DatabaseCommand
from inspections.ingest import StatisticsImportError, document_read, import_outcomes
from inspections.maintenance import statistics_refresh
from inspections.parsing import ParseError
from inspections.parsing.official_statistics import WorkbookError


class Command(DatabaseCommand):
    help = (
        "Import Ofsted's 'Local authority inspection outcomes' workbook: every ILACS inspection, focused "
        "visit and monitoring visit it lists, with their judgements. Importing the same file twice changes "
        "nothing; a later edition updates the same visits."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .ods workbook.")
        parser.add_argument("--source-url", default="", help="Where the workbook was published.")

    def handle(self, *args, file: Path, source_url: str, verbosity: int, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file", returncode=2)
        try:
            data = document_read(file)  # refused from its size over MAX_DOCUMENT_BYTES
            result = import_outcomes(data=data, filename=file.name, source_url=source_url)
        except (WorkbookError, StatisticsImportError, ParseError) as error:
            raise CommandError(f"{file}: {error}") from error
        statistics_refresh()
        for problem in result.skipped:
            self.stderr.write(f"skipped {problem}")
        if verbosity >= 1:
            for warning in result.warnings:
                self.stderr.write(f"warning: {warning}")
            self.stdout.write(result.summary())
        if result.skipped:
            raise CommandError(f"{file}: {len(result.skipped)} rows skipped", returncode=1)
