"""python manage.py ingest PATH...: Ofsted letters, reports and news summaries into the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from inspections.ingest import (
    IngestContext,
    IngestError,
    document_ingest,
    document_parse,
    parsed_as_json,
    sha256_of,
)
from inspections.parsing import DOC_KINDS, ParseError

SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date as YYYY-MM-DD, not {value!r}", returncode=2) from None


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

        progress = Progress(self.stderr, len(paths), enabled=not as_json and options["verbosity"] > 0)
        records, failures = [], []
        counts = {"new": 0, "unchanged": 0, "failed": 0}
        for done, path in enumerate(paths, start=1):
            try:
                data = path.read_bytes()
            except OSError as error:
                status, reason, record = "failed", f"cannot read: {error.strerror}", None
            else:
                status, reason, record = self.one(
                    data, path, context, dry_run, options["kind"], published, source_url
                )
            counts[status] += 1
            if reason:
                failures.append((path, reason))
            if record is not None:
                records.append(record)
            progress.step(done, path, status if not reason else f"failed: {reason}")

        if as_json:
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
        for path, reason in failures:
            self.stderr.write(f"FAILED {path}: {reason}")
        verb = "read" if dry_run else "new"
        summary = f"{len(paths)} documents: {counts['new']} {verb}, {counts['unchanged']} unchanged, {counts['failed']} failed"
        (self.stderr if as_json else self.stdout).write(summary)
        if failures:
            raise CommandError(f"{len(failures)} of {len(paths)} documents failed", returncode=1)

    def one(self, data, path, context, dry_run, kind, published, source_url):
        """Returns (status, failure reason or None, JSON record or None)."""
        if dry_run:
            sha = sha256_of(data)
            try:
                parsed = document_parse(
                    data=data, context=context, kind=kind, published=published, source_url=source_url
                )
            except ParseError as error:
                return "failed", str(error), {"file": str(path), "sha256": sha, "error": str(error)}
            return "new", None, parsed_as_json(parsed, filename=str(path), sha256=sha)
        outcome = document_ingest(
            data=data,
            filename=path.name,
            context=context,
            kind=kind,
            published=published,
            source_url=source_url,
        )
        record = {
            "file": str(path),
            "sha256": outcome.sha256,
            "status": outcome.status,
            "error": outcome.error,
            "visit_id": outcome.visit.pk if outcome.visit else None,
            "warnings": outcome.warnings,
        }
        return outcome.status, outcome.error, record
