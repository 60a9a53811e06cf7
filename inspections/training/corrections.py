"""Admins' corrections of themes and polarity, kept as labels to learn from."""

from __future__ import annotations

from ..models import Finding, FindingLabel
from .dataset import Example


def correction_record(finding: Finding, *, user) -> FindingLabel | None:
    """Keep the finding's themes and polarity as a person's label, if they differ from the last one
    kept for it (saving a finding unchanged teaches nothing new)."""
    themes = sorted(finding.themes.values_list("slug", flat=True))
    last = finding.labels.order_by("-labelled_at", "-pk").first()
    if last is not None and (last.themes, last.polarity, last.text) == (
        themes,
        finding.polarity,
        finding.text,
    ):
        return None
    return FindingLabel.objects.create(
        finding=finding,
        document_sha256=finding.source.sha256,
        text=finding.text,
        section=finding.section,
        area=finding.area,
        themes=themes,
        polarity=finding.polarity,
        labelled_by=user,
    )


def corrections_as_examples() -> list[Example]:
    """The latest correction of each finding (or of each text whose finding is gone), as examples."""
    latest: dict[tuple, FindingLabel] = {}
    for label in FindingLabel.objects.order_by("labelled_at", "pk"):
        latest[(label.finding_id or label.text, label.document_sha256)] = label
    return [
        Example(
            id=f"correction-{label.pk}",
            group=f"document:{label.document_sha256}",
            text=label.text,
            section=label.section,
            area=label.area or None,
            themes=tuple(sorted(label.themes)),
            polarity=label.polarity,
            labeller=f"user-{label.labelled_by_id}" if label.labelled_by_id else "",
        )
        for label in latest.values()
    ]
