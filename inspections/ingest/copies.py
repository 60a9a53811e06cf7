"""A document whose text another source of the same visit already has, in any format.

Identity by bytes (sha256) misses the same letter saved as text, as UTF-16 or as a PDF. Texts are
compared as sets of word 4-grams of their normalised text (findings.shingles): a Jaccard
similarity of COPY_SIMILARITY or more makes a copy. A copy brings no findings of its own.
"""

from __future__ import annotations

from ..models import SourceDocument, Visit
from .findings import shingles

COPY_SIMILARITY = 0.9
_NOT_SOURCES = (
    SourceDocument.Status.FAILED,
    SourceDocument.Status.DISCARDED,
    SourceDocument.Status.SUPERSEDED,
)


def text_similarity(one: set, other: set) -> float:
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)


def stored_copy(visit: Visit, document: SourceDocument) -> SourceDocument | None:
    """The first stored source of `visit` whose text is the same as, or nearly, `document`'s."""
    candidates = (
        SourceDocument.objects.filter(visit_sources__visit=visit)
        .exclude(pk=document.pk)
        .exclude(status__in=_NOT_SOURCES)
        .exclude(extracted_text="")
        .only("pk", "title", "filename", "status", "extracted_text")
        .order_by("pk")
    )
    own = None  # a visit's first source is compared with nothing: its text is not read
    for other in candidates:
        own = own if own is not None else shingles(document.extracted_text)
        if text_similarity(own, shingles(other.extracted_text)) >= COPY_SIMILARITY:
            return other
    return None
