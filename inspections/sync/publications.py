"""One publication of a provider page: skipped, already stored, or fetched and ingested."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

from authorities.models import Authority

from ..ingest import IngestContext, document_ingest, sha256_of
from ..models import SourceDocument
from ..parsing.extract import sniff_format
from ..parsing.limited import LimitedParsers
from ..parsing.ofsted_site import Publication
from .client import FetchError, SiteClient

_EXTENSIONS = {"pdf": "pdf", "html": "html", "text": "txt"}
_URL_LIMIT = SourceDocument._meta.get_field("source_url").max_length


@dataclass
class Tally:
    found: int = 0
    new: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    to_fetch: int = 0  # a dry run's "new"

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Failure:
    url: str
    reason: str

    def line(self) -> str:
        return f"FAILED {self.url}: {self.reason}"


@dataclass
class Stored:
    """What is stored already, read once per run: publications in it are not fetched again."""

    urls: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> Stored:
        return cls(set(SourceDocument.objects.exclude(source_url="").values_list("source_url", flat=True)))


@dataclass
class PublicationSync:
    """Everything one publication needs from its run."""

    client: SiteClient
    context: IngestContext
    stored: Stored
    since: date | None
    dry_run: bool
    parsers: LimitedParsers | None = None  # each document parsed under the limits of the settings

    def run(self, publication: Publication, authority: Authority, urn: str) -> tuple[str, str]:
        """(status, detail): status new | unchanged | skipped | failed | to_fetch; detail is the
        reason a failure gives, or a note worth a line ("" otherwise)."""
        if self.since and publication.published and publication.published < self.since:
            return "skipped", ""
        if publication.url in self.stored.urls:
            return "unchanged", ""
        if len(publication.url) > _URL_LIMIT:
            return "failed", f"the address is longer than {_URL_LIMIT} characters"
        if self.dry_run:
            return "to_fetch", ""
        try:
            response = self.client.get(publication.url)
        except FetchError as error:
            return "failed", error.reason
        return self._ingest(publication, authority, urn, response.body, response.content_type)

    def _ingest(self, publication, authority, urn, data: bytes, content_type: str) -> tuple[str, str]:
        found_format = sniff_format(data)
        if publication.file_type in (None, "pdf") and found_format != "pdf":
            described = "an HTML page" if found_format == "html" else "not a PDF"
            return "failed", (
                f"the listing offers a PDF but the file is {described} "
                f"({content_type or 'no content type'}, {len(data):,} bytes); not ingested"
            )
        if self._same_bytes_stored(data, publication.url):
            return "unchanged", ""
        outcome = document_ingest(
            data=data,
            filename=_filename(urn, authority, publication, found_format),
            context=self.context,
            published=publication.published,
            source_url=publication.url,
            parsers=self.parsers,
        )
        if outcome.status == "failed":
            return "failed", outcome.error or "could not be read"
        self.stored.urls.add(publication.url)
        if outcome.visit is not None and outcome.visit.authority_id != authority.pk:
            return outcome.status, (
                f"{publication.url}: listed under {authority.name} but reads as about "
                f"{outcome.visit.authority.name}; stored as the document says"
            )
        if outcome.copy_note:
            return outcome.status, f"{publication.url}: {outcome.copy_note}"
        return outcome.status, ""

    def _same_bytes_stored(self, data: bytes, url: str) -> bool:
        """Bytes stored already (from a file, or under another address): nothing to ingest. A
        document stored without an address gets this one, so the next run does not fetch it."""
        existing = (
            SourceDocument.objects.filter(sha256=sha256_of(data)).only("pk", "source_url", "status").first()
        )
        if existing is None or existing.status == SourceDocument.Status.FAILED:
            return False
        if not existing.source_url:
            existing.source_url = url
            existing.save(update_fields=["source_url"])
        self.stored.urls.add(url)
        return True


def _filename(urn: str, authority: Authority, publication: Publication, found_format: str) -> str:
    """ "80519_westminster_2025-01-29_childrens-services-inspection.pdf" """
    when = publication.published.isoformat() if publication.published else "undated"
    name = slugify(publication.name)[:60] or "publication"
    return f"{urn}_{authority.slug}_{when}_{name}.{_EXTENSIONS.get(found_format, 'bin')}"
