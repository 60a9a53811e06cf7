"""An admin's decisions on a document awaiting review: publish it, or, for a copy of a stored
document, keep both (publish: the copy brings no findings), replace the stored one, or discard it.

Originals are never thrown away: a superseded or discarded document keeps its bytes and says why
it is not a source.
"""

from __future__ import annotations

from django.db import transaction

from ..models import Disagreement, Finding, Judgement, SourceDocument, VisitSource
from ..recurring import recurring_weaknesses_refresh
from .held import held_apply


def document_publish(*, document: SourceDocument) -> bool:
    """Publish a document awaiting review, with what it held back; False if it was not awaiting review."""
    if document.status != SourceDocument.Status.REVIEW:
        return False
    with transaction.atomic():
        held_apply(document)
        document.status = SourceDocument.Status.PUBLISHED
        document.save(update_fields=["status"])
        recurring_weaknesses_refresh(document.visits.values_list("authority_id", flat=True))
    return True


def copy_replace(*, document: SourceDocument) -> bool:
    """The copy becomes the source of what the stored document gave (its findings keep their ids and
    corrections); the stored one is kept, superseded. False if `document` is not a copy awaiting review."""
    stored = document.copy_of
    if stored is None or document.status != SourceDocument.Status.REVIEW:
        return False
    with transaction.atomic():
        Finding.objects.filter(source=stored).update(source=document)
        Judgement.objects.filter(source=stored).update(source=document)
        Disagreement.objects.filter(kept_source=stored).update(kept_source=document)
        Disagreement.objects.filter(other_source=stored).update(other_source=document)
        stored.status, stored.copy_of = SourceDocument.Status.SUPERSEDED, document
        stored.save(update_fields=["status", "copy_of"])
        document.copy_of = None
        document.save(update_fields=["copy_of"])
        document_publish(document=document)
    return True


def copy_discard(*, document: SourceDocument) -> bool:
    """The copy is no source of anything; its bytes are kept. False if it is not a copy awaiting review."""
    if document.copy_of is None or document.status != SourceDocument.Status.REVIEW:
        return False
    with transaction.atomic():
        VisitSource.objects.filter(document=document).delete()
        document.status = SourceDocument.Status.DISCARDED
        document.save(update_fields=["status"])
    return True
