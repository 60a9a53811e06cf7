"""Ingest speed against its floor, and peak memory against the number of documents.

    .venv/bin/python benchmarks/ingest_corpus.py [--corpus DIR] [--rounds N]

The floor is bare PDF text extraction (pypdfium2, one pass over every page) of the same files in
the same run. Each round times the floor, then a full ingest (parse, classify, store) into a fresh
SQLite database; the best round of each is reported, and their ratio. Peak memory is the maximum
resident set size of a child process that ingests N documents (the corpus repeated, each copy made
distinct), for growing N.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ofsted-reports"


def setup_django(database: Path) -> None:
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)


def fresh_tables() -> None:
    from inspections.models import SourceDocument, Visit

    Visit.objects.all().delete()
    SourceDocument.objects.all().delete()


def bare_extraction(blobs: list[bytes]) -> tuple[float, int]:
    import pypdfium2 as pdfium

    pages = 0
    start = time.perf_counter()
    for data in blobs:
        if not data.startswith(b"%PDF"):
            continue
        document = pdfium.PdfDocument(data)
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        document.close()
    return time.perf_counter() - start, pages


def full_ingest(paths: list[Path], workers: int) -> tuple[float, dict[str, int]]:
    """What `manage.py ingest` does, timed: parse (in workers) and store every file."""
    from inspections.ingest import IngestContext, documents_ingest

    counts: dict[str, int] = {}
    start = time.perf_counter()
    context = IngestContext.load()
    for outcome in documents_ingest(paths, context=context, workers=workers):
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return time.perf_counter() - start, counts


def memory_probe(corpus: Path, copies: int) -> None:
    """Child process: ingest the corpus `copies` times over (each copy distinct), parsing and
    storing in this one process so that its peak RSS covers both; print it."""
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        paths = []
        for i in range(copies):
            for path in sorted(corpus.glob("*.pdf")):
                copy = Path(tmp) / f"{i}-{path.name}"
                copy.write_bytes(path.read_bytes() + f"\n%copy {i}\n".encode())
                paths.append(copy)
        _, counts = full_ingest(paths, workers=0)
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{len(paths)} {counts.get('new', 0)} {peak_kib}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory-copies", default="1,2,4", help="corpus copies per memory probe")
    parser.add_argument("--workers", type=int, default=2, help="parsing processes, as INGEST_WORKERS")
    parser.add_argument("--probe", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        memory_probe(args.corpus, args.probe)
        return

    paths = sorted(args.corpus.glob("*.pdf"))
    blobs = [path.read_bytes() for path in paths]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        floors, ingests = [], []
        for _ in range(args.rounds):
            fresh_tables()
            floor, pages = bare_extraction(blobs)
            elapsed, counts = full_ingest(paths, args.workers)
            floors.append(floor)
            ingests.append(elapsed)
    floor, elapsed = min(floors), min(ingests)
    documents = len(paths)
    print(f"corpus: {args.corpus} ({documents} files, {pages} PDF pages); best of {args.rounds} rounds")
    print(f"ingest with {args.workers} parsing worker processes (0: all in one process)")
    print(f"outcomes of the last round: {counts}")
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| bare PDF text extraction (floor) | {floor:.2f} s |")
    print(f"| full ingest (parse, classify, store on SQLite) | {elapsed:.2f} s |")
    print(f"| ratio ingest / floor | {elapsed / floor:.2f} |")
    print(f"| documents per second | {documents / elapsed:.1f} |")
    print(f"| pages per second | {pages / elapsed:.0f} |")
    print()
    print("| documents ingested in one process (parse and store) | peak RSS |")
    print("| --- | --- |")
    for copies in (int(c) for c in args.memory_copies.split(",")):
        result = subprocess.run(
            [
                sys.executable,
                __file__,
                "--corpus",
                str(args.corpus),
                "--probe",
                str(copies),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        total, new, peak_kib = result.stdout.split()[-3:]
        print(f"| {total} ({new} new) | {int(peak_kib) / 1024:.0f} MiB |")


if __name__ == "__main__":
    main()
