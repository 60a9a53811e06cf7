"""Titles for documents that state none: what the document is and the visit it describes
("News summary: Wandsworth focused visit"), never its file name. Such a title follows the visit:
when a later source says what kind of visit it was, the title says so too."""

from __future__ import annotations

from ..models import SourceDocument, Visit
from ..vocabulary import readable_title

_MAX = SourceDocument._meta.get_field("title").max_length


def title_make(document: SourceDocument, visit: Visit) -> None:
    """Give a stored document that states no title one made from its visit."""
    if document.title:
        return
    document.title = readable_title(document.doc_kind, visit.authority.name, visit.visit_type)[:_MAX]
    document.title_made = True
    document.save(update_fields=["title", "title_made"])


def made_titles_refresh(visit: Visit) -> None:
    """The made titles of a visit's documents, as the visit now is."""
    if visit.reference_only:
        return
    documents = SourceDocument.objects.filter(visit_sources__visit=visit, title_made=True).only(
        "pk", "doc_kind", "title"
    )
    for document in documents:
        title = readable_title(document.doc_kind, visit.authority.name, visit.visit_type)[:_MAX]
        if title != document.title:
            document.title = title
            document.save(update_fields=["title"])
