"""Tagging stored findings again after a new theme model or an edited theme, without re-parsing.

In batches, each its own short transaction, so pages keep answering while it runs. Findings an
admin corrected stay as they are.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from ..models import Finding, FindingTheme, SourceDocument
from ..parsing import PARSER_VERSION, findings_classify
from ..parsing.records import FindingRecord
from ..recurring import recurring_weaknesses_refresh
from .documents import IngestContext
from .findings import rows_insert

logger = logging.getLogger(__name__)

BATCH = 500


@dataclass
class RetagOutcome:
    findings: int = 0
    themes_changed: int = 0  # findings whose themes changed
    polarity_changed: int = 0
    gained: Counter = field(default_factory=Counter)  # theme slug -> findings that gained it
    lost: Counter = field(default_factory=Counter)


def _batch_retag(ids: tuple[int, ...], context: IngestContext, outcome: RetagOutcome) -> None:
    findings = list(Finding.objects.filter(pk__in=ids).only("pk", "text", "section", "area", "polarity"))
    current: dict[int, set[str]] = {f.pk: set() for f in findings}
    for finding_id, slug in FindingTheme.objects.filter(finding__in=ids).values_list(
        "finding_id", "theme__slug"
    ):
        current[finding_id].add(slug)
    records = [FindingRecord(text=f.text, section=f.section, area=f.area or None) for f in findings]
    findings_classify(records, context.rules, context.model)
    relinked, links = [], []
    for finding, record in zip(findings, records, strict=True):
        outcome.findings += 1
        themes = {slug for slug in record.themes if slug in context.themes}
        if themes != current[finding.pk]:
            outcome.themes_changed += 1
            outcome.gained.update(themes - current[finding.pk])
            outcome.lost.update(current[finding.pk] - themes)
            relinked.append(finding.pk)
            links += [
                (finding.pk, context.themes[slug].pk, ", ".join(record.theme_evidence.get(slug, []))[:300])
                for slug in record.themes
                if slug in themes
            ]
        if record.polarity != finding.polarity:
            outcome.polarity_changed += 1
            Finding.objects.filter(pk=finding.pk).update(polarity=record.polarity)
    FindingTheme.objects.filter(finding__in=relinked).delete()
    rows_insert(FindingTheme, ["finding_id", "theme_id", "evidence"], links)


def findings_retag(
    *, context: IngestContext, progress: Callable[[int, int], None] | None = None
) -> RetagOutcome:
    """Every finding not corrected by hand, tagged again with today's model and themes."""
    outcome = RetagOutcome()
    ids = list(Finding.objects.filter(edited=False).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = tuple(ids[start : start + BATCH])
        with transaction.atomic():
            _batch_retag(chunk, context, outcome)
        if progress:
            progress(outcome.findings, len(ids))
    authorities = Finding.objects.order_by().values_list("visit__authority_id", flat=True).distinct()
    for authority_id in authorities:
        with transaction.atomic():
            recurring_weaknesses_refresh([authority_id])
    SourceDocument.objects.filter(parser_version__startswith=f"{PARSER_VERSION}+").update(
        parser_version=context.parser_version
    )
    logger.info("re-tagged %d findings: %d changed themes", outcome.findings, outcome.themes_changed)
    return outcome
