"""What hostile files cost the parser: seconds and peak memory added, each in a process of its own.

    .venv/bin/python benchmarks/hostile_inputs.py

A PDF whose one page's content stream inflates to 1 GB of spaces (a 1 MB file); one whose
content stream draws 30 MB of text (under the 32 MB inflation limit: the most a PDF can cost
before a limit stops it); HTML nested 2,000, 20,000 and 45,000 deep; a million unclosed tags.
Then the cost of the inflation check against the whole of PDF text extraction on the corpus.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ofsted-reports"

PROBE = """
import resource, time, zlib
from inspections.parsing import html, pdf  # imported before the clock starts
from inspections.parsing.extract import extract
from inspections.parsing.records import ParseError
from tests.parsing.pdf_files import HELLO, build_pdf, flate_bomb
def text_stream(megabytes):
    line = b"BT /F1 12 Tf 20 100 Td (" + b"A" * 1000 + b") Tj ET\\n"
    stream = zlib.compress(line * (megabytes * 1024 * 1024 // len(line)))
    contents = b"<< /Length %d /Filter /FlateDecode >>\\nstream\\n%s\\nendstream" % (len(stream), stream)
    return build_pdf([*HELLO[:3], contents, HELLO[4]])
ARTICLE = "<p>" + "Children in care are visited regularly by their social workers. " * 8 + "</p>"
data = {data}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    extract(data)
    outcome = "read"
except ParseError as error:
    outcome = str(error)
seconds = time.perf_counter() - started
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
print(f"{{len(data) / 1e6:.1f}} MB file | {{seconds:.2f}} s | {{grown}} MiB | {{outcome}}")
"""

CASES = {
    "PDF, content stream inflating to 1 GB": "flate_bomb(1024)",
    "PDF, 30 MB content stream of text": "text_stream(30)",
    "HTML nested 2,000 deep": '("<html><body>" + "<div>" * 2_000 + ARTICLE + "</div>" * 2_000).encode()',
    "HTML nested 20,000 deep": '("<html><body>" + "<div>" * 20_000 + ARTICLE + "</div>" * 20_000).encode()',
    "HTML nested 45,000 deep": '("<html><body>" + "<div>" * 45_000 + ARTICLE + "</div>" * 45_000).encode()',
    "HTML, a million unclosed tags": 'b"<html><body>" + b"<div>" * 1_000_000',
}


def inflation_check_cost() -> str:
    sys.path.insert(0, str(REPO))
    from inspections.parsing.limits import check_pdf_inflation
    from inspections.parsing.pdf import pdf_pages

    blobs = [path.read_bytes() for path in sorted(CORPUS.glob("*.pdf"))]
    blobs = [blob for blob in blobs if blob.startswith(b"%PDF-")]
    started = time.perf_counter()
    for blob in blobs:
        check_pdf_inflation(blob)
    check = time.perf_counter() - started
    started = time.perf_counter()
    for blob in blobs:
        pdf_pages(blob)
    whole = time.perf_counter() - started
    return f"inflation check {check:.2f} s of {whole:.2f} s for text extraction of {len(blobs)} PDFs"


def main() -> None:
    print("| input | file | time | memory added | outcome |\n| --- | --- | --- | --- | --- |")
    for name, data in CASES.items():
        probe = subprocess.run(
            [sys.executable, "-c", PROBE.format(data=data)], cwd=REPO, capture_output=True, text=True
        )
        print(f"| {name} | {probe.stdout.strip() or probe.stderr.strip().splitlines()[-1]} |")
    print(inflation_check_cost())


if __name__ == "__main__":
    main()
