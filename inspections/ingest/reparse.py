"""Re-reading stored originals after the parser or the themes change, saying what changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ..corrections import corrections_reapply
from ..models import Finding, Judgement, SourceDocument
from ..parsing import ParsedDocument, ParseError
from ..recurring import recurring_weaknesses_refresh
from ..vocabulary import PRIMARY_KINDS, DocumentKind
from .accounts import SourceRanks, account_from_parsed
from .disagreements import disagreement_record
from .documents import IngestContext, _store, document_parse, sha256_of
from .findings import findings_restate
from .held import contribution_hold
from .visits import visit_merge

# Nothing is stored from these yet: one that failed, or an upload a stopped worker left unread.
NEVER_READ = (SourceDocument.Status.FAILED, SourceDocument.Status.QUEUED, SourceDocument.Status.READING)


@dataclass
class ReparseOutcome:
    document: SourceDocument
    added: list[str] = field(default_factory=list)  # finding texts new or changed in this parse
    removed: list[str] = field(default_factory=list)  # finding texts no longer produced
    kept_edited: int = 0  # findings an admin corrected, left as they were
    judgements: list[str] = field(default_factory=list)  # "leadership: good -> outstanding"
    error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.judgements)


def _stored_signature(finding: Finding) -> tuple:
    themes = tuple(sorted(t.slug for t in finding.themes.all()))
    return (finding.text, finding.section, finding.area, finding.polarity, themes)


def _judgements_restate(visit, parsed: ParsedDocument, document, said: dict[str, str]) -> list[str]:
    """This source's judgements as the new parse reads them. A grade that differs from what the
    source said last time was corrected by an admin: it stays."""
    changes = []
    current = {j.area: j for j in visit.judgements.all()}
    for record in parsed.judgements:
        judgement = current.get(record.area)
        if judgement is None:
            Judgement.objects.create(visit=visit, area=record.area, grade=record.grade, source=document)
            changes.append(f"{record.area}: not graded -> {record.grade}")
        elif judgement.source_id != document.pk or judgement.is_reference:
            if judgement.grade != record.grade:
                disagreement_record(
                    visit,
                    f"grade:{record.area}",
                    kept=(judgement.grade, judgement.source),
                    other=(record.grade, document),
                )
        elif judgement.grade != record.grade and judgement.grade == said.get(record.area):
            changes.append(f"{record.area}: {judgement.grade} -> {record.grade}")
            judgement.grade = record.grade
            judgement.save(update_fields=["grade"])
    return changes


def document_reparse(*, document: SourceDocument, context: IngestContext) -> ReparseOutcome:
    """Read a stored original again with today's parser and themes; say what changed.

    A finding keeps its id while its position and text are the same. Findings an admin edited
    stay as they are; findings an admin hid stay hidden; every field an editor corrected (the
    audit log's latest value) is put back; what the visit lacked and the new parse states is
    filled in.
    """
    outcome = ReparseOutcome(document=document)
    data = bytes(document.original)
    known_kind = document.status not in NEVER_READ and document.doc_kind in PRIMARY_KINDS | {
        DocumentKind.NEWS
    }
    kind = document.doc_kind if known_kind else None  # what was never read is told from its content
    try:
        parsed = document_parse(data=data, context=context, kind=kind)
    except ParseError as error:
        outcome.error = str(error)
        return outcome
    if document.status in NEVER_READ:
        with transaction.atomic():
            outcome.document, _ = _store(
                parsed, data=data, sha=sha256_of(data), filename=document.filename, context=context,
                uploaded_by=document.uploaded_by, status=SourceDocument.Status.REVIEW, existing=document,
            )  # fmt: skip
        outcome.added = [f.text for f in parsed.findings]
        return outcome

    with transaction.atomic():
        old = list(document.findings.prefetch_related("themes"))
        edited = {f.position for f in old if f.edited}
        hidden = {f.text for f in old if f.hidden and not f.edited}
        before = {_stored_signature(f) for f in old if not f.edited}
        visit = document.visits.filter(reference_only=False).first()
        if visit is None:
            document.findings.filter(edited=False).delete()
        else:
            if document.copy_of_id is None:
                findings_restate(visit, parsed.findings, document, context.themes)
            link = visit.visit_sources.get(document=document)
            account = account_from_parsed(parsed, authority=visit.authority, document=document)
            if document.status == SourceDocument.Status.REVIEW:
                contribution_hold(
                    visit, account, created=link.held.get("created", False), priors=parsed.prior_judgements
                )
            else:
                outcome.judgements = _judgements_restate(
                    visit, parsed, document, link.stated.get("judgements", {})
                )
                account.judgements = {}  # restated above: a grade an admin corrected stays
                visit_merge(visit, account, SourceRanks(document))
            corrections_reapply([visit, *visit.judgements.all(), *document.findings.all()])
        document.findings.filter(edited=False, text__in=hidden).update(hidden=True)
        after = {
            _stored_signature(f) for f in document.findings.filter(edited=False).prefetch_related("themes")
        }
        outcome.added = sorted(s[0] for s in after - before)
        outcome.removed = sorted(s[0] for s in before - after)
        outcome.kept_edited = len(edited)
        document.extracted_text = parsed.text
        document.parser_version = context.parser_version
        document.warnings = parsed.warnings
        document.save(update_fields=["extracted_text", "parser_version", "warnings"])
        if visit is not None and document.status == SourceDocument.Status.PUBLISHED:
            recurring_weaknesses_refresh([visit.authority_id])
    return outcome
