"""Typed records the parser returns. No Django here: bytes in, these out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


class ParseError(Exception):
    """A document could not be read. The message says why, for a person to read."""


@dataclass(frozen=True)
class Inspector:
    name: str
    role: str | None = None


@dataclass(frozen=True)
class JudgementRecord:
    area: str
    grade: str


@dataclass(frozen=True)
class PriorJudgement:
    """A judgement the document only refers to ("judged inadequate ... in April 2017")."""

    area: str
    grade: str
    date: date | None = None  # first of the month (or year) when only that much is stated
    date_precision: str = "day"  # day | month | year: how much of `date` the document stated


@dataclass
class FindingRecord:
    text: str
    section: str  # overview | improvement | finding
    area: str | None = None  # judgement area a report paragraph sits under
    polarity: str = "neutral"  # strength | concern | mixed | neutral
    themes: list[str] = field(default_factory=list)
    position: int = 0  # order within the document, from 0
    # theme slug -> the words in the text that matched that theme's patterns
    theme_evidence: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class AuthorityMention:
    """An authority as the document names it; ingest matches it to a row."""

    name: str
    ons_code: str | None = None


@dataclass
class ParsedDocument:
    format: str  # pdf | html | text
    doc_kind: str  # letter | report | news
    text: str  # the extracted text, kept with the document
    title: str | None = None
    authority: AuthorityMention | None = None
    other_authorities: list[str] = field(default_factory=list)
    visit_type: str | None = None
    visit_type_stated: bool = False  # the document says it, rather than dates implying it
    visit_start: date | None = None
    visit_end: date | None = None
    published: date | None = None
    sequence: str | None = None  # "sixth and final monitoring visit"
    focus: str | None = None
    summary: str | None = None
    source_url: str | None = None
    inspectors: list[Inspector] = field(default_factory=list)
    judgements: list[JudgementRecord] = field(default_factory=list)
    prior_judgements: list[PriorJudgement] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_count: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)
