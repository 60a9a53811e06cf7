"""A document whose text a stored source of its visit already has, whatever its format or encoding,
brings no new findings in a batch, which says so; and a finding is never stored twice for one visit."""

import codecs
from io import StringIO

from django.core.management import call_command

from inspections.ingest import document_ingest, document_parse
from inspections.ingest.findings import normalised
from inspections.models import Finding, SourceDocument
from tests.parsing.letter_pdfs import LAYOUTS, letter_pdf
from tests.paths import CORPUS, SEEDS

LETTER = next(SEEDS.glob("001_*"))
REPORT = CORPUS / "80486_barking-and-dagenham_2023-09-04.pdf"


def ingest(data: bytes, filename: str, context):
    return document_ingest(data=data, filename=filename, context=context)


def visit_findings(visit) -> list[str]:
    return list(Finding.objects.filter(visit=visit).values_list("text", flat=True))


def test_the_letter_in_utf16_with_and_without_a_byte_order_mark_adds_no_findings(context):
    text = LETTER.read_text(encoding="utf-8")
    first = ingest(text.encode("utf-8"), "letter.txt", context)
    stored = visit_findings(first.visit)
    assert len(stored) > 10

    with_bom = ingest(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "letter-utf16-bom.txt", context)
    without_bom = ingest(text.encode("utf-16-le"), "letter-utf16.txt", context)

    for copy in (with_bom, without_bom):
        assert copy.status == "new" and copy.visit == first.visit
        assert copy.document.copy_of == first.document
        assert copy.copy_note == f"same text as {first.document}: no new findings"
        assert copy.document.extracted_text == first.document.extracted_text, "read as text, not bytes"
    assert sorted(visit_findings(first.visit)) == sorted(stored)
    assert set(first.visit.sources.all()) == {first.document, with_bom.document, without_bom.document}


def test_the_letter_as_pdf_then_as_text_is_one_letter(context):
    text = LETTER.read_text(encoding="utf-8")
    pdf = ingest(letter_pdf(text, LAYOUTS[0]), "letter.pdf", context)
    stored = visit_findings(pdf.visit)
    retyped = ingest(text.encode(), "letter-retyped.txt", context)
    assert retyped.document.copy_of == pdf.document
    assert sorted(visit_findings(pdf.visit)) == sorted(stored)


def test_a_different_letter_for_another_visit_is_no_copy(seeds):
    """The five seeds: the Westminster letter and its news summaries are not copies of each other."""
    assert not SourceDocument.objects.filter(copy_of__isnull=False).exists()
    assert all(outcome.copy_note == "" for outcome in seeds)


def test_a_report_repeated_over_and_over_stores_each_finding_once(context):
    once = document_parse(data=REPORT.read_bytes(), context=context).text
    repeated = "\n\n".join([once] * 40)
    parsed = document_parse(data=repeated.encode(), context=context)
    distinct = {normalised(f.text) for f in parsed.findings}
    assert len(parsed.findings) > 2 * len(distinct), "the parse repeats findings"

    outcome = ingest(repeated.encode(), "repeated.txt", context)
    stored = visit_findings(outcome.visit)
    assert len(stored) == len(distinct)
    assert {normalised(text) for text in stored} == distinct


def test_a_batch_says_which_document_brought_no_new_findings(context, tmp_path):
    text = LETTER.read_text(encoding="utf-8")
    (tmp_path / "a-letter.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b-letter-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    out = StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=StringIO(), workers=0)
    original = SourceDocument.objects.get(filename="a-letter.txt")
    lines = out.getvalue().splitlines()
    assert f"{tmp_path / 'b-letter-utf16.txt'}: same text as {original}: no new findings" in lines
    assert lines[-1] == "2 documents: 2 new, 0 unchanged, 0 failed"
    assert Finding.objects.filter(source__filename="b-letter-utf16.txt").count() == 0
