"""python manage.py ingest PATH...: Ofsted letters, reports and news summaries into the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from inspections.ingest import IngestContext, IngestError, documents_ingest, parsed_as_json
from inspections.maintenance import statistics_refresh
from inspections.parsing import DOC_KINDS

SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}


def iso_date(value: str, option: str = "--published") -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date as YYYY-MM-DD, not {value!r}", returncode=2) from None


def document_paths(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder", returncode=2)
    return found


class Progress:
    """A bar on a terminal; plain lines otherwise."""

    def __init__(self, stream, total: int, enabled: bool):
        self.stream, self.total, self.enabled = stream, total, enabled
        self.tty = enabled and stream.isatty()

    def step(self, done: int, path: Path, status: str) -> None:
        if not self.enabled:
            return
        if self.tty:
            width = 30
            filled = width * done // self.total
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done == self.total else ""
            self.stream.write(f"\r[{bar}] {done}/{self.total} {path.name[:40]:<40}", ending=end)
        else:
            self.stream.write(f"{done}/{self.total} {path}: {status}")
        self.stream.flush()


class Command(BaseCommand):
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

    def handle(self, *args, **options):
        published = iso_date(options["published"]) if options["published"] else None
        source_url = options["source_url"]
        if source_url:
            try:
                URLValidator(schemes=["http", "https"])(source_url)
            except ValidationError:
                raise CommandError(
                    f"--source-url is not a web address: {source_url!r}", returncode=2
                ) from None
        paths = document_paths(options["paths"])
        if not paths:
            raise CommandError(
                "no .txt, .html or .pdf documents found in " + ", ".join(options["paths"]), returncode=2
            )

        dry_run, as_json = options["dry_run"], options["json"]
        try:
            context = IngestContext.for_dry_run() if dry_run else IngestContext.load()
        except IngestError as error:
            raise CommandError(str(error), returncode=2) from None

        workers = options["workers"] if options["workers"] is not None else settings.INGEST_WORKERS
        outcomes = documents_ingest(
            paths,
            context=context,
            kind=options["kind"],
            published=published,
            source_url=source_url,
            dry_run=dry_run,
            workers=workers if len(paths) > 1 else 0,
        )
        progress = Progress(self.stderr, len(paths), enabled=not as_json and options["verbosity"] > 0)
        records, failures, copies = [], [], []
        counts = {"new": 0, "unchanged": 0, "failed": 0}
        for done, (path, outcome) in enumerate(zip(paths, outcomes, strict=True), start=1):
            counts[outcome.status] += 1
            if outcome.error:
                failures.append((path, outcome.error))
            if outcome.copy_note:
                copies.append(f"{path}: {outcome.copy_note}")
            records.append(self.record(path, outcome, dry_run))
            progress.step(done, path, outcome.status if not outcome.error else f"failed: {outcome.error}")

        if not dry_run and counts["new"]:
            statistics_refresh()
        if as_json:
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
        for line in copies:
            (self.stderr if as_json else self.stdout).write(line)
        for path, reason in failures:
            self.stderr.write(f"FAILED {path}: {reason}")
        verb = "read" if dry_run else "new"
        summary = (
            f"{len(paths)} documents: {counts['new']} {verb}, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed"
        )
        (self.stderr if as_json else self.stdout).write(summary)
        if failures:
            raise CommandError(f"{len(failures)} of {len(paths)} documents failed", returncode=1)

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
