"""The whole corpus through `manage.py ingest` (worker processes and all) into this database, and
what was stored read back against the labels, as tests/parsing/test_corpus.py reads the parse."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections.models import SourceDocument
from inspections.parsing.records import (
    AuthorityMention,
    FindingRecord,
    Inspector,
    JudgementRecord,
    ParsedDocument,
)
from tests.parsing.test_corpus import LABELS, compare, impostors
from tests.paths import CORPUS

pytestmark = pytest.mark.corpus


def stored_as_parsed(document: SourceDocument) -> ParsedDocument:
    """What the database holds of one document, in the shape the label comparison reads."""
    visit = document.visits.get(reference_only=False)
    return ParsedDocument(
        format=document.format,
        doc_kind=document.doc_kind,
        text="",
        authority=AuthorityMention(visit.authority.name, visit.authority.ons_code),
        visit_type=visit.visit_type,
        visit_start=visit.start_date,
        visit_end=visit.end_date,
        published=document.published,
        inspectors=[Inspector(i["name"], i["role"]) for i in visit.inspectors],
        judgements=[JudgementRecord(j.area, j.grade) for j in visit.judgements.filter(source=document)],
        findings=[
            FindingRecord(text=f.text, section=f.section, area=f.area or None)
            for f in document.findings.order_by("position")
        ],
    )


def test_whole_corpus_ingested_matches_the_labels(reference_data, settings):
    settings.INGEST_WORKERS = 2
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("ingest", str(CORPUS), stdout=out, stderr=err)
    assert failed.value.returncode == 1
    [impostor] = impostors()
    assert [line for line in err.getvalue().splitlines() if line.startswith("FAILED")] == [
        f"FAILED {CORPUS / impostor}: this is an HTML page ('Report not found'), not a report"
    ]
    assert f"{len(LABELS)} documents: {len(LABELS) - 1} new, 0 unchanged, 1 failed" in out.getvalue()

    checks = []
    for document in SourceDocument.objects.all():
        checks.extend(compare(document.filename, stored_as_parsed(document)))
    right, total = Counter(), Counter()
    for check in checks:
        total[check.field] += 1
        right[check.field] += check.ok
    print("\nstored field accuracy:", ", ".join(f"{f} {right[f]}/{total[f]}" for f in total))
    assert total["judgements"] >= 55 and total["numbered_paragraphs"] >= 30
    assert [str(c) for c in checks if not c.ok] == []
