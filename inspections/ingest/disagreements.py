"""Two sources say different things about one visit: both values are kept."""

from __future__ import annotations

import logging

from ..models import Disagreement, SourceDocument, Visit

logger = logging.getLogger(__name__)


def disagreement_record(
    visit: Visit,
    field_name: str,
    *,
    kept: tuple[str, SourceDocument | None],
    other: tuple[str, SourceDocument | None],
) -> bool:
    """Record that two sources disagree (or bring the record up to date); True if anything changed."""
    (kept_value, kept_source), (other_value, other_source) = kept, other
    if other_source is None:
        return False
    record, created = Disagreement.objects.get_or_create(
        visit=visit,
        field=field_name,
        other_source=other_source,
        defaults={"kept_value": kept_value, "kept_source": kept_source, "other_value": other_value},
    )
    if not created:
        if (record.kept_value, record.kept_source_id, record.other_value) == (
            kept_value,
            kept_source.pk if kept_source else None,
            other_value,
        ):
            return False
        record.kept_value, record.kept_source, record.other_value = kept_value, kept_source, other_value
        record.save(update_fields=["kept_value", "kept_source", "other_value"])
    logger.info("%s: %s kept %r, %s said %r", visit, field_name, kept_value, other_source, other_value)
    return True
