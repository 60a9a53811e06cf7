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


def full_ingest(named: list[tuple[str, bytes]]) -> tuple[float, dict[str, int]]:
    from inspections.ingest import IngestContext, document_ingest

    counts: dict[str, int] = {}
    start = time.perf_counter()
    context = IngestContext.load()
    for name, data in named:
        outcome = document_ingest(data=data, filename=name, context=context)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return time.perf_counter() - start, counts


def read_corpus(corpus: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(corpus.glob("*.pdf"))]


def memory_probe(corpus: Path, copies: int) -> None:
    """Child process: ingest the corpus `copies` times over (each copy distinct), print peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        named = read_corpus(corpus)
        batch = [(f"{i}-{name}", data + f"\n%copy {i}\n".encode()) for i in range(copies) for name, data in named]
        _, counts = full_ingest(batch)
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{len(batch)} {counts.get('new', 0)} {peak_kib}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory-copies", default="1,2,4", help="corpus copies per memory probe")
    parser.add_argument("--probe", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        memory_probe(args.corpus, args.probe)
        return

    named = read_corpus(args.corpus)
    blobs = [data for _, data in named]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        floors, ingests = [], []
        for _ in range(args.rounds):
            fresh_tables()
            floor, pages = bare_extraction(blobs)
            elapsed, counts = full_ingest(named)
            floors.append(floor)
            ingests.append(elapsed)
    floor, elapsed = min(floors), min(ingests)
    documents = len(named)
    print(f"corpus: {args.corpus} ({documents} files, {pages} PDF pages); best of {args.rounds} rounds")
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
    print("| documents ingested in one process | peak RSS |")
    print("| --- | --- |")
    for copies in (int(c) for c in args.memory_copies.split(",")):
        result = subprocess.run(
            [sys.executable, __file__, "--corpus", str(args.corpus), "--probe", str(copies)],
            capture_output=True,
            text=True,
            check=True,
        )
        total, new, peak_kib = result.stdout.split()[-3:]
        print(f"| {total} ({new} new) | {int(peak_kib) / 1024:.0f} MiB |")


if __name__ == "__main__":
    main()
