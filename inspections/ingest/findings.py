"""Storing a document's findings, each once for its visit.

Primary sources (letters, reports) outrank news summaries: a summary's findings that repeat a
primary source's are not stored, whichever arrived first.
"""

from __future__ import annotations

import logging
import re

from django.db import connection

from ..models import Finding, FindingTheme, SourceDocument, Theme, Visit
from ..parsing.records import FindingRecord
from ..vocabulary import PRIMARY_KINDS

logger = logging.getLogger(__name__)

# A finding repeats others when this share of its word 4-grams stand among theirs.
REPEAT_THRESHOLD = 0.6
SHINGLE_WORDS = 4


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    if len(words) < SHINGLE_WORDS:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def repeats(text: str, pool: set[tuple[str, ...]]) -> bool:
    own = shingles(text)
    return bool(own) and len(own & pool) / len(own) >= REPEAT_THRESHOLD


def repeated_share(texts, others) -> float:
    """The share of `texts` that repeat something among `others`."""
    pool: set[tuple[str, ...]] = set()
    for other in others:
        pool |= shingles(other)
    if not texts or not pool:
        return 0.0
    return sum(repeats(t, pool) for t in texts) / len(texts)


def findings_store(
    visit: Visit, records: list[FindingRecord], document: SourceDocument, themes: dict[str, Theme]
) -> None:
    others = list(
        Finding.objects.filter(visit=visit).select_related("source").only("pk", "text", "source__doc_kind")
    )
    summaries = [f for f in others if f.source.doc_kind not in PRIMARY_KINDS]
    if document.doc_kind in PRIMARY_KINDS and summaries:
        pool: set[tuple[str, ...]] = set()
        for record in records:
            pool |= shingles(record.text)
        repeated = [f.pk for f in summaries if repeats(f.text, pool)]
        Finding.objects.filter(pk__in=repeated).delete()
        if repeated:
            logger.info("%s: %d summary findings repeat %s, removed", visit, len(repeated), document)
    elif document.doc_kind not in PRIMARY_KINDS and len(summaries) < len(others):
        pool = set()
        for finding in others:
            if finding.source.doc_kind in PRIMARY_KINDS:
                pool |= shingles(finding.text)
        kept = [r for r in records if not repeats(r.text, pool)]
        if len(kept) < len(records):
            logger.info(
                "%s: %d findings of %s repeat a primary source", visit, len(records) - len(kept), document
            )
        records = kept
    findings_create(visit=visit, document=document, records=records, themes=themes)


def findings_create(
    *, visit: Visit, document: SourceDocument, records: list[FindingRecord], themes: dict[str, Theme]
) -> None:
    rows_insert(
        Finding,
        [
            "visit_id",
            "sort_date",
            "source_id",
            "position",
            "text",
            "section",
            "area",
            "polarity",
            "edited",
            "hidden",
        ],
        [
            (
                visit.pk,
                visit.sort_date,
                document.pk,
                r.position,
                r.text,
                r.section,
                r.area or "",
                r.polarity,
                False,
                False,
            )
            for r in records
        ],
    )
    ids = dict(Finding.objects.filter(source=document).values_list("position", "pk"))
    rows_insert(
        FindingTheme,
        ["finding_id", "theme_id", "evidence"],
        [
            (ids[r.position], themes[slug].pk, ", ".join(dict.fromkeys(r.theme_evidence.get(slug, [])))[:300])
            for r in records
            for slug in r.themes
            if slug in themes
        ],
    )


def rows_insert(model, columns: list[str], rows: list[tuple]) -> None:
    """One executemany for many rows. A report brings about a hundred findings and four hundred
    theme links: this costs a fifth of what bulk_create's model instances do (BENCHMARKS.md)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    values = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({values})", rows)
