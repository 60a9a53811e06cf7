"""A source's account of a visit, and how far each kind of source is believed.

Every source (a letter, a report, a news summary, rows of Ofsted's statistics workbook, a
document fetched from Ofsted's site) is the same thing to the merging service: an account of one
visit, from one SourceDocument, with the values that source states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from authorities.models import Authority

from ..models import SourceDocument
from ..parsing import ParsedDocument
from ..vocabulary import DocumentKind, VisitType

# How far a source is believed when sources disagree (higher wins). Of two sources of one kind the
# first one's values stay, except that a later edition of Ofsted's statistics supersedes an earlier.
SOURCE_RANK = {
    DocumentKind.LETTER: 3,
    DocumentKind.REPORT: 3,
    DocumentKind.STATISTICS: 2,
    DocumentKind.NEWS: 1,
}
SEQUENCE_LENGTH = 100


@dataclass
class VisitAccount:
    """What one source says about one visit. A value the source does not state is None or empty."""

    authority: Authority
    document: SourceDocument
    visit_type: str | None = None
    visit_type_stated: bool = False  # the source says the type (rather than its dates implying it)
    start_date: date | None = None
    end_date: date | None = None
    published: date | None = None
    sequence: str = ""
    focus: str = ""
    summary: str = ""
    inspectors: list[dict] = field(default_factory=list)
    judgements: dict[str, str] = field(default_factory=dict)  # area -> grade
    findings: list[str] = field(default_factory=list)  # texts, for matching an undated account
    row: str = ""  # where in the document (sheet and row)
    stated: dict = field(default_factory=dict)  # kept on the VisitSource as this source gave it

    @property
    def states_publication(self) -> bool:
        """A news article's date is when it was written, not when Ofsted published the visit."""
        return self.document.doc_kind != DocumentKind.NEWS


def account_from_parsed(
    parsed: ParsedDocument, *, authority: Authority, document: SourceDocument
) -> VisitAccount:
    """A letter's, report's or news summary's account of the visit it is about."""
    return VisitAccount(
        authority=authority,
        document=document,
        visit_type=parsed.visit_type,
        visit_type_stated=parsed.visit_type_stated,
        start_date=parsed.visit_start,
        end_date=parsed.visit_end,
        published=parsed.published,
        sequence=(parsed.sequence or "")[:SEQUENCE_LENGTH],
        focus=parsed.focus or "",
        summary=parsed.summary or "",
        inspectors=[{"name": i.name, "role": i.role} for i in parsed.inspectors],
        judgements={j.area: j.grade for j in parsed.judgements},
        findings=[f.text for f in parsed.findings],
        stated={
            "visit_type": parsed.visit_type,
            "visit_start": parsed.visit_start.isoformat() if parsed.visit_start else None,
            "visit_end": parsed.visit_end.isoformat() if parsed.visit_end else None,
            "published": parsed.published.isoformat() if parsed.published else None,
            "judgements": {j.area: j.grade for j in parsed.judgements},
        },
    )


def account_visit_type(account: VisitAccount) -> str:
    return account.visit_type or VisitType.OTHER


class SourceRanks:
    """Which of two sources to believe. Documents are read once (without their bytes) per batch."""

    def __init__(self, *documents: SourceDocument):
        self._cache: dict[int, SourceDocument] = {d.pk: d for d in documents}

    def get(self, pk: int | None) -> SourceDocument | None:
        if pk is None:
            return None
        if pk not in self._cache:
            self._cache[pk] = SourceDocument.objects.only("pk", "doc_kind", "published", "uploaded_at").get(
                pk=pk
            )
        return self._cache[pk]

    @staticmethod
    def key(document: SourceDocument) -> tuple:
        edition = document.published or (document.uploaded_at.date() if document.uploaded_at else date.min)
        return (SOURCE_RANK.get(document.doc_kind, 0), edition, document.pk)

    def outranks(self, document: SourceDocument, other_pk: int | None) -> bool:
        """Is `document` believed over the other source (None: a value no source gave)?"""
        other = self.get(other_pk)
        if other is None:
            return True
        mine, theirs = self.key(document), self.key(other)
        if mine[0] != theirs[0] or document.doc_kind == DocumentKind.STATISTICS:
            return mine > theirs
        return False

    def lead(self, document_pks: Iterable[int]) -> SourceDocument | None:
        """The most authoritative of these sources."""
        documents = [d for d in (self.get(pk) for pk in document_pks) if d is not None]
        return max(documents, key=self.key, default=None)
