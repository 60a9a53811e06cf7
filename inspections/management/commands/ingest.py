"""python manage.py ingest PATH...: Ofsted letters, reports and news summaries into the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import URLValidator

from authorities.management.base import DatabaseCommand, SomeFailed, printable
from inspections.ingest import IngestContext, IngestError, documents_ingest, parsed_as_json
from inspections.ingest.paths import DocumentPaths, document_paths
from inspections.maintenance import statistics_refresh
from inspections.parsing import DOC_KINDS


def iso_date(value: str, option: str = "--published") -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date as YYYY-MM-DD, not {value!r}", returncode=2) from None


class Progress:
    """A bar on a terminal; plain lines otherwise."""

    def __init__(self, stream, total: int, enabled: bool):
        self.stream, self.total, self.enabled = stream, total, enabled
        self.tty = enabled and stream.isatty()

    def step(self, done: int, path: Path, status: str, error: str = "") -> None:
        """A failure gets a line of its own whatever the verbosity, above the bar on a terminal."""
        if error:
            self.problem(f"FAILED {path}: {error}")
        if not self.enabled or (error and not self.tty):
            return
        if self.tty:
            width = 30
            filled = width * done // self.total
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done == self.total else ""
            name = printable(path.name)[:40]
            self.stream.write(f"\r[{bar}] {done}/{self.total} {name:<40}", ending=end)
        else:
            self.stream.write(f"{done}/{self.total} {printable(path)}: {status}")
        self.stream.flush()

    def problem(self, line: str) -> None:
        if self.tty:
            self.stream.write("\r\033[K", ending="")  # the bar's line, cleared
        self.stream.write(printable(line))


class Command(DatabaseCommand):
    help = "Read Ofsted letters, reports and news summaries (.txt, .html, .pdf) into visits and findings."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument("--dry-run", action="store_true", help="parse only; write nothing")
        parser.add_argument(
            "--json", action="store_true", help="write one JSON object per document to stdout"
        )
        parser.add_argument(
            "--kind", choices=DOC_KINDS, help="what the documents are, instead of telling by content"
        )
        parser.add_argument("--published", help="publication date YYYY-MM-DD, where a document states none")
        parser.add_argument("--source-url", help="where the document was published")
        parser.add_argument(
            "--workers", type=int, help="processes that parse while this one stores (default INGEST_WORKERS)"
        )

    def uses_database(self, options) -> bool:
        return not options["dry_run"]

    def handle(self, *args, **options):
        published = iso_date(options["published"]) if options["published"] else None
        source_url = options["source_url"]
        if source_url:
            try:
                URLValidator(schemes=["http", "https"])(source_url)
            except ValidationError:
                raise CommandError(
                    f"--source-url is not a web address: {printable(source_url)}", returncode=2
                ) from None
        found = self.documents_found(options["paths"])

        dry_run, as_json = options["dry_run"], options["json"]
        try:
            context = IngestContext.for_dry_run() if dry_run else IngestContext.load()
        except IngestError as error:
            raise CommandError(str(error), returncode=2) from None

        paths = found.files
        workers = options["workers"] if options["workers"] is not None else settings.INGEST_WORKERS
        outcomes = documents_ingest(
            paths,
            context=context,
            kind=options["kind"],
            published=published,
            source_url=source_url,
            dry_run=dry_run,
            workers=min(workers, len(paths)),  # one file is parsed under the limits too
        )
        progress = Progress(self.stderr, len(paths), enabled=not as_json and options["verbosity"] > 0)
        records, copies = [], []
        counts = {"new": 0, "unchanged": 0, "failed": 0}
        for done, (path, outcome) in enumerate(zip(paths, outcomes, strict=True), start=1):
            counts[outcome.status] += 1
            if outcome.copy_note:
                copies.append(f"{printable(path)}: {outcome.copy_note}")
            records.append(self.record(path, outcome, dry_run))
            progress.step(done, path, outcome.status, outcome.error or "")

        if not dry_run and counts["new"]:
            statistics_refresh()
        if as_json:
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
        for line in copies:
            (self.stderr if as_json else self.stdout).write(line)
        (self.stderr if as_json else self.stdout).write(self.summary(counts, found, dry_run))
        if counts["failed"] or found.unreadable:
            raise SomeFailed

    def documents_found(self, names: list[str]) -> DocumentPaths:
        """The documents to read; a line for each path that could not be followed or read."""
        found = document_paths(names)
        if found.missing:
            raise CommandError(f"{printable(found.missing[0])}: no such file or folder", returncode=2)
        if not found.files and not found.unreadable:
            listed = ", ".join(map(printable, names))
            raise CommandError(f"no .txt, .html or .pdf documents found in {listed}", returncode=2)
        for skipped in found.unreadable:
            self.stderr.write(f"SKIPPED {printable(skipped.path)}: {skipped.problem}")
        return found

    @staticmethod
    def summary(counts: dict, found: DocumentPaths, dry_run: bool) -> str:
        """ "63 documents: 60 new, 2 unchanged, 1 failed", and the paths that could not be read"""
        verb = "read" if dry_run else "new"
        line = (
            f"{len(found.files)} documents: {counts['new']} {verb}, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed"
        )
        if found.unreadable:
            skipped = len(found.unreadable)
            line += f"; {skipped} path{'s' if skipped != 1 else ''} skipped"
        return line

    def record(self, path, outcome, dry_run) -> dict:
        if dry_run and outcome.parsed is not None:
            return parsed_as_json(outcome.parsed, filename=str(path), sha256=outcome.sha256)
        if dry_run:
            return {"file": str(path), "sha256": outcome.sha256, "error": outcome.error}
        return {
            "file": str(path),
            "sha256": outcome.sha256,
            "status": outcome.status,
            "error": outcome.error,
            "visit_id": outcome.visit.pk if outcome.visit else None,
            "warnings": outcome.warnings,
        }
