"""Storing a document's findings, each once for its visit.

A finding whose text (normalised: Unicode NFKC, case, whitespace) the visit already has, from this
document or another, is not stored again. Primary sources (letters, reports) outrank news
summaries: a summary's findings that repeat a primary source's are not stored, whichever arrived
first; a primary document awaiting review takes nothing away until it is published.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from django.db import connection

from ..models import Finding, FindingTheme, SourceDocument, Theme, Visit
from ..parsing.records import FindingRecord
from ..vocabulary import PRIMARY_KINDS

logger = logging.getLogger(__name__)

# A finding repeats others when this share of its word 4-grams stand among theirs.
REPEAT_THRESHOLD = 0.6
SHINGLE_WORDS = 4


def normalised(text: str) -> str:
    """The text as compared for sameness: NFKC, case-folded, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("’", "'").split())


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", normalised(text))
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
    primaries = [f for f in others if f.source.doc_kind in PRIMARY_KINDS]
    if document.doc_kind in PRIMARY_KINDS:
        # The summaries' repeats of this document go, now or when it is published.
        records = _not_stored_yet(records, primaries)
        if document.status != SourceDocument.Status.REVIEW:
            _summary_repeats_delete(visit, [r.text for r in records], others, document)
    else:
        records = _not_stored_yet(records, others)
    if document.doc_kind not in PRIMARY_KINDS and primaries:
        pool: set[tuple[str, ...]] = set()
        for finding in primaries:
            pool |= shingles(finding.text)
        kept = [r for r in records if not repeats(r.text, pool)]
        if len(kept) < len(records):
            logger.info(
                "%s: %d findings of %s repeat a primary source", visit, len(records) - len(kept), document
            )
        records = kept
    findings_create(visit=visit, document=document, records=records, themes=themes)


def _not_stored_yet(records: list[FindingRecord], others: list[Finding]) -> list[FindingRecord]:
    """The records whose text neither the visit nor an earlier record already has."""
    seen = {normalised(f.text) for f in others}
    kept = []
    for record in records:
        text = normalised(record.text)
        if text not in seen:
            seen.add(text)
            kept.append(record)
    return kept


def _summary_repeats_delete(visit: Visit, texts: list[str], others: list[Finding], document) -> None:
    summaries = [f for f in others if f.source.doc_kind not in PRIMARY_KINDS]
    if not summaries:
        return
    pool: set[tuple[str, ...]] = set()
    for text in texts:
        pool |= shingles(text)
    repeated = [f.pk for f in summaries if repeats(f.text, pool)]
    Finding.objects.filter(pk__in=repeated).delete()
    if repeated:
        logger.info("%s: %d summary findings repeat %s, removed", visit, len(repeated), document)


def summary_repeats_remove(visit: Visit, document: SourceDocument) -> None:
    """On publishing a primary document: the visit's news summary findings it repeats go."""
    if document.doc_kind not in PRIMARY_KINDS:
        return
    others = list(
        Finding.objects.filter(visit=visit)
        .exclude(source=document)
        .select_related("source")
        .only("pk", "text", "source__doc_kind")
    )
    texts = Finding.objects.filter(visit=visit, source=document).values_list("text", flat=True)
    _summary_repeats_delete(visit, list(texts), others, document)


def findings_restate(
    visit: Visit, records: list[FindingRecord], document: SourceDocument, themes: dict[str, Theme]
) -> None:
    """The document's findings brought in line with a new parse, each keeping its id while its
    position and text are the same: such a finding is updated in place (section, area, polarity,
    themes; `hidden` stays as it is), one no longer produced is deleted, a new one is stored.
    Findings an admin edited are left as they are, and no record takes their positions."""
    stored = {(f.position, f.text): f for f in document.findings.all()}
    edited = {f.position for f in stored.values() if f.edited}
    kept: dict[int, FindingRecord] = {}
    updated, unmatched = [], []
    for record in records:
        if record.position in edited:
            continue
        finding = stored.pop((record.position, record.text), None)
        if finding is None:
            unmatched.append(record)
            continue
        finding.section, finding.area, finding.polarity = record.section, record.area or "", record.polarity
        updated.append(finding)
        kept[finding.pk] = record
    Finding.objects.filter(pk__in=[f.pk for f in stored.values() if not f.edited]).delete()
    Finding.objects.bulk_update(updated, ["section", "area", "polarity"], batch_size=500)
    _themes_restate(kept, themes)
    findings_store(visit, unmatched, document, themes)


def _theme_links(finding_id: int, record: FindingRecord, themes: dict[str, Theme]) -> list[tuple]:
    return [
        (finding_id, themes[slug].pk, ", ".join(dict.fromkeys(record.theme_evidence.get(slug, [])))[:300])
        for slug in record.themes
        if slug in themes
    ]


def _themes_restate(records: dict[int, FindingRecord], themes: dict[str, Theme]) -> None:
    """Theme links of these findings (by id) as their records say, rewritten only where they differ."""
    current: dict[int, set[tuple]] = {finding_id: set() for finding_id in records}
    for row in FindingTheme.objects.filter(finding__in=list(records)).values_list(
        "finding_id", "theme_id", "evidence"
    ):
        current[row[0]].add(row)
    changed = {pk: _theme_links(pk, record, themes) for pk, record in records.items()}
    changed = {pk: links for pk, links in changed.items() if set(links) != current[pk]}
    FindingTheme.objects.filter(finding__in=list(changed)).delete()
    rows_insert(
        FindingTheme,
        ["finding_id", "theme_id", "evidence"],
        [row for links in changed.values() for row in links],
    )


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
        [row for r in records for row in _theme_links(ids[r.position], r, themes)],
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
