"""The inspections app's models, one module per part of the record."""

# The sync's and the audit log's models, in their own modules.
from inspections.audit import AuditEntry
from inspections.sync.models import OfstedProvider, SyncRun

from .counts import FindingCount, VisitThemeCount
from .documents import SourceDocument
from .findings import (
    NEWEST_FIRST,
    Finding,
    FindingFacetRow,
    FindingLabel,
    FindingQuerySet,
    FindingTheme,
    Theme,
)
from .latest import LatestJudgement
from .recurring import RecurringOccurrence, RecurringWeakness
from .version import DataVersion
from .visits import (
    Disagreement,
    DisagreementQuerySet,
    Judgement,
    JudgementQuerySet,
    Visit,
    VisitQuerySet,
    VisitSource,
)

__all__ = [
    "NEWEST_FIRST",
    "AuditEntry",
    "DataVersion",
    "Disagreement",
    "DisagreementQuerySet",
    "Finding",
    "FindingCount",
    "FindingFacetRow",
    "FindingLabel",
    "FindingQuerySet",
    "FindingTheme",
    "Judgement",
    "JudgementQuerySet",
    "LatestJudgement",
    "OfstedProvider",
    "RecurringOccurrence",
    "RecurringWeakness",
    "SourceDocument",
    "SyncRun",
    "Theme",
    "Visit",
    "VisitQuerySet",
    "VisitSource",
    "VisitThemeCount",
]
