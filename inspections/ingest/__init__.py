"""Sources -> rows: one merging service for every source, one transaction per document.

- documents.py: a document's bytes -> its source document, visit, judgements and findings
- pipeline.py: batches of files, parsed in limited child processes while this one stores
- uploads.py: an upload kept at once, queued, then read by the background worker (db_worker)
- accounts.py: a source's account of a visit, and which source is believed
- visits.py: matching an account to a stored visit, creating or merging it
- references.py: judgements a document only refers to, on reference-only visits
- findings.py: storing findings, each once for its visit
- disagreements.py: recording what two sources say differently
- held.py: what a document awaiting review brings, held aside until it is published
- copies.py: a document whose text another source of the same visit already has
- publishing.py: publishing, and keeping, replacing or discarding a copy
- statistics.py: Ofsted's official statistics workbook -> the same accounts
- reparse.py: re-reading stored originals
"""

from .documents import (
    IngestContext,
    IngestError,
    IngestOutcome,
    document_ingest,
    document_parse,
    document_read,
    parsed_as_json,
    reference_gazetteer,
    sha256_of,
)
from .pipeline import documents_ingest
from .publishing import copy_discard, copy_replace, document_publish
from .reparse import ReparseOutcome, document_reparse
from .statistics import ImportResult, StatisticsImportError, import_outcomes, save_outcomes

__all__ = [
    "ImportResult",
    "IngestContext",
    "IngestError",
    "IngestOutcome",
    "ReparseOutcome",
    "StatisticsImportError",
    "copy_discard",
    "copy_replace",
    "document_ingest",
    "document_parse",
    "document_publish",
    "document_read",
    "document_reparse",
    "documents_ingest",
    "import_outcomes",
    "parsed_as_json",
    "reference_gazetteer",
    "save_outcomes",
    "sha256_of",
]
